"""Allocating a newborn's citizen ID number (GB 11643) at birth registration.

The number is the county's address code, the birth date, the lowest sequence of the child's
sex that no registered person of that county and day holds, and the check character. Two
registrations of the same county, day and sex at once find the same sequence free: the
person table's primary key lets one of them insert it, and the other allocates again
(agencies/police/newborns.py).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.models import Person
from subgraph.execution import ExecutionErrorCode, ExecutionFailed
from subgraph.idnumber import make_id_number, sequence_of, sequences_for


def lowest_free_sequence(sex: str, used: Collection[int]) -> int | None:
    """Return the lowest sequence of the sex not in `used`, or None when all are."""
    return next((sequence for sequence in sequences_for(sex) if sequence not in used), None)


async def used_sequences(session: AsyncSession, *, region_code: str, birth_date: date) -> set[int]:
    """Return the sequences the registered persons of a county and birth day hold."""
    prefix = f"{region_code}{birth_date:%Y%m%d}"
    # A range on the primary key (digits and X sort alike in every collation) uses its index.
    statement = select(Person.id_number).where(
        Person.id_number.between(f"{prefix}000", f"{prefix}999X")
    )
    return {sequence_of(id_number) for id_number in await session.scalars(statement)}


async def allocate_id_number(
    session: AsyncSession, *, region_code: str, birth_date: date, sex: str
) -> str:
    """Return the free ID number of lowest sequence for the county, day and sex; else REJECTED."""
    used = await used_sequences(session, region_code=region_code, birth_date=birth_date)
    sequence = lowest_free_sequence(sex, used)
    if sequence is None:
        raise ExecutionFailed(
            ExecutionErrorCode.REJECTED,
            f"every ID number of county {region_code} for a {'boy' if sex == 'M' else 'girl'} "
            f"born on {birth_date.isoformat()} is taken",
        )
    return make_id_number(region_code, birth_date, sequence)
