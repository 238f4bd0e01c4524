"""Ratings: the applicant rates a closed application once, 1 to 5 stars, a short comment."""

from __future__ import annotations

from typing import Any

import pytest
import pytest_asyncio

from hall.service_models import Rating
from hall.times import utc
from tests.hall.flow import Hall
from tests.hall.service_flow import (
    as_citizen,
    family_with_minor,
    hall_rows,
    police_officer,
    residents,
    submitted,
)
from web.citizen_operations import CITIZEN_RATE_APPLICATION

CERTIFICATE = {"purpose": "入学"}


async def _closed(hall: Hall, applicant: str, subject: str | None = None) -> str:
    """A household certificate of `subject`, filed by `applicant`, delivered and closed."""
    number = await submitted(
        hall,
        applicant,
        "HOUSEHOLD_CERTIFICATE",
        CERTIFICATE,
        delivery="ELECTRONIC",
        subject=subject,
    )
    region = (subject or applicant)[:6]
    await hall.decide(number, approve=True, reason="同意", login=police_officer(region))
    await hall.work()
    return number


async def _rate(
    hall: Hall, citizen: str, number: str, stars: int, comment: str | None = None
) -> dict[str, Any]:
    variables = {"number": number, "stars": stars, "comment": comment}
    return await as_citizen(hall, citizen, CITIZEN_RATE_APPLICATION, variables)


async def _ratings_of(hall: Hall, number: str) -> list[tuple[str, int, str | None]]:
    return [
        (r.rater_id, r.stars, r.comment)
        for r in await hall_rows(hall, Rating)
        if r.application_number == number
    ]


def _refusal(body: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    return body["data"], [(e["message"], e["extensions"]["code"]) for e in body["errors"]]


async def test_the_applicant_rates_once_and_only_after_closing(hall: Hall) -> None:
    # Given a citizen's household certificate, verified but not decided
    citizen = residents()[0]
    number = await submitted(
        hall, citizen.id_number, "HOUSEHOLD_CERTIFICATE", CERTIFICATE, delivery="ELECTRONIC"
    )

    # When they rate it open, then closed, then a second time
    early = await _rate(hall, citizen.id_number, number, 5)
    await hall.decide(number, approve=True, reason="同意", login=police_officer(citizen.region))
    await hall.work()
    rated = await _rate(hall, citizen.id_number, number, 4, "  办理很快，材料都不用交。 ")
    again = await _rate(hall, citizen.id_number, number, 1)

    # Then only the rating of the closed application counts, its comment trimmed
    row = next(r for r in await hall_rows(hall, Rating) if r.application_number == number)
    assert _refusal(early) == (
        {"rateApplication": None},
        [(f"application {number} is VERIFIED; rate it once closed", "BAD_USER_INPUT")],
    )
    assert rated == {
        "data": {
            "rateApplication": {
                "rating": {
                    "applicationNumber": number,
                    "stars": 4,
                    "comment": "办理很快，材料都不用交。",
                    "ratedAt": utc(row.rated_at).isoformat(),
                }
            }
        }
    }
    assert _refusal(again) == (
        {"rateApplication": None},
        [(f"application {number} was rated already", "BAD_USER_INPUT")],
    )
    assert await _ratings_of(hall, number) == [(citizen.id_number, 4, "办理很快，材料都不用交。")]


async def test_only_the_applicant_may_rate(hall: Hall) -> None:
    # Given a certificate of a minor, filed by a parent and closed
    unit, parent, child = family_with_minor()
    number = await _closed(hall, parent, child)
    family = {person.id_number for person in unit.persons}
    stranger = next(r.id_number for r in residents() if r.id_number not in family)

    # When the minor it is about, and a stranger, rate it
    by_child = await _rate(hall, child, number, 1)
    by_stranger = await _rate(hall, stranger, number, 1)

    # Then both are refused and there is no rating
    forbidden = (
        {"rateApplication": None},
        [("not allowed to write ServiceRating (rateApplication)", "FORBIDDEN")],
    )
    assert (_refusal(by_child), _refusal(by_stranger)) == (forbidden, forbidden)
    assert await _ratings_of(hall, number) == []


@pytest_asyncio.fixture(scope="module")
async def closed(hall: Hall) -> tuple[str, str]:
    """A citizen and their closed application, for refusals (which leave it unrated)."""
    citizen = residents()[2].id_number
    return citizen, await _closed(hall, citizen)


@pytest.mark.parametrize(
    ("stars", "comment", "message"),
    [
        (0, None, "a rating is 1 to 5 stars, not 0"),
        (6, None, "a rating is 1 to 5 stars, not 6"),
        (-2_147_483_648, None, "a rating is 1 to 5 stars, not -2147483648"),
        (5, "好" * 501, "the comment is longer than 500 characters (501)"),
        (5, "好评\u202e评差", "the comment holds control or invisible formatting characters"),
        (5, "好评\x00", "the comment holds control or invisible formatting characters"),
    ],
)
async def test_a_malformed_rating_is_refused_and_nothing_recorded(
    hall: Hall, closed: tuple[str, str], stars: int, comment: str | None, message: str
) -> None:
    # Given a closed application of a citizen
    citizen, number = closed

    # When they rate it with a malformed or hostile rating
    refused = await _rate(hall, citizen, number, stars, comment)

    # Then it is refused with the reason, and no rating is recorded
    assert _refusal(refused) == ({"rateApplication": None}, [(message, "BAD_USER_INPUT")])
    assert await _ratings_of(hall, number) == []
