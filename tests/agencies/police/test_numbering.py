"""The police's number series: the next after the highest issued, until the series is full."""

from __future__ import annotations

import pytest

from agencies.police import models
from agencies.police.numbering import next_in_series
from subgraph.execution import ExecutionFailed
from tests.agencies.execution import WritableAgency


@pytest.mark.parametrize(
    ("prefix", "digits", "expected"),
    [
        # The highest serial of 宁化县 in the test population is 350424000000377.
        pytest.param("350424", 9, "350424000000378", id="after the highest"),
        pytest.param("3504240000003", 2, "350424000000378", id="a narrower series"),
        pytest.param("110101", 9, "110101000000001", id="an empty series starts at one"),
    ],
)
async def test_the_next_number_follows_the_highest_of_the_series(
    police: WritableAgency, prefix: str, digits: int, expected: str
) -> None:
    # given the seeded ID cards, when the next serial of a series is asked for
    async with police.database.sessions() as session:
        following = await next_in_series(
            session, models.IdCard.serial, prefix=prefix, digits=digits
        )
    # then it is the highest of the series plus one, zero-padded
    assert following == expected


async def test_a_full_series_is_refused(police: WritableAgency) -> None:
    # given a series whose highest number is its last (350424000000009 is a seeded serial)
    async with police.database.sessions() as session:
        # when its next number is asked for
        with pytest.raises(ExecutionFailed) as refused:
            await next_in_series(session, models.IdCard.serial, prefix="35042400000000", digits=1)
    # then it is refused as a typed rejection
    assert (refused.value.code.value, refused.value.message) == (
        "REJECTED",
        "the numbers 35042400000000… are all used",
    )
