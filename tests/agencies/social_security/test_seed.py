"""The seeded insurance enrolments agree with the police register."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from agencies.police.models import Person
from agencies.social_security.models import Employer, InsuranceEnrolment
from tests.agencies.social_security.population import employers
from tests.conftest import AS_OF, Platform

RETIREMENT_AGE = {"M": 60, "F": 55}


def age_on(birth: date, day: date) -> int:
    """Return an age in whole years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


async def register(platform: Platform) -> dict[str, tuple[str, date]]:
    """Return the police register's sex and birth date of every person, by ID number."""
    async with platform.databases["police"].engine.connect() as connection:
        rows = await connection.execute(select(Person.id_number, Person.sex, Person.birth_date))
        return {id_number: (sex, birth) for id_number, sex, birth in rows}


async def enrolments(platform: Platform) -> list[InsuranceEnrolment]:
    """Return every seeded insurance enrolment, by number."""
    async with platform.databases["social_security"].engine.connect() as connection:
        statement = select(InsuranceEnrolment).order_by(InsuranceEnrolment.number)
        return list((await connection.execute(statement)).all())


async def test_every_enrolment_is_of_a_registered_person(platform: Platform) -> None:
    # given the seeded enrolments and the police register
    persons = await register(platform)
    rows = await enrolments(platform)
    # when each enrolment's person is looked up in the register
    strangers = [(row.number, row.person_id) for row in rows if row.person_id not in persons]
    # then every enrolment is of a registered person, and there are enrolments at all
    assert (strangers, len(rows) > 0) == ([], True)


async def test_enrolments_with_an_employer_are_active_and_of_working_age(
    platform: Platform,
) -> None:
    # given the seeded enrolments paid by an employer, and the police register
    persons = await register(platform)
    paid = [row for row in await enrolments(platform) if row.employer_code is not None]
    # when each one's status and its person's age are checked
    wrong = [
        (row.number, row.status, age_on(persons[row.person_id][1], AS_OF))
        for row in paid
        if row.person_id in persons
        and (row.status != "ACTIVE" or not 16 <= age_on(persons[row.person_id][1], AS_OF) < 60)
    ]
    # then every one is active and of a person of 16 to 59, and there are such enrolments
    assert (wrong, len(paid) > 0) == ([], True)


async def test_only_men_of_60_and_women_of_55_receive_a_pension(platform: Platform) -> None:
    # given the seeded pension enrolments that are receiving, and the police register
    persons = await register(platform)
    receiving = [
        row
        for row in await enrolments(platform)
        if row.scheme == "PENSION" and row.status == "RECEIVING"
    ]
    # when each pensioner's sex and age are checked
    too_young = [
        (row.number, sex, age_on(birth, AS_OF))
        for row in receiving
        if row.person_id in persons
        for sex, birth in [persons[row.person_id]]
        if age_on(birth, AS_OF) < RETIREMENT_AGE[sex]
    ]
    # then every pensioner has reached the retirement age, and there are pensioners at all
    assert (too_young, len(receiving) > 0) == ([], True)


async def test_every_employer_of_an_enrolment_is_in_the_pool(platform: Platform) -> None:
    # given the seeded employers and the employer codes of the enrolments
    async with platform.databases["social_security"].engine.connect() as connection:
        codes = set((await connection.scalars(select(Employer.code))).all())
    used = {row.employer_code for row in await enrolments(platform)} - {None}
    # when the codes the enrolments use are compared with the pool
    # then every one is a seeded employer, and the seeded employers are exactly the pool
    assert (used - codes, codes) == (set(), set(employers()))
