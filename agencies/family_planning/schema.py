"""The family-planning subgraph: birth medical certificates (出生医学证明)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.family_planning import models, services
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.guard import BASIC, FAMILY, PUBLIC, SENSITIVE, Guard, Guarded, id_number_region
from subgraph.pagination import Page, page_of


@strawberry.enum(description="A newborn's sex as stated on the birth certificate.")
class NewbornSex(Enum):
    MALE = strawberry.enum_value("M", description="Boy.")
    FEMALE = strawberry.enum_value("F", description="Girl.")


@Guarded(
    model=models.BirthCertificate,
    region="region_code",
    subject=("child_id", "mother_id", "father_id"),
)
@strawberry.federation.type(
    keys=["number"], description="A birth medical certificate (出生医学证明)."
)
class BirthCertificate:
    number: str = strawberry.field(
        description="Certificate number, e.g. Q000000001.", extensions=[Guard(PUBLIC)]
    )
    child_name: str = strawberry.field(
        description="The newborn's name as stated.", extensions=[Guard(BASIC)]
    )
    child_sex: NewbornSex = strawberry.field(
        description="The newborn's sex.", extensions=[Guard(BASIC)]
    )
    birth_date: date = strawberry.field(description="Date of birth.", extensions=[Guard(BASIC)])
    weight_grams: int = strawberry.field(
        description="Birth weight in grams.", extensions=[Guard(SENSITIVE)]
    )
    hospital: str = strawberry.field(
        description="The hospital of birth that issued it.", extensions=[Guard(BASIC)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the county of birth.", extensions=[Guard(BASIC)]
    )
    issued_on: date = strawberry.field(description="Day of issue.", extensions=[Guard(BASIC)])
    child_id: strawberry.Private[str | None]
    mother_id: strawberry.Private[str]
    father_id: strawberry.Private[str | None]

    @strawberry.field(
        description="The child; null while not registered with the police.",
        extensions=[Guard(BASIC)],
    )
    def child(self) -> Person | None:
        return None if self.child_id is None else Person(id_number=self.child_id)

    @strawberry.field(description="The mother who gave birth.", extensions=[Guard(FAMILY)])
    def mother(self) -> Person:
        return Person(id_number=self.mother_id)

    @strawberry.field(
        description="The father, if stated on the certificate.", extensions=[Guard(FAMILY)]
    )
    def father(self) -> Person | None:
        return None if self.father_id is None else Person(id_number=self.father_id)

    @strawberry.field(
        description="True once the child is registered with the police.", extensions=[Guard(BASIC)]
    )
    def registered(self) -> bool:
        return self.child_id is not None

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> BirthCertificate | None:
        return await load_one(info, models.BirthCertificate.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.BirthCertificate) -> BirthCertificate:
        return convert.from_row(BirthCertificate, row, child_sex=NewbornSex(row.sex))


@Guarded(region=id_number_region(), subject="id_number")
@strawberry.federation.type(keys=["idNumber"], description="A person in the household register.")
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )

    @strawberry.field(
        description="The person's own birth certificate, if one was issued.",
        extensions=[Guard(BASIC)],
    )
    async def birth_certificate(self, info: Info) -> BirthCertificate | None:
        return await load_one(
            info, models.BirthCertificate.child_id, self.id_number, BirthCertificate.from_row
        )

    @strawberry.field(
        description="Birth certificates naming the person as mother or father, oldest first.",
        extensions=[Guard(FAMILY)],
    )
    async def birth_certificates_as_parent(self, info: Info) -> list[BirthCertificate]:
        return await load_list(
            info,
            models.BirthCertificate.mother_id,
            models.BirthCertificate.father_id,
            key=self.id_number,
            convert=BirthCertificate.from_row,
            order_by=[models.BirthCertificate.birth_date, models.BirthCertificate.number],
        )

    @classmethod
    def resolve_reference(cls, idNumber: str) -> Person:
        return cls(id_number=idNumber)


@strawberry.type(description="Health and family-planning lookups for staff.")
class Query:
    @strawberry.field(description="A birth certificate by its number; null if unknown.")
    async def birth_certificate(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="Certificate number.")],
    ) -> BirthCertificate | None:
        return await load_one(
            info, models.BirthCertificate.number, number, BirthCertificate.from_row
        )

    @strawberry.field(
        description="Birth certificates of a county whose child is not yet registered, "
        "for newborn registration, by number."
    )
    async def unregistered_births(
        self,
        info: Info,
        region_code: Annotated[
            str, strawberry.argument(description="GB/T 2260 code of a county of Sanming.")
        ],
        first: Annotated[
            int, strawberry.argument(description="Page size, between 1 and 100.")
        ] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
    ) -> Page[BirthCertificate]:
        rows, page_info = await call_service(
            info,
            services.unregistered_births,
            listing=BirthCertificate,
            region_code=region_code,
            first=first,
            after=after,
        )
        return page_of(rows, page_info, BirthCertificate.from_row)


TYPES = [BirthCertificate, Person]
