"""The tax subgraph: natural-person taxpayers, annual summaries and tax clearance."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from agencies.population.generator import today_in_sanming
from agencies.tax import models, services
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.idnumber import require_id_number
from subgraph.pagination import Page, page_of

# One shared ordering object, so that every taxpayer's summaries go through one loader.
NEWEST_YEAR_FIRST = (models.AnnualTaxSummary.year.desc(),)


@strawberry.type(description="One year's individual income tax summary; amounts in fen (分).")
class AnnualTaxSummary:
    year: int = strawberry.field(description="The tax year.")
    income_fen: int = strawberry.field(description="Annual income in fen (1 yuan = 100 fen).")
    tax_paid_fen: int = strawberry.field(
        description="Individual income tax paid for the year, in fen (1 yuan = 100 fen)."
    )

    @staticmethod
    def from_row(row: models.AnnualTaxSummary) -> AnnualTaxSummary:
        return convert.from_row(AnnualTaxSummary, row)


@strawberry.type(description="Whether a taxpayer owes tax (无欠税证明), as of today.")
class TaxClearance:
    cleared: bool = strawberry.field(description="True when nothing is outstanding.")
    outstanding_fen: int = strawberry.field(
        description="Tax owed in fen (1 yuan = 100 fen); 0 when cleared."
    )
    as_of: date = strawberry.field(description="The day the clearance was stated (China time).")


@strawberry.federation.type(
    keys=["taxpayerNumber"], description="A natural person registered for individual income tax."
)
class Taxpayer:
    taxpayer_number: str = strawberry.field(
        description="Taxpayer identification number: the person's 18-character citizen ID number."
    )
    registered_on: date = strawberry.field(description="Day of the tax registration.")
    tax_office: str = strawberry.field(
        description="Code of the county tax office: 1, the GB/T 2260 county code, 00."
    )
    outstanding_fen: strawberry.Private[int]

    @strawberry.field(description="The registered person (resolved by the police).")
    def person(self) -> Person:
        return Person(id_number=self.taxpayer_number)

    @strawberry.field(description="Annual income tax summaries, newest year first.")
    async def annual_summaries(self, info: Info) -> list[AnnualTaxSummary]:
        return await load_list(
            info,
            models.AnnualTaxSummary.taxpayer_id,
            key=self.taxpayer_number,
            convert=AnnualTaxSummary.from_row,
            order_by=NEWEST_YEAR_FIRST,
        )

    @strawberry.field(description="Whether the taxpayer owes tax today.")
    def clearance(self) -> TaxClearance:
        return TaxClearance(
            cleared=self.outstanding_fen == 0,
            outstanding_fen=self.outstanding_fen,
            as_of=today_in_sanming(),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, taxpayerNumber: str) -> Taxpayer | None:
        return await load_one(info, models.Taxpayer.person_id, taxpayerNumber, cls.from_row)

    @staticmethod
    def from_row(row: models.Taxpayer) -> Taxpayer:
        return convert.from_row(Taxpayer, row, taxpayer_number=row.person_id)


@strawberry.federation.type(
    keys=["idNumber"], description="A person of the household register (owned by the police)."
)
class Person:
    id_number: str = strawberry.field(description="18-character citizen ID number (GB 11643).")

    @strawberry.field(description="The person's taxpayer registration; null if not registered.")
    async def taxpayer(self, info: Info) -> Taxpayer | None:
        return await load_one(info, models.Taxpayer.person_id, self.id_number, Taxpayer.from_row)

    @classmethod
    def resolve_reference(cls, idNumber: str) -> Person:
        return cls(id_number=idNumber)


@strawberry.type(description="Tax lookups for staff.")
class Query:
    @strawberry.field(description="A taxpayer by taxpayer number; null if not registered.")
    async def taxpayer(self, info: Info, taxpayer_number: str) -> Taxpayer | None:
        require_id_number(taxpayer_number)
        return await load_one(info, models.Taxpayer.person_id, taxpayer_number, Taxpayer.from_row)

    @strawberry.field(description="Taxpayers of a tax office who owe tax, by taxpayer number.")
    async def taxpayers_with_arrears(
        self, info: Info, tax_office: str, first: int = 20, after: str | None = None
    ) -> Page[Taxpayer]:
        rows, page_info = await call_service(
            info, services.taxpayers_with_arrears, tax_office=tax_office, first=first, after=after
        )
        return page_of(rows, page_info, Taxpayer.from_row)


TYPES = [Taxpayer, Person]
