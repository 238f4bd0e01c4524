"""The police subgraph: persons, households, ethnicity history, ID cards, police units, cases."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.federation.schema_directives import Key
from strawberry.types import Info

from agencies.police import models, services
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.guard import BASIC, CONTACT, FAMILY, PUBLIC, SENSITIVE, Guard, Guarded
from subgraph.idnumber import require_id_number
from subgraph.pagination import Page, page_of

if TYPE_CHECKING:
    from agencies.police.issuance_types import HouseholdTransfer, PoliceCertificate

# The records of what the police issue link back to this module's types: named lazily.
LazyHouseholdTransfer = Annotated[
    "HouseholdTransfer", strawberry.lazy("agencies.police.issuance_types")
]
LazyPoliceCertificate = Annotated[
    "PoliceCertificate", strawberry.lazy("agencies.police.issuance_types")
]


@strawberry.enum(description="Sex as recorded in the household register.")
class Sex(Enum):
    MALE = "M"
    FEMALE = "F"


@strawberry.enum(description="The level of a public-security organ.")
class PoliceUnitKind(Enum):
    CITY_BUREAU = "CITY_BUREAU"
    COUNTY_BUREAU = "COUNTY_BUREAU"
    STATION = "STATION"


@strawberry.enum(description="Whether an identity card can still be used.")
class IdCardStatus(Enum):
    VALID = "VALID"
    EXPIRED = "EXPIRED"
    LOST = "LOST"
    STOLEN = "STOLEN"


@Guarded()
@strawberry.federation.type(
    keys=[Key(fields="code", resolvable=False)],
    description="An ethnic group of GB 3304; the ethnic-affairs subgraph resolves it.",
)
class EthnicGroup:
    code: str = strawberry.field(
        description="Two-digit GB 3304 code, e.g. 22 for 畲族.", extensions=[Guard(PUBLIC)]
    )


@Guarded()
@strawberry.federation.type(keys=["code"], description="A public-security organ.")
class PoliceUnit:
    code: str = strawberry.field(description="Twelve-digit organ code.", extensions=[Guard(PUBLIC)])
    name: str = strawberry.field(
        description="Official name, e.g. 翠江派出所.", extensions=[Guard(PUBLIC)]
    )
    kind: PoliceUnitKind = strawberry.field(
        description="City bureau, county bureau or station.", extensions=[Guard(PUBLIC)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the unit's region.", extensions=[Guard(PUBLIC)]
    )
    parent_code: strawberry.Private[str | None]

    @strawberry.field(
        description="The unit this one reports to; null for the city bureau.",
        extensions=[Guard(PUBLIC)],
    )
    async def parent(self, info: Info) -> PoliceUnit | None:
        return await load_one(info, models.PoliceUnit.code, self.parent_code, PoliceUnit.from_row)

    @strawberry.field(
        description="The units that report to this one, by code.", extensions=[Guard(PUBLIC)]
    )
    async def subordinates(self, info: Info) -> list[PoliceUnit]:
        return await load_list(
            info,
            models.PoliceUnit.parent_code,
            key=self.code,
            convert=PoliceUnit.from_row,
            order_by=[models.PoliceUnit.code],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, code: str) -> PoliceUnit | None:
        return await load_one(info, models.PoliceUnit.code, code, cls.from_row)

    @staticmethod
    def from_row(row: models.PoliceUnit) -> PoliceUnit:
        return convert.from_row(PoliceUnit, row, kind=PoliceUnitKind(row.kind))


@strawberry.enum(description="Whether a case file is still being worked on.")
class CaseFileStatus(Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


@Guarded()
@strawberry.federation.type(
    keys=["number"], description="A case file (案件) of the police, assigned to one unit."
)
class CaseFile:
    number: str = strawberry.field(
        description="Case number, e.g. NH-2026-5101.", extensions=[Guard(PUBLIC)]
    )
    title: str = strawberry.field(description="What the case is about.", extensions=[Guard(BASIC)])
    status: CaseFileStatus = strawberry.field(
        description="Open or closed.", extensions=[Guard(BASIC)]
    )
    opened_on: date = strawberry.field(
        description="Day the case was opened.", extensions=[Guard(BASIC)]
    )
    unit_code: strawberry.Private[str]

    @strawberry.field(description="The unit the case is assigned to.", extensions=[Guard(BASIC)])
    async def unit(self, info: Info) -> PoliceUnit | None:
        return await load_one(info, models.PoliceUnit.code, self.unit_code, PoliceUnit.from_row)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> CaseFile | None:
        return await load_one(info, models.CaseFile.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.CaseFile) -> CaseFile:
        return convert.from_row(CaseFile, row, status=CaseFileStatus(row.status))


@Guarded(part_of="Person")
@strawberry.type(description="A registered change of ethnicity.")
class EthnicityRecord:
    from_code: str = strawberry.field(
        description="GB 3304 code before the change.", extensions=[Guard(SENSITIVE)]
    )
    to_code: str = strawberry.field(
        description="GB 3304 code after the change.", extensions=[Guard(SENSITIVE)]
    )
    changed_on: date = strawberry.field(
        description="Day the police registered the change.", extensions=[Guard(SENSITIVE)]
    )
    basis: str = strawberry.field(
        description="Whose ethnicity was followed: FATHER, MOTHER, ...",
        extensions=[Guard(SENSITIVE)],
    )
    approval_number: str = strawberry.field(
        description="Ethnic-affairs approval number.", extensions=[Guard(SENSITIVE)]
    )
    application: str | None = strawberry.field(
        description="The hall application the change was executed for; null before the hall.",
        extensions=[Guard(SENSITIVE)],
    )

    @staticmethod
    def from_row(row: models.EthnicityRecord) -> EthnicityRecord:
        return convert.from_row(EthnicityRecord, row)


@Guarded(part_of="Person")
@strawberry.type(description="A registered change of name.")
class NameRecord:
    old_name: str = strawberry.field(
        description="The name before the change.", extensions=[Guard(SENSITIVE)]
    )
    new_name: str = strawberry.field(
        description="The name after the change.", extensions=[Guard(SENSITIVE)]
    )
    changed_on: date = strawberry.field(
        description="Day the police registered the change.", extensions=[Guard(SENSITIVE)]
    )
    application: str | None = strawberry.field(
        description="The hall application the change was executed for.",
        extensions=[Guard(SENSITIVE)],
    )

    @staticmethod
    def from_row(row: models.NameRecord) -> NameRecord:
        return convert.from_row(NameRecord, row)


@Guarded(part_of="Person")
@strawberry.type(description="A resident identity card.")
class IdCard:
    serial: str = strawberry.field(description="Card serial number.", extensions=[Guard(SENSITIVE)])
    issued_on: date = strawberry.field(description="Day of issue.", extensions=[Guard(SENSITIVE)])
    valid_until: date | None = strawberry.field(
        description="Last valid day; null if long-term.", extensions=[Guard(SENSITIVE)]
    )
    status: IdCardStatus = strawberry.field(
        description="Valid, expired, or reported lost or stolen.", extensions=[Guard(SENSITIVE)]
    )
    issuing_unit_code: strawberry.Private[str]

    @strawberry.field(description="The bureau that issued the card.", extensions=[Guard(SENSITIVE)])
    async def issuing_unit(self, info: Info) -> PoliceUnit | None:
        return await load_one(
            info, models.PoliceUnit.code, self.issuing_unit_code, PoliceUnit.from_row
        )

    @staticmethod
    def from_row(row: models.IdCard) -> IdCard:
        return convert.from_row(
            IdCard, row, status=IdCardStatus(row.status), issuing_unit_code=row.issuing_unit
        )


@Guarded(model=models.Household, region="region_code", unit="station_code", subject="head_id")
@strawberry.federation.type(keys=["number"], description="A registered household (户).")
class Household:
    number: str = strawberry.field(description="Household number.", extensions=[Guard(PUBLIC)])
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the county.", extensions=[Guard(BASIC)]
    )
    address: str = strawberry.field(description="Registered address.", extensions=[Guard(CONTACT)])
    station_code: strawberry.Private[str]
    head_id: strawberry.Private[str]

    @strawberry.field(
        description="The police station that keeps the household's register.",
        extensions=[Guard(BASIC)],
    )
    async def station(self, info: Info) -> PoliceUnit | None:
        return await load_one(info, models.PoliceUnit.code, self.station_code, PoliceUnit.from_row)

    @strawberry.field(description="The head of household (户主).", extensions=[Guard(FAMILY)])
    async def head(self, info: Info) -> Person | None:
        return await load_one(info, models.Person.id_number, self.head_id, Person.from_row)

    @strawberry.field(
        description="Everyone registered in the household, by ID number.",
        extensions=[Guard(FAMILY)],
    )
    async def members(self, info: Info) -> list[Person]:
        return await load_list(
            info,
            models.Person.household_no,
            key=self.number,
            convert=Person.from_row,
            order_by=[models.Person.id_number],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> Household | None:
        return await load_one(info, models.Household.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.Household) -> Household:
        return convert.from_row(Household, row)


@Guarded(model=models.Person, region="region_code", subject="id_number")
@strawberry.federation.type(keys=["idNumber"], description="A person in the household register.")
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )
    name: str = strawberry.field(description="Registered name.", extensions=[Guard(BASIC)])
    sex: Sex = strawberry.field(description="Registered sex.", extensions=[Guard(BASIC)])
    birth_date: date = strawberry.field(description="Date of birth.", extensions=[Guard(BASIC)])
    ethnicity_code: str = strawberry.field(
        description="Registered ethnicity, GB 3304 code.", extensions=[Guard(BASIC)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the registered county.", extensions=[Guard(BASIC)]
    )
    relation_to_head: str | None = strawberry.field(
        description="Relation to the head of household, e.g. 户主, 配偶, 子, 继女.",
        extensions=[Guard(FAMILY)],
    )
    household_no: strawberry.Private[str | None]
    father_id: strawberry.Private[str | None]
    mother_id: strawberry.Private[str | None]

    @strawberry.field(description="The registered ethnic group.", extensions=[Guard(BASIC)])
    def ethnic_group(self) -> EthnicGroup:
        return EthnicGroup(code=self.ethnicity_code)

    @strawberry.field(
        description="The registered (legal) father, if known.", extensions=[Guard(FAMILY)]
    )
    async def father(self, info: Info) -> Person | None:
        return await load_one(info, models.Person.id_number, self.father_id, Person.from_row)

    @strawberry.field(
        description="The registered (legal) mother, if known.", extensions=[Guard(FAMILY)]
    )
    async def mother(self, info: Info) -> Person | None:
        return await load_one(info, models.Person.id_number, self.mother_id, Person.from_row)

    @strawberry.field(
        description="Persons whose registered father or mother this is.", extensions=[Guard(FAMILY)]
    )
    async def children(self, info: Info) -> list[Person]:
        return await load_list(
            info,
            models.Person.father_id,
            models.Person.mother_id,
            key=self.id_number,
            convert=Person.from_row,
            order_by=[models.Person.birth_date, models.Person.id_number],
        )

    @strawberry.field(
        description="The household the person is registered in.", extensions=[Guard(BASIC)]
    )
    async def household(self, info: Info) -> Household | None:
        return await load_one(info, models.Household.number, self.household_no, Household.from_row)

    @strawberry.field(
        description="Registered changes of ethnicity, oldest first.", extensions=[Guard(SENSITIVE)]
    )
    async def ethnicity_history(self, info: Info) -> list[EthnicityRecord]:
        return await load_list(
            info,
            models.EthnicityRecord.person_id,
            key=self.id_number,
            convert=EthnicityRecord.from_row,
            order_by=[models.EthnicityRecord.changed_on],
        )

    @strawberry.field(
        description="Registered changes of name, oldest first.", extensions=[Guard(SENSITIVE)]
    )
    async def name_history(self, info: Info) -> list[NameRecord]:
        return await load_list(
            info,
            models.NameRecord.person_id,
            key=self.id_number,
            convert=NameRecord.from_row,
            order_by=[models.NameRecord.changed_on, models.NameRecord.id],
        )

    @strawberry.field(
        description="Identity cards issued to the person, newest first.",
        extensions=[Guard(SENSITIVE)],
    )
    async def id_cards(self, info: Info) -> list[IdCard]:
        return await load_list(
            info,
            models.IdCard.person_id,
            key=self.id_number,
            convert=IdCard.from_row,
            order_by=[models.IdCard.issued_on.desc(), models.IdCard.serial],
        )

    @strawberry.field(
        description="Household transfers of the person, oldest first.",
        extensions=[Guard(SENSITIVE)],
    )
    async def household_transfers(self, info: Info) -> list[LazyHouseholdTransfer]:
        from agencies.police.issuance_types import HouseholdTransfer  # it imports this module

        return await load_list(
            info,
            models.HouseholdTransfer.person_id,
            key=self.id_number,
            convert=HouseholdTransfer.from_row,
            order_by=[models.HouseholdTransfer.transferred_on, models.HouseholdTransfer.id],
        )

    @strawberry.field(
        description="Certificates the police issued to the person, oldest first.",
        extensions=[Guard(SENSITIVE)],
    )
    async def certificates(self, info: Info) -> list[LazyPoliceCertificate]:
        from agencies.police.issuance_types import PoliceCertificate  # it imports this module

        return await load_list(
            info,
            models.PoliceCertificate.person_id,
            key=self.id_number,
            convert=PoliceCertificate.from_row,
            order_by=[models.PoliceCertificate.issued_on, models.PoliceCertificate.number],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, idNumber: str) -> Person | None:
        return await load_one(info, models.Person.id_number, idNumber, cls.from_row)

    @staticmethod
    def from_row(row: models.Person) -> Person:
        return convert.from_row(Person, row, sex=Sex(row.sex), relation_to_head=row.relation)


@strawberry.type(description="Police lookups for staff.")
class Query:
    @strawberry.field(description="A person by citizen ID number; null if not registered.")
    async def person(self, info: Info, id_number: str) -> Person | None:
        require_id_number(id_number)
        return await load_one(info, models.Person.id_number, id_number, Person.from_row)

    @strawberry.field(description="A household by its number; null if unknown.")
    async def household(self, info: Info, number: str) -> Household | None:
        return await load_one(info, models.Household.number, number, Household.from_row)

    @strawberry.field(description="A police unit by its organ code; null if unknown.")
    async def police_unit(self, info: Info, code: str) -> PoliceUnit | None:
        return await load_one(info, models.PoliceUnit.code, code, PoliceUnit.from_row)

    @strawberry.field(description="A case file by its number; null if unknown.")
    async def case_file(self, info: Info, number: str) -> CaseFile | None:
        return await load_one(info, models.CaseFile.number, number, CaseFile.from_row)

    @strawberry.field(description="Police units, optionally of one kind, by code.")
    async def police_units(
        self, info: Info, kind: PoliceUnitKind | None = None
    ) -> list[PoliceUnit]:
        rows = await call_service(
            info, services.list_police_units, kind=kind.value if kind else None
        )
        return [PoliceUnit.from_row(row) for row in rows]

    @strawberry.field(description="Registered persons of a county by name prefix and birth date.")
    async def search_persons(
        self,
        info: Info,
        region_code: str,
        name: str | None = None,
        birth_date: date | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Page[Person]:
        rows, page_info = await call_service(
            info,
            services.search_persons,
            listing=Person,
            region_code=region_code,
            name=name,
            birth_date=birth_date,
            first=first,
            after=after,
        )
        return page_of(rows, page_info, Person.from_row)


TYPES = [Person, Household, PoliceUnit, EthnicGroup, CaseFile]
