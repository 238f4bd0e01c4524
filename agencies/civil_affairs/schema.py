"""The civil-affairs subgraph: marriages and divorces, adoptions, guardianships."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.civil_affairs import models, services
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.execution.name_change import name_changes_field, record_name_change_field
from subgraph.guard import FAMILY, PUBLIC, SENSITIVE, Guard, Guarded, id_number_region
from subgraph.pagination import Page, page_of

# The loaders are cached per (columns, ordering): every resolver that needs a person's
# marriages passes these very objects, so they share one batched query per request.
SPOUSE_COLUMNS = (models.Marriage.husband_id, models.Marriage.wife_id)
MARRIAGE_ORDER = (models.Marriage.registered_on, models.Marriage.number)
ADOPTER_COLUMNS = (models.Adoption.adoptive_father_id, models.Adoption.adoptive_mother_id)
ADOPTION_ORDER = (models.Adoption.registered_on, models.Adoption.number)
GUARDIANSHIP_ORDER = (models.Guardianship.starts_on, models.Guardianship.number)


@strawberry.enum(description="Whether a registered marriage still stands.")
class MarriageStatus(Enum):
    MARRIED = strawberry.enum_value("MARRIED", description="No divorce is registered.")
    DIVORCED = strawberry.enum_value("DIVORCED", description="A divorce is registered.")


@strawberry.enum(description="A person's marital status by the civil-affairs register.")
class MaritalStatus(Enum):
    SINGLE = strawberry.enum_value("SINGLE", description="No marriage is registered.")
    MARRIED = strawberry.enum_value(
        "MARRIED", description="A registered marriage, normally the latest, still stands."
    )
    DIVORCED = strawberry.enum_value(
        "DIVORCED", description="Every registered marriage ended in divorce."
    )


@Guarded(region=id_number_region(), subject="id_number")
@strawberry.federation.type(
    keys=["idNumber"],
    description="A person, owned by the police; civil affairs adds their civil-status records.",
)
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )
    civil_affairs_name_changes = name_changes_field(models.NameChangeNotice, "civil affairs")

    @strawberry.field(
        description="Marriages as husband or wife, oldest registration first.",
        extensions=[Guard(FAMILY)],
    )
    async def marriages(self, info: Info) -> list[Marriage]:
        return await _marriages_of(info, self.id_number)

    @strawberry.field(
        description="SINGLE without a marriage, MARRIED while one (the latest) stands, "
        "DIVORCED when all ended in divorce; derived from `marriages`.",
        extensions=[Guard(FAMILY)],
    )
    async def marital_status(self, info: Info) -> MaritalStatus:
        marriages = await _marriages_of(info, self.id_number)
        if not marriages:
            return MaritalStatus.SINGLE
        if any(marriage.status is MarriageStatus.MARRIED for marriage in marriages):
            return MaritalStatus.MARRIED
        return MaritalStatus.DIVORCED

    @strawberry.field(
        description="Adoptions of this person as the child, oldest first.",
        extensions=[Guard(SENSITIVE)],
    )
    async def adoptions(self, info: Info) -> list[Adoption]:
        return await load_list(
            info,
            models.Adoption.child_id,
            key=self.id_number,
            convert=Adoption.from_row,
            order_by=ADOPTION_ORDER,
        )

    @strawberry.field(
        description="Adoptions by this person as adoptive parent, oldest first.",
        extensions=[Guard(SENSITIVE)],
    )
    async def adoptions_as_parent(self, info: Info) -> list[Adoption]:
        return await load_list(
            info,
            *ADOPTER_COLUMNS,
            key=self.id_number,
            convert=Adoption.from_row,
            order_by=ADOPTION_ORDER,
        )

    @strawberry.field(
        description="Guardians appointed for this person as a ward, oldest first.",
        extensions=[Guard(FAMILY)],
    )
    async def guardianships(self, info: Info) -> list[Guardianship]:
        return await load_list(
            info,
            models.Guardianship.ward_id,
            key=self.id_number,
            convert=Guardianship.from_row,
            order_by=GUARDIANSHIP_ORDER,
        )

    @strawberry.field(
        description="Guardianships this person holds over wards, oldest first.",
        extensions=[Guard(FAMILY)],
    )
    async def wards(self, info: Info) -> list[Guardianship]:
        return await load_list(
            info,
            models.Guardianship.guardian_id,
            key=self.id_number,
            convert=Guardianship.from_row,
            order_by=GUARDIANSHIP_ORDER,
        )

    @classmethod
    def resolve_reference(cls, idNumber: str) -> Person:
        return cls(id_number=idNumber)


async def _marriages_of(info: Info, id_number: str) -> list[Marriage]:
    return await load_list(
        info, *SPOUSE_COLUMNS, key=id_number, convert=Marriage.from_row, order_by=MARRIAGE_ORDER
    )


@Guarded(model=models.Marriage, region="region_code", subject=("husband_id", "wife_id"))
@strawberry.federation.type(keys=["number"], description="A marriage registration (结婚登记).")
class Marriage:
    number: str = strawberry.field(
        description="Marriage certificate number.", extensions=[Guard(PUBLIC)]
    )
    registered_on: date = strawberry.field(
        description="Day the marriage was registered.", extensions=[Guard(FAMILY)]
    )
    divorced_on: date | None = strawberry.field(
        description="Day the divorce was registered; null while the marriage stands.",
        extensions=[Guard(FAMILY)],
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the registering county.", extensions=[Guard(FAMILY)]
    )
    status: MarriageStatus = strawberry.field(
        description="Married, or divorced.", extensions=[Guard(FAMILY)]
    )
    husband_id: strawberry.Private[str]
    wife_id: strawberry.Private[str]

    @strawberry.field(
        description="The husband; the police subgraph resolves the person.",
        extensions=[Guard(FAMILY)],
    )
    def husband(self) -> Person:
        return Person(id_number=self.husband_id)

    @strawberry.field(
        description="The wife; the police subgraph resolves the person.", extensions=[Guard(FAMILY)]
    )
    def wife(self) -> Person:
        return Person(id_number=self.wife_id)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> Marriage | None:
        return await load_one(info, models.Marriage.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.Marriage) -> Marriage:
        status = MarriageStatus.MARRIED if row.divorced_on is None else MarriageStatus.DIVORCED
        return convert.from_row(Marriage, row, status=status)


@Guarded(
    model=models.Adoption,
    region="region_code",
    subject=("child_id", "adoptive_father_id", "adoptive_mother_id"),
)
@strawberry.federation.type(keys=["number"], description="An adoption registration (收养登记).")
class Adoption:
    number: str = strawberry.field(
        description="Adoption registration number.", extensions=[Guard(PUBLIC)]
    )
    registered_on: date = strawberry.field(
        description="Day the adoption was registered.", extensions=[Guard(SENSITIVE)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the registering county.", extensions=[Guard(SENSITIVE)]
    )
    child_id: strawberry.Private[str]
    adoptive_father_id: strawberry.Private[str | None]
    adoptive_mother_id: strawberry.Private[str | None]

    @strawberry.field(description="The adopted child.", extensions=[Guard(SENSITIVE)])
    def child(self) -> Person:
        return Person(id_number=self.child_id)

    @strawberry.field(
        description="The adoptive father; null when a woman adopted alone.",
        extensions=[Guard(SENSITIVE)],
    )
    def adoptive_father(self) -> Person | None:
        if self.adoptive_father_id is None:
            return None
        return Person(id_number=self.adoptive_father_id)

    @strawberry.field(
        description="The adoptive mother; null when a man adopted alone.",
        extensions=[Guard(SENSITIVE)],
    )
    def adoptive_mother(self) -> Person | None:
        if self.adoptive_mother_id is None:
            return None
        return Person(id_number=self.adoptive_mother_id)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> Adoption | None:
        return await load_one(info, models.Adoption.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.Adoption) -> Adoption:
        return convert.from_row(Adoption, row)


@Guarded(model=models.Guardianship, region="region_code", subject=("ward_id", "guardian_id"))
@strawberry.federation.type(keys=["number"], description="A guardian appointed for a minor.")
class Guardianship:
    number: str = strawberry.field(
        description="Guardianship record number.", extensions=[Guard(PUBLIC)]
    )
    basis: str = strawberry.field(
        description="Why this guardian was appointed, e.g. GRANDPARENT.", extensions=[Guard(FAMILY)]
    )
    starts_on: date = strawberry.field(
        description="First day of the guardianship.", extensions=[Guard(FAMILY)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the recording county.", extensions=[Guard(FAMILY)]
    )
    ward_id: strawberry.Private[str]
    guardian_id: strawberry.Private[str]

    @strawberry.field(description="The minor under guardianship.", extensions=[Guard(FAMILY)])
    def ward(self) -> Person:
        return Person(id_number=self.ward_id)

    @strawberry.field(description="The appointed guardian.", extensions=[Guard(FAMILY)])
    def guardian(self) -> Person:
        return Person(id_number=self.guardian_id)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> Guardianship | None:
        return await load_one(info, models.Guardianship.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.Guardianship) -> Guardianship:
        return convert.from_row(Guardianship, row)


@strawberry.type(description="Civil-affairs lookups for staff.")
class Query:
    @strawberry.field(description="A marriage by its certificate number; null if unknown.")
    async def marriage(self, info: Info, number: str) -> Marriage | None:
        return await load_one(info, models.Marriage.number, number, Marriage.from_row)

    @strawberry.field(description="An adoption by its registration number; null if unknown.")
    async def adoption(self, info: Info, number: str) -> Adoption | None:
        return await load_one(info, models.Adoption.number, number, Adoption.from_row)

    @strawberry.field(description="A guardianship by its record number; null if unknown.")
    async def guardianship(self, info: Info, number: str) -> Guardianship | None:
        return await load_one(info, models.Guardianship.number, number, Guardianship.from_row)

    @strawberry.field(
        description="Marriages a county registered between two days (both included), by number."
    )
    async def marriages_registered(
        self,
        info: Info,
        region_code: Annotated[
            str, strawberry.argument(description="GB/T 2260 code of a county of Sanming.")
        ],
        from_: Annotated[
            date, strawberry.argument(name="from", description="First registration day.")
        ],
        to: Annotated[date, strawberry.argument(description="Last registration day.")],
        first: Annotated[int, strawberry.argument(description="Page size, from 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
    ) -> Page[Marriage]:
        rows, page_info = await call_service(
            info,
            services.marriages_registered,
            listing=Marriage,
            region_code=region_code,
            registered_from=from_,
            registered_to=to,
            first=first,
            after=after,
        )
        return page_of(rows, page_info, Marriage.from_row)


@strawberry.type(description="Civil-affairs records changed for the online service hall.")
class Mutation:
    civil_affairs_record_name_change = record_name_change_field(models.NameChangeNotice)


TYPES = [Person, Marriage, Adoption, Guardianship]
