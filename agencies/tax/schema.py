"""The tax subgraph: natural-person taxpayers, annual summaries and tax clearance."""

from __future__ import annotations

from datetime import date

import strawberry
from sqlalchemy import func
from strawberry.types import Info

from agencies.population.generator import today_in_sanming
from agencies.tax import models, services
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.execution.name_change import name_changes_field, record_name_change_field
from subgraph.guard import BASIC, PUBLIC, SENSITIVE, Attr, Guard, Guarded, id_number_region
from subgraph.idnumber import require_id_number
from subgraph.pagination import Page, page_of

# A tax office is "1", the GB/T 2260 code of its county, "00": the taxpayer's region and unit.
TAX_OFFICE_REGION = Attr(
    lambda taxpayer: taxpayer.tax_office[1:7],
    column=func.substr(models.Taxpayer.tax_office, 2, 6),
)
TAXPAYER_NUMBER = Attr("taxpayer_number", column=models.Taxpayer.person_id)

# One shared ordering object, so that every taxpayer's summaries go through one loader.
NEWEST_YEAR_FIRST = (models.AnnualTaxSummary.year.desc(),)


@Guarded(part_of="Taxpayer")
@strawberry.type(description="One year's individual income tax summary; amounts in fen (分).")
class AnnualTaxSummary:
    year: int = strawberry.field(description="The tax year.", extensions=[Guard(SENSITIVE)])
    income_fen: int = strawberry.field(
        description="Annual income in fen (1 yuan = 100 fen).", extensions=[Guard(SENSITIVE)]
    )
    tax_paid_fen: int = strawberry.field(
        description="Individual income tax paid for the year, in fen (1 yuan = 100 fen).",
        extensions=[Guard(SENSITIVE)],
    )

    @staticmethod
    def from_row(row: models.AnnualTaxSummary) -> AnnualTaxSummary:
        return convert.from_row(AnnualTaxSummary, row)


@Guarded(part_of="Taxpayer")
@strawberry.type(description="Whether a taxpayer owes tax (无欠税证明), as of today.")
class TaxClearance:
    cleared: bool = strawberry.field(
        description="True when nothing is outstanding.", extensions=[Guard(SENSITIVE)]
    )
    outstanding_fen: int = strawberry.field(
        description="Tax owed in fen (1 yuan = 100 fen); 0 when cleared.",
        extensions=[Guard(SENSITIVE)],
    )
    as_of: date = strawberry.field(
        description="The day the clearance was stated (China time).", extensions=[Guard(SENSITIVE)]
    )


@Guarded(
    model=models.Taxpayer, region=TAX_OFFICE_REGION, unit="tax_office", subject=TAXPAYER_NUMBER
)
@strawberry.federation.type(
    keys=["taxpayerNumber"], description="A natural person registered for individual income tax."
)
class Taxpayer:
    taxpayer_number: str = strawberry.field(
        description="Taxpayer identification number: the person's 18-character citizen ID number.",
        extensions=[Guard(PUBLIC)],
    )
    registered_on: date = strawberry.field(
        description="Day of the tax registration.", extensions=[Guard(BASIC)]
    )
    tax_office: str = strawberry.field(
        description="Code of the county tax office: 1, the GB/T 2260 county code, 00.",
        extensions=[Guard(BASIC)],
    )
    outstanding_fen: strawberry.Private[int]

    @strawberry.field(
        description="The registered person (resolved by the police).", extensions=[Guard(BASIC)]
    )
    def person(self) -> Person:
        return Person(id_number=self.taxpayer_number)

    @strawberry.field(
        description="Annual income tax summaries, newest year first.", extensions=[Guard(SENSITIVE)]
    )
    async def annual_summaries(self, info: Info) -> list[AnnualTaxSummary]:
        return await load_list(
            info,
            models.AnnualTaxSummary.taxpayer_id,
            key=self.taxpayer_number,
            convert=AnnualTaxSummary.from_row,
            order_by=NEWEST_YEAR_FIRST,
        )

    @strawberry.field(
        description="Whether the taxpayer owes tax today.", extensions=[Guard(SENSITIVE)]
    )
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


@Guarded(region=id_number_region(), subject="id_number")
@strawberry.federation.type(
    keys=["idNumber"], description="A person of the household register (owned by the police)."
)
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )
    tax_name_changes = name_changes_field(models.NameChangeNotice, "tax")

    @strawberry.field(
        description="The person's taxpayer registration; null if not registered.",
        extensions=[Guard(BASIC)],
    )
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
            info,
            services.taxpayers_with_arrears,
            # Being on this list says the taxpayer owes tax: decided as a sensitive read.
            listing=Taxpayer,
            listing_class=SENSITIVE,
            tax_office=tax_office,
            first=first,
            after=after,
        )
        return page_of(rows, page_info, Taxpayer.from_row)


@strawberry.type(description="Tax records changed for the online service hall.")
class Mutation:
    tax_record_name_change = record_name_change_field(models.NameChangeNotice)


TYPES = [Taxpayer, Person]
