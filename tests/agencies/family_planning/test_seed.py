"""Invariants of the seeded birth certificates against the police register."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from agencies.family_planning import models
from agencies.police import models as police
from agencies.population.calendar import years_after
from tests.conftest import Platform

MIN_MOTHER_AGE = 15


async def certificates(platform: Platform) -> list[Any]:
    async with platform.databases["family_planning"].engine.connect() as connection:
        table = models.BirthCertificate.__table__
        return list((await connection.execute(select(table).order_by(table.c.number))).all())


async def birth_dates(platform: Platform, id_numbers: set[str]) -> dict[str, date]:
    async with platform.databases["police"].engine.connect() as connection:
        rows = await connection.execute(
            select(police.Person.id_number, police.Person.birth_date).where(
                police.Person.id_number.in_(id_numbers)
            )
        )
        return dict(rows.all())


async def test_every_named_person_is_registered_with_the_police(platform: Platform) -> None:
    # given every seeded certificate
    rows = await certificates(platform)
    named = {
        (row.number, role, person)
        for row in rows
        for role, person in (
            ("mother", row.mother_id),
            ("father", row.father_id),
            ("child", row.child_id),
        )
        if person is not None
    }
    # when the police register is read for the mothers, fathers and registered children
    registered = await birth_dates(platform, {person for _, _, person in named})
    # then none of them is missing
    assert rows, "the test population has no birth certificate"
    assert sorted(entry for entry in named if entry[2] not in registered) == []


async def test_registered_children_match_the_police_birth_date_and_mother_age(
    platform: Platform,
) -> None:
    # given every certificate of a registered child
    rows = [row for row in await certificates(platform) if row.child_id is not None]
    # when the police birth dates of the children and mothers are read
    born = await birth_dates(
        platform, {row.child_id for row in rows} | {row.mother_id for row in rows}
    )
    # then each child was born on the certified day, to a mother of at least 15
    wrong_date = [
        (row.number, row.birth_date, born.get(row.child_id))
        for row in rows
        if born.get(row.child_id) != row.birth_date
    ]
    too_young = [
        (row.number, born[row.mother_id], row.birth_date)
        for row in rows
        if row.mother_id in born
        and years_after(born[row.mother_id], MIN_MOTHER_AGE) > row.birth_date
    ]
    assert rows, "the test population has no registered child with a certificate"
    assert (wrong_date, too_young) == ([], [])
