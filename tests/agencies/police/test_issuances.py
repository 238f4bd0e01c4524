"""What the police's issuances write: card validity by age, the reason as status, the series."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police import certificates
from agencies.police.numbering import next_in_series
from agencies.population.calendar import years_after
from tests.agencies.execution import APPLICATION, WritableAgency, hall
from tests.agencies.police.issuances import (
    ADDRESS,
    CERTIFICATE_ISSUE,
    HOLDER,
    HOUSEHOLD_TRANSFER,
    ID_CARD_REISSUE,
    LOST_CARD,
    LOST_ISSUED,
    LOST_ON,
    LOST_VALID_UNTIL,
    MOVER,
    NEW_CARD,
    NEW_HOUSEHOLD,
    NINGHUA,
    NINGHUA_BUREAU,
    PERMIT,
    SANYUAN,
    SANYUAN_FIRST_STATION,
    TODAY,
    TRANSFER_CERTIFICATE,
    cards_of,
    certificates_of,
    registration_of,
)
from tests.population import persons, scenario

SECOND = "YW-2026-000124"


def card_of(answer: dict[str, Any]) -> Any:
    """The new card an ID-card reissue answered."""
    return answer["data"]["reissueIdCard"]["card"]


@pytest.mark.parametrize(
    ("holder", "years"),
    [
        pytest.param(scenario("grandparent_guardian").roles["child"], 5, id="9: five years"),
        pytest.param(HOLDER, 10, id="19: ten years"),
        pytest.param(scenario("intact_mixed_minor").roles["mother"], 20, id="37: twenty years"),
        pytest.param(scenario("grandparent_guardian").roles["guardian"], None, id="66: long-term"),
    ],
)
async def test_the_new_card_is_valid_for_the_years_the_holders_age_sets(
    police: WritableAgency, holder: str, years: int | None
) -> None:
    # given a holder of 9, 19, 37 or 66 whose valid card was lost
    variables = {**ID_CARD_REISSUE.variables, "id": holder, "lostOn": None}
    # when the hall reissues it
    answer = await police.post(ID_CARD_REISSUE.document, variables, actor=hall())
    # then the county bureau issues a card valid 5, 10 or 20 years from today, or long-term
    assert card_of(answer) == {
        "serial": NEW_CARD,
        "issuedOn": TODAY.isoformat(),
        "validUntil": years_after(TODAY, years).isoformat() if years else None,
        "status": "VALID",
        "issuingUnit": {"code": NINGHUA_BUREAU},
    }


async def test_a_stolen_card_is_marked_stolen(police: WritableAgency) -> None:
    # given a card reported stolen, on no known day
    variables = {**ID_CARD_REISSUE.variables, "reason": "STOLEN", "lostOn": None}
    # when the hall reissues it
    await police.post(ID_CARD_REISSUE.document, variables, actor=hall())
    # then the old card's status is STOLEN, and the reissue records the reason
    assert await cards_of(police) == (
        [
            (LOST_CARD, LOST_ISSUED, LOST_VALID_UNTIL, NINGHUA_BUREAU, "STOLEN"),
            (NEW_CARD, TODAY, years_after(TODAY, 10), NINGHUA_BUREAU, "VALID"),
        ],
        [(NEW_CARD, LOST_CARD, "STOLEN", None, TODAY, APPLICATION)],
    )


async def test_a_reissued_card_lost_again_is_replaced_by_the_next_serial(
    police: WritableAgency,
) -> None:
    # given a card reissued once
    await police.post(ID_CARD_REISSUE.document, ID_CARD_REISSUE.variables, actor=hall())
    # when the new card is lost too (on no known day), and another application reissues it
    variables = {**ID_CARD_REISSUE.variables, "application": SECOND, "lostOn": None}
    await police.post(ID_CARD_REISSUE.document, variables, actor=hall(SECOND))
    # then the county's next serial replaces it, and both lost cards are marked
    third = "350424000000379"
    assert await cards_of(police) == (
        [
            (LOST_CARD, LOST_ISSUED, LOST_VALID_UNTIL, NINGHUA_BUREAU, "LOST"),
            (NEW_CARD, TODAY, years_after(TODAY, 10), NINGHUA_BUREAU, "LOST"),
            (third, TODAY, years_after(TODAY, 10), NINGHUA_BUREAU, "VALID"),
        ],
        [
            (NEW_CARD, LOST_CARD, "LOST", LOST_ON, TODAY, APPLICATION),
            (third, NEW_CARD, "LOST", None, TODAY, SECOND),
        ],
    )


async def test_a_head_living_alone_may_move(police: WritableAgency) -> None:
    # given a man heading a household of his own in 宁化县
    alone = scenario("birth_without_marriage").roles["father"]
    own = persons()[alone].household_no
    # when the hall transfers him to 三元区
    variables = {**HOUSEHOLD_TRANSFER.variables, "id": alone}
    await police.post(HOUSEHOLD_TRANSFER.document, variables, actor=hall())
    # then he heads a new household there
    assert await registration_of(police, alone) == (
        [(SANYUAN, NEW_HOUSEHOLD, "户主")],
        [(NEW_HOUSEHOLD, SANYUAN, SANYUAN_FIRST_STATION, ADDRESS, alone)],
        [(own, NEW_HOUSEHOLD, TODAY, PERMIT, TRANSFER_CERTIFICATE, APPLICATION)],
    )


async def test_the_next_move_to_a_county_takes_the_next_numbers(police: WritableAgency) -> None:
    # given a son of 宁化县 moved to 三元区
    await police.post(HOUSEHOLD_TRANSFER.document, HOUSEHOLD_TRANSFER.variables, actor=hall())
    # when his mother moves there too, under another application
    mother = scenario("adult_21_mixed").roles["mother"]
    variables = {**HOUSEHOLD_TRANSFER.variables, "application": SECOND, "id": mother}
    answer = await police.post(HOUSEHOLD_TRANSFER.document, variables, actor=hall(SECOND))
    # then her household, permit and transfer certificate are the next of their series
    transfer = answer["data"]["transferHousehold"]["transfer"]
    assert transfer == {
        "transferredOn": TODAY.isoformat(),
        "permitNumber": f"ZQ{SANYUAN}{TODAY.year}000002",
        "transferCertificateNumber": f"QY{NINGHUA}{TODAY.year}000002",
        "application": SECOND,
        "fromHousehold": {"number": persons()[MOVER].household_no},
        "toHousehold": {"number": "35040400000168"},
    }


@pytest.mark.parametrize(
    ("kind", "series"),
    [("HOUSEHOLD_CERTIFICATE", "HJ"), ("NO_CRIMINAL_RECORD", "WF"), ("HOUSEHOLD_BOOKLET", "HB")],
)
async def test_each_kind_of_certificate_is_numbered_in_its_series(
    police: WritableAgency, kind: str, series: str
) -> None:
    # given a person of 宁化县, when the hall has a certificate of one kind issued
    variables = {**CERTIFICATE_ISSUE.variables, "kind": kind}
    await police.post(CERTIFICATE_ISSUE.document, variables, actor=hall())
    # then it is the first of its kind's series, of the county and year
    number = f"{series}{NINGHUA}{TODAY.year}000001"
    assert await certificates_of(police) == [(number, kind, TODAY, NINGHUA_BUREAU, APPLICATION)]


async def test_certificates_issued_at_once_get_different_numbers(
    police: WritableAgency, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two certificates of one series whose issues wait, once they have picked a number,
    # until the other has picked too (so both pick 000001 before either inserts)
    picked: list[str] = []
    both_picked = asyncio.Barrier(2)

    async def pick_together(session: AsyncSession, column: Any, **series: Any) -> str:
        number = await next_in_series(session, column, **series)
        picked.append(number)
        if len(picked) <= 2:
            await asyncio.wait_for(both_picked.wait(), timeout=10)
        return number

    monkeypatch.setattr(certificates, "next_in_series", pick_together)
    other = scenario("adult_21_mixed").roles["mother"]
    # when the hall has both issued at the same time (two applications, two persons)
    await asyncio.gather(
        police.post(CERTIFICATE_ISSUE.document, CERTIFICATE_ISSUE.variables, actor=hall()),
        police.post(
            CERTIFICATE_ISSUE.document,
            {**CERTIFICATE_ISSUE.variables, "application": SECOND, "id": other},
            actor=hall(SECOND),
        ),
    )
    # then the database refuses the second 000001, whose issue picks again and gets 000002
    first, second = (f"HJ{NINGHUA}{TODAY.year}00000{n}" for n in (1, 2))
    assert picked == [first, first, second]
    issued = await certificates_of(police) + await certificates_of(police, other)
    assert sorted(number for number, *_ in issued) == [first, second]
