"""The seeded tax records agree with the police register."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from agencies.police.models import Person
from agencies.tax.models import AnnualTaxSummary, Taxpayer
from tests.conftest import Platform


def age_on(birth: date, day: date) -> int:
    """Return an age in whole years on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


async def birth_dates(platform: Platform) -> dict[str, date]:
    """Return the police register's birth date of every person, by ID number."""
    async with platform.databases["police"].engine.connect() as connection:
        rows = await connection.execute(select(Person.id_number, Person.birth_date))
        return {id_number: birth for id_number, birth in rows}


async def taxpayers(platform: Platform) -> list[tuple[str, date]]:
    """Return every seeded taxpayer's number and registration day."""
    async with platform.databases["tax"].engine.connect() as connection:
        rows = await connection.execute(select(Taxpayer.person_id, Taxpayer.registered_on))
        return [(number, registered_on) for number, registered_on in rows]


async def test_every_taxpayer_is_a_registered_person(platform: Platform) -> None:
    # given the seeded taxpayers and the police register
    registered = await birth_dates(platform)
    numbers = [number for number, _ in await taxpayers(platform)]
    # when each taxpayer number is looked up in the register
    strangers = [number for number in numbers if number not in registered]
    # then every taxpayer is a registered person, and there are taxpayers at all
    assert (strangers, len(numbers) > 0) == ([], True)


async def test_taxpayers_were_at_least_16_at_registration(platform: Platform) -> None:
    # given the seeded taxpayers and the police register
    registered = await birth_dates(platform)
    rows = await taxpayers(platform)
    # when each registration day is compared with the taxpayer's birth date
    too_young = [
        (number, registered_on)
        for number, registered_on in rows
        if number in registered and age_on(registered[number], registered_on) < 16
    ]
    # then nobody registered for tax before turning 16
    assert too_young == []


async def test_tax_paid_never_exceeds_income(platform: Platform) -> None:
    # given the seeded annual summaries
    async with platform.databases["tax"].engine.connect() as connection:
        rows = (await connection.execute(select(AnnualTaxSummary))).all()
    # when each year's tax is compared with its income
    excessive = [
        (row.taxpayer_id, row.year) for row in rows if not 0 <= row.tax_paid_fen <= row.income_fen
    ]
    # then no year's tax is negative or more than its income, and there are summaries at all
    assert (excessive, len(rows) > 0) == ([], True)
