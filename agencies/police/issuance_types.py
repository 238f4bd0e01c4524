"""The records of what the police issue for the hall: household transfers and certificates.

Both belong to a person (`Person.householdTransfers`, `Person.certificates`), whose fields
in agencies/police/schema.py name these types lazily, since they link back to its households
and police units.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from agencies.police import models
from agencies.police.schema import Household, PoliceUnit
from subgraph import convert
from subgraph.entities import load_one
from subgraph.guard import SENSITIVE, Guard, Guarded


@strawberry.enum(description="Why an identity card is reissued; the old card's new status.")
class IdCardLossReason(Enum):
    LOST = strawberry.enum_value("LOST", description="The card was lost (遗失).")
    STOLEN = strawberry.enum_value("STOLEN", description="The card was stolen (被盗).")


@strawberry.enum(description="What the police certify or reissue to a person.")
class PoliceCertificateKind(Enum):
    HOUSEHOLD_CERTIFICATE = strawberry.enum_value(
        "HOUSEHOLD_CERTIFICATE", description="Household-registration certificate (户籍证明)."
    )
    NO_CRIMINAL_RECORD = strawberry.enum_value(
        "NO_CRIMINAL_RECORD", description="No-criminal-record certificate (无犯罪记录证明)."
    )
    HOUSEHOLD_BOOKLET = strawberry.enum_value(
        "HOUSEHOLD_BOOKLET", description="A reissued household booklet (户口簿)."
    )


def _sensitive(description: str) -> Any:
    return strawberry.field(description=description, extensions=[Guard(SENSITIVE)])


async def _household(info: Info, number: str) -> Household | None:
    return await load_one(info, models.Household.number, number, Household.from_row)


@Guarded(part_of="Person")
@strawberry.type(description="A household transfer (户口迁移): from one household to a new one.")
class HouseholdTransfer:
    transferred_on: date = _sensitive("Day the police registered the move.")
    permit_number: str = _sensitive("Number of the permit to move in (准迁证).")
    transfer_certificate_number: str = _sensitive("Number of the transfer certificate (迁移证).")
    application: str | None = _sensitive("The hall application the transfer was executed for.")
    from_household_number: strawberry.Private[str]
    to_household_number: strawberry.Private[str]

    @strawberry.field(description="The household the person left.", extensions=[Guard(SENSITIVE)])
    async def from_household(self, info: Info) -> Household | None:
        return await _household(info, self.from_household_number)

    @strawberry.field(
        description="The household the person heads since.", extensions=[Guard(SENSITIVE)]
    )
    async def to_household(self, info: Info) -> Household | None:
        return await _household(info, self.to_household_number)

    @staticmethod
    def from_row(row: models.HouseholdTransfer) -> HouseholdTransfer:
        return convert.from_row(
            HouseholdTransfer,
            row,
            transfer_certificate_number=row.certificate_number,
            from_household_number=row.from_household,
            to_household_number=row.to_household,
        )


@Guarded(part_of="Person")
@strawberry.type(description="A certificate or document the police issued to a person.")
class PoliceCertificate:
    number: str = _sensitive("Certificate number, e.g. HJ3504242026000001.")
    kind: PoliceCertificateKind = _sensitive("What it certifies or replaces.")
    issued_on: date = _sensitive("Day of issue.")
    application: str | None = _sensitive("The hall application it was issued for.")
    issuing_unit_code: strawberry.Private[str]

    @strawberry.field(description="The bureau that issued it.", extensions=[Guard(SENSITIVE)])
    async def issuing_unit(self, info: Info) -> PoliceUnit | None:
        return await load_one(
            info, models.PoliceUnit.code, self.issuing_unit_code, PoliceUnit.from_row
        )

    @staticmethod
    def from_row(row: models.PoliceCertificate) -> PoliceCertificate:
        return convert.from_row(
            PoliceCertificate,
            row,
            kind=PoliceCertificateKind(row.kind),
            issuing_unit_code=row.issuing_unit,
        )
