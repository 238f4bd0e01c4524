"""Police registrations the hall's approvals drive: ethnicity and name changes.

Newborn registration, which checks more records, is in agencies/police/newborns.py.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.models import EthnicityRecord, NameRecord, Person
from agencies.population.codes import ETHNIC_GROUP_CODES, ETHNICITY_BASES
from subgraph.execution import (
    Applied,
    ExecutionErrorCode,
    ExecutionFailed,
    apply_once,
    day_in_life,
    person_name,
    short_text,
)
from subgraph.execution.checks import invalid, quoted

APPROVAL_NUMBER_LENGTH = 32


async def registered_person(session: AsyncSession, id_number: str, *, argument: str) -> Person:
    """Return the registered person, else raise NOT_FOUND naming the argument."""
    person = await session.get(Person, id_number)
    if person is None:
        raise ExecutionFailed(
            ExecutionErrorCode.NOT_FOUND, f"`{argument}` {id_number} is not a registered person"
        )
    return person


def ethnic_group_code(code: str, *, argument: str) -> str:
    """Return a GB 3304 code, else raise INVALID."""
    if code not in ETHNIC_GROUP_CODES:
        raise invalid(f"`{argument}` {quoted(code)} is not a GB 3304 ethnic-group code")
    return code


async def register_ethnicity_change(
    *,
    session: AsyncSession,
    application: str,
    id_number: str,
    to_code: str,
    basis: str,
    approval_number: str,
    effective_on: date,
) -> Applied[EthnicityRecord]:
    """Register an approved change of ethnicity and its history entry, once per application."""

    async def change() -> EthnicityRecord:
        ethnic_group_code(to_code, argument="toCode")
        if basis not in ETHNICITY_BASES:
            raise invalid(
                f"`basis` {quoted(basis)} is not one of {', '.join(sorted(ETHNICITY_BASES))}"
            )
        short_text(approval_number, argument="approvalNumber", max_length=APPROVAL_NUMBER_LENGTH)
        day_in_life(effective_on, argument="effectiveOn", id_number=id_number)
        person = await registered_person(session, id_number, argument="idNumber")
        if person.ethnicity_code == to_code:
            raise ExecutionFailed(
                ExecutionErrorCode.REJECTED, f"the person's ethnicity is already {to_code}"
            )
        record = EthnicityRecord(
            person_id=id_number,
            from_code=person.ethnicity_code,
            to_code=to_code,
            changed_on=effective_on,
            basis=basis,
            approval_number=approval_number,
        )
        person.ethnicity_code = to_code
        return record

    arguments = {
        "id_number": id_number,
        "to_code": to_code,
        "basis": basis,
        "approval_number": approval_number,
        "effective_on": effective_on,
    }
    return await apply_once(
        session,
        model=EthnicityRecord,
        application=application,
        arguments=arguments,
        change=change,
    )


async def change_name(
    *,
    session: AsyncSession,
    application: str,
    id_number: str,
    new_name: str,
    effective_on: date,
) -> Applied[NameRecord]:
    """Register a person's new name and its history entry, once per application."""

    async def change() -> NameRecord:
        person_name(new_name, argument="newName")
        day_in_life(effective_on, argument="effectiveOn", id_number=id_number)
        person = await registered_person(session, id_number, argument="idNumber")
        if person.name == new_name:
            raise ExecutionFailed(
                ExecutionErrorCode.REJECTED, "the new name is the person's registered name"
            )
        record = NameRecord(
            person_id=id_number, old_name=person.name, new_name=new_name, changed_on=effective_on
        )
        person.name = new_name
        return record

    arguments = {"id_number": id_number, "new_name": new_name, "effective_on": effective_on}
    return await apply_once(
        session, model=NameRecord, application=application, arguments=arguments, change=change
    )
