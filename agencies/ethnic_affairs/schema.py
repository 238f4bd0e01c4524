"""The ethnic-affairs subgraph: the ethnic-group catalogue and ethnicity-change decisions."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from agencies.ethnic_affairs import eligibility, models, services
from agencies.ethnic_affairs.eligibility_types import (
    EthnicityChangeBasis,
    EthnicityChangeEligibility,
)
from agencies.ethnic_affairs.requirements import (
    REQUIREMENT,
    Adoption,
    Household,
    Marriage,
    applicant_of,
)
from subgraph import convert
from subgraph.context import call_service, context_of
from subgraph.entities import load_list, load_one
from subgraph.guard import (
    BASIC,
    FAMILY,
    PUBLIC,
    SENSITIVE,
    Guard,
    Guarded,
    id_number_region,
)
from subgraph.pagination import Page, page_of

SANMING = ZoneInfo("Asia/Shanghai")


@strawberry.enum(description="Where an ethnicity-change application stands.")
class EthnicityChangeStatus(Enum):
    APPROVED = strawberry.enum_value("APPROVED", description="Approved by the city bureau.")
    REJECTED = strawberry.enum_value("REJECTED", description="Refused after review.")
    PENDING = strawberry.enum_value("PENDING", description="Under review.")


@Guarded()
@strawberry.federation.type(
    keys=["code"],
    description="An ethnic group of GB 3304; the ethnic-affairs subgraph resolves it.",
)
class EthnicGroup:
    code: str = strawberry.field(
        description="Two-digit GB 3304 code, e.g. 22 for 畲族.", extensions=[Guard(PUBLIC)]
    )
    name_zh: str = strawberry.field(
        description="Chinese name, e.g. 畲族.", extensions=[Guard(PUBLIC)]
    )
    name_en: str = strawberry.field(
        description="Romanised name of GB/T 3304, e.g. She.", extensions=[Guard(PUBLIC)]
    )

    @classmethod
    async def resolve_reference(cls, info: Info, code: str) -> EthnicGroup | None:
        return await load_one(info, models.EthnicGroup.code, code, cls.from_row)

    @staticmethod
    def from_row(row: models.EthnicGroup) -> EthnicGroup:
        return convert.from_row(EthnicGroup, row)


async def _group(info: Info, code: str) -> EthnicGroup:
    group = await load_one(info, models.EthnicGroup.code, code, EthnicGroup.from_row)
    if group is None:  # the foreign key rules this out
        raise LookupError(f"ethnic group {code!r} is missing from the catalogue")
    return group


@Guarded(model=models.EthnicityChange, region="region_code", subject="person_id")
@strawberry.federation.type(
    keys=["number"], description="A reviewed application to change a person's ethnicity."
)
class EthnicityChange:
    number: str = strawberry.field(
        description="Approval number, e.g. MZ350424-2024-00001.", extensions=[Guard(PUBLIC)]
    )
    basis: EthnicityChangeBasis = strawberry.field(
        description="Whose ethnicity the new one follows.", extensions=[Guard(SENSITIVE)]
    )
    applied_on: date = strawberry.field(
        description="Day the application was filed.", extensions=[Guard(BASIC)]
    )
    decided_on: date = strawberry.field(
        description="Day the application was decided.", extensions=[Guard(BASIC)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the reviewing county.", extensions=[Guard(BASIC)]
    )
    status: EthnicityChangeStatus = strawberry.field(
        description="Outcome of the review.", extensions=[Guard(BASIC)]
    )
    person_id: strawberry.Private[str]
    from_code: strawberry.Private[str]
    to_code: strawberry.Private[str]

    @strawberry.field(description="The person whose ethnicity changes.", extensions=[Guard(BASIC)])
    def person(self) -> Person:
        return Person(id_number=self.person_id)

    @strawberry.field(
        description="The ethnic group before the change.", extensions=[Guard(SENSITIVE)]
    )
    async def from_group(self, info: Info) -> EthnicGroup:
        return await _group(info, self.from_code)

    @strawberry.field(
        description="The ethnic group after the change.", extensions=[Guard(SENSITIVE)]
    )
    async def to_group(self, info: Info) -> EthnicGroup:
        return await _group(info, self.to_code)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> EthnicityChange | None:
        return await load_one(info, models.EthnicityChange.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.EthnicityChange) -> EthnicityChange:
        return convert.from_row(
            EthnicityChange,
            row,
            basis=EthnicityChangeBasis(row.basis),
            status=EthnicityChangeStatus(row.status),
        )


@Guarded(region=id_number_region(), subject="id_number")
@strawberry.federation.type(keys=["idNumber"], description="A person in the household register.")
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )
    # The police's and civil affairs' fields the eligibility rules @require: the gateway
    # fetches them from their owners and sends them in the representation, kept raw in
    # `required` (agencies/ethnic_affairs/requirements.py); this subgraph never serves them.
    birth_date: date | None = strawberry.federation.field(
        external=True, default=None, description="Date of birth.", extensions=[Guard(BASIC)]
    )
    ethnicity_code: str | None = strawberry.federation.field(
        external=True,
        default=None,
        description="Registered ethnicity, GB 3304 code.",
        extensions=[Guard(BASIC)],
    )
    household: Household | None = strawberry.federation.field(
        external=True,
        default=None,
        description="The household the person is registered in.",
        extensions=[Guard(BASIC)],
    )
    father: Person | None = strawberry.federation.field(
        external=True,
        default=None,
        description="The registered (legal) father, if known.",
        extensions=[Guard(FAMILY)],
    )
    mother: Person | None = strawberry.federation.field(
        external=True,
        default=None,
        description="The registered (legal) mother, if known.",
        extensions=[Guard(FAMILY)],
    )
    marriages: list[Marriage] | None = strawberry.federation.field(
        external=True,
        default=None,
        description="Marriages as husband or wife, oldest registration first.",
        extensions=[Guard(FAMILY)],
    )
    adoptions: list[Adoption] | None = strawberry.federation.field(
        external=True,
        default=None,
        description="Adoptions of this person as the child, oldest first.",
        extensions=[Guard(SENSITIVE)],
    )
    required: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @strawberry.field(
        description="The person's ethnicity-change applications, oldest first.",
        extensions=[Guard(SENSITIVE)],
    )
    async def ethnicity_changes(self, info: Info) -> list[EthnicityChange]:
        return await load_list(
            info,
            models.EthnicityChange.person_id,
            key=self.id_number,
            convert=EthnicityChange.from_row,
            order_by=[models.EthnicityChange.decided_on, models.EthnicityChange.number],
        )

    @strawberry.federation.field(
        requires=[REQUIREMENT],
        description="Whether the person may change their ethnicity to `toCode` by the 2015 "
        "measures, with every check and the record of the agency it rests on.",
        extensions=[Guard(SENSITIVE)],
    )
    async def ethnicity_change_eligibility(
        self,
        info: Info,
        to_code: Annotated[
            str, strawberry.argument(description="GB 3304 code applied for, e.g. 22 for 畲族.")
        ],
        on_date: Annotated[
            date | None,
            strawberry.argument(description="Day the rules apply on; today in Sanming if null."),
        ] = None,
    ) -> EthnicityChangeEligibility:
        # Every approved change counts, whether or not the caller may list it: one change only.
        rows = await context_of(info).loaders.batched(services.approved_changes, self.id_number)
        prior = [eligibility.PriorChange(row.number, row.decided_on) for row in rows]
        applicant = applicant_of(self.id_number, self.required, prior)
        group = await load_one(info, models.EthnicGroup.code, to_code, EthnicGroup.from_row)
        result = eligibility.decide(
            applicant,
            to_code=to_code,
            on_date=on_date or datetime.now(SANMING).date(),
            code_known=group is not None,
        )
        return EthnicityChangeEligibility.from_result(result)

    @classmethod
    def resolve_reference(cls, idNumber: str, **required: Any) -> Person:
        return cls(id_number=idNumber, required=required)


@strawberry.type(description="Ethnic-affairs lookups for staff.")
class Query:
    @strawberry.field(description="The 56 ethnic groups of GB 3304, by code.")
    async def ethnic_groups(self, info: Info) -> list[EthnicGroup]:
        rows = await call_service(info, services.list_ethnic_groups)
        return [EthnicGroup.from_row(row) for row in rows]

    @strawberry.field(description="An ethnic group by its GB 3304 code; null if unknown.")
    async def ethnic_group(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description="Two-digit GB 3304 code.")],
    ) -> EthnicGroup | None:
        return await load_one(info, models.EthnicGroup.code, code, EthnicGroup.from_row)

    @strawberry.field(description="An ethnicity change by its approval number; null if unknown.")
    async def ethnicity_change(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="Approval number.")],
    ) -> EthnicityChange | None:
        return await load_one(info, models.EthnicityChange.number, number, EthnicityChange.from_row)

    @strawberry.field(
        description="Ethnicity changes a county decided in a period, by approval number."
    )
    async def ethnicity_changes_decided(
        self,
        info: Info,
        region_code: Annotated[
            str, strawberry.argument(description="GB/T 2260 code of a county of Sanming.")
        ],
        decided_from: Annotated[
            date, strawberry.argument(name="from", description="First decision day, included.")
        ],
        decided_to: Annotated[
            date, strawberry.argument(name="to", description="Last decision day, included.")
        ],
        first: Annotated[
            int, strawberry.argument(description="Page size, between 1 and 100.")
        ] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
    ) -> Page[EthnicityChange]:
        rows, page_info = await call_service(
            info,
            services.changes_decided,
            listing=EthnicityChange,
            region_code=region_code,
            decided_from=decided_from,
            decided_to=decided_to,
            first=first,
            after=after,
        )
        return page_of(rows, page_info, EthnicityChange.from_row)


TYPES = [EthnicGroup, EthnicityChange, Person]
