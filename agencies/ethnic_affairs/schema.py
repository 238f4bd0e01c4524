"""The ethnic-affairs subgraph: the ethnic-group catalogue and ethnicity-change decisions."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.ethnic_affairs import models, services
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.guard import BASIC, PUBLIC, SENSITIVE, Guard, Guarded, id_number_region
from subgraph.pagination import Page, page_of


@strawberry.enum(description="Whose ethnicity a changed ethnicity follows.")
class EthnicityChangeBasis(Enum):
    FATHER = strawberry.enum_value("FATHER", description="The father's ethnicity.")
    MOTHER = strawberry.enum_value("MOTHER", description="The mother's ethnicity.")
    STEP_PARENT = strawberry.enum_value(
        "STEP_PARENT", description="The ethnicity of a step-parent who raises the child."
    )
    ADOPTIVE_PARENT = strawberry.enum_value(
        "ADOPTIVE_PARENT", description="The ethnicity of an adoptive parent."
    )


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

    @classmethod
    def resolve_reference(cls, idNumber: str) -> Person:
        return cls(id_number=idNumber)


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
