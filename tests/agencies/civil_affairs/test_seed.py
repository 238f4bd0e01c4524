"""The seeded civil-affairs records agree with the police register and with the law."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute

from agencies.civil_affairs import models
from agencies.police.models import Person
from tests.conftest import AS_OF, Platform

MARRIAGEABLE_AGE = 20  # the spec's floor for both spouses (the Civil Code: men 22, women 20)


async def rows(platform: Platform, agency: str, statement: Select[Any]) -> list[Any]:
    """Run a select against one agency's seeded database."""
    async with platform.databases[agency].engine.connect() as connection:
        return list(await connection.execute(statement))


async def persons(platform: Platform) -> dict[str, Any]:
    """The police register: ID number -> (sex, birth date)."""
    found = await rows(platform, "police", select(Person.id_number, Person.sex, Person.birth_date))
    return {row.id_number: row for row in found}


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@pytest.mark.parametrize(
    "column",
    [
        models.Marriage.husband_id,
        models.Marriage.wife_id,
        models.Adoption.child_id,
        models.Adoption.adoptive_father_id,
        models.Adoption.adoptive_mother_id,
        models.Guardianship.ward_id,
        models.Guardianship.guardian_id,
    ],
    ids=lambda column: f"{column.class_.__tablename__}.{column.key}",
)
async def test_every_person_referred_to_is_registered_with_the_police(
    platform: Platform, column: InstrumentedAttribute[Any]
) -> None:
    # given the police register
    register = await persons(platform)
    # when we read every ID number the column holds (an adoption may lack one adopter)
    model = column.class_
    referred = await rows(
        platform, "civil_affairs", select(model.number, column).where(column.is_not(None))
    )
    # then each one is a registered person
    dangling = [(row[0], row[1]) for row in referred if row[1] not in register]
    assert dangling == []


async def test_no_one_has_two_marriages_at_once(platform: Platform) -> None:
    # given every marriage as the interval [registered_on, divorced_on or forever)
    marriages = await rows(platform, "civil_affairs", select(models.Marriage))
    by_person: dict[str, list[Any]] = defaultdict(list)
    for marriage in marriages:
        by_person[marriage.husband_id].append(marriage)
        by_person[marriage.wife_id].append(marriage)
    # when we compare each person's marriages pairwise
    overlapping = []
    for person, theirs in sorted(by_person.items()):
        for i, one in enumerate(theirs):
            for other in theirs[i + 1 :]:
                one_end, other_end = one.divorced_on or date.max, other.divorced_on or date.max
                if one.registered_on < other_end and other.registered_on < one_end:
                    overlapping.append((person, one.number, other.number))
    # then no two of them overlap
    assert overlapping == []


async def test_every_divorce_falls_after_the_wedding_and_not_in_the_future(
    platform: Platform,
) -> None:
    # given every dissolved marriage
    divorced = await rows(
        platform,
        "civil_affairs",
        select(models.Marriage).where(models.Marriage.divorced_on.is_not(None)),
    )
    # when we compare its divorce with its registration and the population's reference day
    wrong = [
        (m.number, m.registered_on, m.divorced_on)
        for m in divorced
        if not m.registered_on < m.divorced_on <= AS_OF
    ]
    # then each divorce comes after the wedding and no later than the reference day
    assert wrong == []


async def test_husbands_are_men_and_wives_are_women(platform: Platform) -> None:
    # given the police register and every marriage
    register = await persons(platform)
    marriages = await rows(platform, "civil_affairs", select(models.Marriage))
    # when we look up each spouse's registered sex
    wrong = [
        (m.number, role, spouse, register[spouse].sex)
        for m in marriages
        for role, spouse, sex in (("husband", m.husband_id, "M"), ("wife", m.wife_id, "F"))
        if spouse in register and register[spouse].sex != sex
    ]
    # then every husband is male and every wife female
    assert wrong == []


async def test_both_spouses_are_at_least_20_when_they_marry(platform: Platform) -> None:
    # given the police register and every marriage
    register = await persons(platform)
    marriages = await rows(platform, "civil_affairs", select(models.Marriage))
    # when we compute each spouse's age on the day the marriage was registered
    too_young = [
        (m.number, role, spouse, register[spouse].birth_date, m.registered_on, age)
        for m in marriages
        for role, spouse in (("husband", m.husband_id), ("wife", m.wife_id))
        if spouse in register
        and (age := age_on(register[spouse].birth_date, m.registered_on)) < MARRIAGEABLE_AGE
    ]
    # then no one married under 20
    assert too_young == []
