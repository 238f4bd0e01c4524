"""The police allocate a newborn's ID number: county, birth day, lowest free sequence, check."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police import models, newborns
from agencies.police.allocation import allocate_id_number, lowest_free_sequence
from subgraph.idnumber import is_valid_id_number
from tests.agencies.execution import APPLICATION, WritableAgency, hall
from tests.agencies.police.executions import BORN, NEWBORN_REGISTRATION

# Numbers of 宁化县 (350424) for 2026-10-22, the newborn's birth day, with their check
# characters worked out by hand (ISO 7064 MOD 11-2).
FIRST_BOY, FIRST_GIRL, SECOND_BOY = "350424202610220018", "350424202610220026", "350424202610220034"
TWIN_APPLICATION = "YW-2026-000124"
# The twin brother: his own birth certificate, the same parents, household and day.
TWIN = {
    **NEWBORN_REGISTRATION.variables,
    "application": TWIN_APPLICATION,
    "certificate": "Q900000001",
    "name": BORN.name[0] + "明",
}


async def numbers_of_the_day(police: WritableAgency) -> list[str]:
    """The registered ID numbers of 宁化县 for 2026-10-22."""
    return await police.rows(
        select(models.Person.id_number)
        .where(models.Person.id_number.startswith("35042420261022"))
        .order_by(models.Person.id_number)
    )


def allocated(answer: dict[str, Any]) -> tuple[bool, str]:
    """Whether the registration was a replay, and the ID number its person has."""
    payload = answer["data"]["registerNewborn"]
    return payload["replayed"], payload["person"]["idNumber"]


@pytest.mark.parametrize(
    ("sex", "expected"), [pytest.param("MALE", FIRST_BOY), pytest.param("FEMALE", FIRST_GIRL)]
)
async def test_the_first_child_of_a_day_and_county_gets_the_first_sequence_of_its_sex(
    police: WritableAgency, sex: str, expected: str
) -> None:
    # given nobody registered in 宁化县 born on the newborn's day
    assert await numbers_of_the_day(police) == []
    # when the hall registers the newborn as a boy (or as a girl)
    answer = await police.post(
        NEWBORN_REGISTRATION.document, {**NEWBORN_REGISTRATION.variables, "sex": sex}, actor=hall()
    )
    # then the police allocate sequence 001 (002 for a girl) with its valid check character
    assert (allocated(answer), await numbers_of_the_day(police)) == ((False, expected), [expected])
    assert is_valid_id_number(expected)


async def test_a_second_child_of_the_day_gets_the_next_free_sequence(
    police: WritableAgency,
) -> None:
    # given a boy of the day registered (001)
    await police.post(NEWBORN_REGISTRATION.document, NEWBORN_REGISTRATION.variables, actor=hall())
    # when another boy of the same county and day is registered
    answer = await police.post(NEWBORN_REGISTRATION.document, TWIN, actor=hall(TWIN_APPLICATION))
    # then he gets the next odd sequence, 003
    assert (allocated(answer), await numbers_of_the_day(police)) == (
        (False, SECOND_BOY),
        [FIRST_BOY, SECOND_BOY],
    )


async def test_twins_registered_at_once_get_different_numbers(
    police: WritableAgency, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two boys of the same parents and day, and registrations that wait, once they have
    # picked a number, until the other has picked too (so both pick 001 before either inserts)
    picked: list[str] = []
    both_picked = asyncio.Barrier(2)

    async def pick_together(session: AsyncSession, **day: Any) -> str:
        number = await allocate_id_number(session, **day)
        picked.append(number)
        if len(picked) <= 2:
            await asyncio.wait_for(both_picked.wait(), timeout=10)
        return number

    monkeypatch.setattr(newborns, "allocate_id_number", pick_together)
    # when the hall registers both at the same time (two applications, each its call's case)
    twins = await asyncio.gather(
        police.post(NEWBORN_REGISTRATION.document, NEWBORN_REGISTRATION.variables, actor=hall()),
        police.post(NEWBORN_REGISTRATION.document, TWIN, actor=hall(TWIN_APPLICATION)),
    )
    # then the database refuses the second 001, whose registration picks again and gets 003
    assert picked == [FIRST_BOY, FIRST_BOY, SECOND_BOY]
    assert sorted(allocated(answer) for answer in twins) == [
        (False, FIRST_BOY),
        (False, SECOND_BOY),
    ]
    assert await numbers_of_the_day(police) == [FIRST_BOY, SECOND_BOY]


async def test_a_replay_answers_the_number_first_allocated(police: WritableAgency) -> None:
    # given a boy registered (001), then his twin (003)
    await police.post(NEWBORN_REGISTRATION.document, NEWBORN_REGISTRATION.variables, actor=hall())
    await police.post(NEWBORN_REGISTRATION.document, TWIN, actor=hall(TWIN_APPLICATION))
    # when the hall sends the first application again
    again = await police.post(
        NEWBORN_REGISTRATION.document, NEWBORN_REGISTRATION.variables, actor=hall(APPLICATION)
    )
    # then it answers the first allocation as a replay, and allocates nothing more
    assert (allocated(again), await numbers_of_the_day(police)) == (
        (True, FIRST_BOY),
        [FIRST_BOY, SECOND_BOY],
    )


@pytest.mark.parametrize(
    ("sex", "used", "expected"),
    [
        pytest.param("M", set(), 1, id="first boy"),
        pytest.param("F", set(), 2, id="first girl"),
        pytest.param("M", {1, 2, 3, 7}, 5, id="lowest gap of the boys"),
        pytest.param("F", {1, 2, 3, 7}, 4, id="girls skip the boys"),
        pytest.param("M", set(range(1, 1000, 2)), None, id="every boy's sequence taken"),
        pytest.param("F", set(range(0, 1000, 2)), None, id="every girl's sequence taken"),
    ],
)
def test_the_lowest_free_sequence_follows_the_sex(
    sex: str, used: set[int], expected: int | None
) -> None:
    # given the sequences registered persons of a county and day hold, when one is allocated,
    # then it is the lowest of the sex's parity (odd men, even women from 002) not held
    assert lowest_free_sequence(sex, used) == expected
