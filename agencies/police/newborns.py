"""Newborn registration (出生登记): a new person in a parent's household, once per application.

The hall verified the birth medical certificate with family planning; the police checks what
its own register says: the certificate is not registered yet, the parents are registered and
one of them lives in the household, and the child's ethnicity is the father's or the
mother's. The police then allocate the child's citizen ID number (agencies/police/allocation.py)
in the household's county; the payload answers it, and family planning links the certificate
to it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.allocation import allocate_id_number
from agencies.police.executions import ethnic_group_code, registered_person
from agencies.police.models import BirthRegistration, Household, Person
from subgraph.execution import (
    Applied,
    ExecutionErrorCode,
    ExecutionFailed,
    apply_once,
    person_name,
    short_text,
)
from subgraph.execution.checks import invalid, quoted, today_in_china

CERTIFICATE_NUMBER_LENGTH = 12
# Registrations of the same county, day and sex at once each take a number: one more than
# the largest number of such registrations expected at one moment (triplets).
ALLOCATION_ATTEMPTS = 4


@dataclass(frozen=True, kw_only=True)
class Newborn:
    """What a newborn registration states: certificate, child, parents, household."""

    birth_certificate_number: str
    name: str
    sex: str
    birth_date: date
    ethnicity_code: str
    father_id: str | None
    mother_id: str
    household_number: str


def relation_to_head(head_id: str, sex: str, parents: list[Person]) -> str:
    """The newborn's relation to the head: child (子/女), grandchild (孙子/孙女) or other."""
    if any(parent.id_number == head_id for parent in parents):
        return "子" if sex == "M" else "女"
    if any(head_id in (parent.father_id, parent.mother_id) for parent in parents):
        return "孙子" if sex == "M" else "孙女"
    return "其他"


def _check_statements(newborn: Newborn) -> None:
    short_text(
        newborn.birth_certificate_number,
        argument="birthCertificateNumber",
        max_length=CERTIFICATE_NUMBER_LENGTH,
    )
    person_name(newborn.name, argument="name")
    ethnic_group_code(newborn.ethnicity_code, argument="ethnicityCode")
    if newborn.birth_date > today_in_china():
        raise invalid(f"`birthDate` {newborn.birth_date.isoformat()} is in the future")


async def _parents(session: AsyncSession, newborn: Newborn) -> list[Person]:
    mother = await registered_person(session, newborn.mother_id, argument="motherId")
    if mother.sex != "F":
        raise ExecutionFailed(ExecutionErrorCode.REJECTED, "`motherId` is not a woman's")
    if newborn.father_id is None:
        return [mother]
    father = await registered_person(session, newborn.father_id, argument="fatherId")
    if father.sex != "M":
        raise ExecutionFailed(ExecutionErrorCode.REJECTED, "`fatherId` is not a man's")
    return [father, mother]


async def _household(session: AsyncSession, newborn: Newborn, parents: list[Person]) -> Household:
    household = await session.get(Household, newborn.household_number)
    if household is None:
        raise ExecutionFailed(
            ExecutionErrorCode.NOT_FOUND,
            f"`householdNumber` {quoted(newborn.household_number)} is not a registered household",
        )
    if all(parent.household_no != household.number for parent in parents):
        raise ExecutionFailed(
            ExecutionErrorCode.REJECTED,
            f"neither parent is registered in household {household.number}",
        )
    return household


async def _not_yet_registered(session: AsyncSession, newborn: Newborn) -> None:
    if await session.get(BirthRegistration, newborn.birth_certificate_number) is not None:
        raise ExecutionFailed(
            ExecutionErrorCode.REJECTED,
            f"birth certificate {newborn.birth_certificate_number} is already registered",
        )


async def _registration(session: AsyncSession, newborn: Newborn) -> BirthRegistration:
    _check_statements(newborn)
    await _not_yet_registered(session, newborn)
    parents = await _parents(session, newborn)
    household = await _household(session, newborn, parents)
    if newborn.ethnicity_code not in {parent.ethnicity_code for parent in parents}:
        raise ExecutionFailed(
            ExecutionErrorCode.REJECTED,
            "`ethnicityCode` must be the father's or the mother's ethnicity",
        )
    id_number = await allocate_id_number(
        session, region_code=household.region_code, birth_date=newborn.birth_date, sex=newborn.sex
    )
    session.add(
        Person(
            id_number=id_number,
            name=newborn.name,
            sex=newborn.sex,
            birth_date=newborn.birth_date,
            ethnicity_code=newborn.ethnicity_code,
            region_code=household.region_code,
            household_no=household.number,
            relation=relation_to_head(household.head_id, newborn.sex, parents),
            father_id=newborn.father_id,
            mother_id=newborn.mother_id,
        )
    )
    # The person before the registration that refers to it; an IntegrityError here is the
    # number taken by a concurrent registration.
    await session.flush()
    return BirthRegistration(
        birth_certificate_number=newborn.birth_certificate_number,
        person_id=id_number,
        registered_on=today_in_china(),
    )


async def register_newborn(
    *, session: AsyncSession, application: str, newborn: Newborn
) -> Applied[BirthRegistration]:
    """Register a newborn in a parent's household with a new ID number, once per application."""

    async def change() -> BirthRegistration:
        for _ in range(ALLOCATION_ATTEMPTS):
            try:
                return await _registration(session, newborn)
            except IntegrityError:
                # A concurrent registration committed the number first: check and allocate
                # again, in a new transaction that sees it (no savepoint: SQLite's driver
                # would commit at its release).
                await session.rollback()
        raise ExecutionFailed(
            ExecutionErrorCode.CONFLICT,
            "concurrent registrations took every ID number tried; nothing was changed",
        )

    return await apply_once(
        session,
        model=BirthRegistration,
        application=application,
        arguments=dataclasses.asdict(newborn),
        change=change,
    )
