"""The police's single-agency services, from the citizen's application to the police register."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from agencies.population import generate
from agencies.population.calendar import years_after
from subgraph.execution.checks import today_in_china
from tests.hall.flow import SPEC, Hall, scenario
from tests.tongban.platform import bearer
from web.citizen_operations import CITIZEN_PAY_FEE

POLICE_NINGHUA = "police.ninghua.officer"
POLICE_SANYUAN = "police.sanyuan.officer"
NINGHUA, NINGHUA_BUREAU = "350424", "350424000000"
SANYUAN, SANYUAN_FIRST_STATION = "350404", "350404510000"
EXECUTED_PATH = ["SUBMITTED", "ACCEPTED", "VERIFIED", "APPROVED", "EXECUTED"]
REGISTERED = """
query Registered($id: String!) {
  person(idNumber: $id) {
    regionCode relationToHead
    household { number regionCode address station { code } head { idNumber } }
    idCards { serial issuedOn validUntil status issuingUnit { code } }
    householdTransfers {
      transferredOn permitNumber transferCertificateNumber application
      fromHousehold { number } toHousehold { number }
    }
    certificates { number kind issuedOn application issuingUnit { code } }
  }
}
"""


def following(numbers: Iterable[str], prefix: str, digits: int) -> str:
    """The number after the highest of a county's series: the one the police issue next."""
    highest = max(int(number[len(prefix) :]) for number in numbers if number.startswith(prefix))
    return f"{prefix}{highest + 1:0{digits}d}"


def card_serials() -> list[str]:
    """The serials of every card of the demo population."""
    return [c.serial for unit in generate(SPEC) for p in unit.persons for c in p.id_cards]


def household_numbers() -> list[str]:
    """The numbers of every household of the demo population."""
    return [household.number for unit in generate(SPEC) for household in unit.households]


async def pay(hall: Hall, citizen: str, number: str) -> dict[str, Any]:
    """Pay the application's fee as the citizen, with the portal's persisted operation."""
    token = await hall.platform.token(citizen)
    answer = await hall.platform.client.post(
        "/graphql",
        json={"query": CITIZEN_PAY_FEE, "variables": {"number": number}},
        headers=bearer(token, None),
    )
    body: dict[str, Any] = answer.json()
    return body


async def approved(
    hall: Hall, citizen: str, *, service: str, details: dict[str, Any], delivery: str, officer: str
) -> str:
    """Apply for oneself, let the hall verify, approve as the officer, let the hall execute."""
    number = await hall.submitted_number(
        citizen, service=service, subject=citizen, details=details, delivery=delivery
    )
    await hall.work()
    await hall.decide(number, approve=True, reason="材料齐全", login=officer)
    await hall.work()
    return number


async def executed_path(hall: Hall, number: str, officer: str) -> list[str]:
    """The states the application went through up to its execution (delivery follows)."""
    steps = (await hall.read(number, officer))["steps"]
    return [step["toState"] for step in steps][:5]


async def registered(hall: Hall, id_number: str, number: str) -> dict[str, Any]:
    """The person as the police register holds them, read by the hall for the application."""
    body = await hall.as_hall_system(REGISTERED, {"id": id_number}, case=number)
    person: dict[str, Any] = body["data"]["person"]
    return person


async def test_a_lost_id_card_is_reissued_once_the_fee_is_paid(hall: Hall) -> None:
    # Given a woman of 44 of 宁化县 whose valid card was lost
    holder = scenario("adult_19_mixed").roles["mother"]
    cards = next(p for p in scenario("adult_19_mixed").persons if p.id_number == holder).id_cards
    today = today_in_china()
    # When she applies for a new one to pick up, the county officer approves, the hall waits
    # for the fee, she pays it, and the hall executes
    number = await approved(
        hall,
        holder,
        service="ID_CARD_REISSUE",
        details={"reason": "LOST", "lost_on": today.isoformat()},
        delivery="PICKUP",
        officer=POLICE_NINGHUA,
    )
    waiting = (await hall.read(number, POLICE_NINGHUA))["state"]
    paid = await pay(hall, holder, number)
    await hall.work()
    # Then the card is executed only after the payment: the lost card is marked, and the
    # county bureau issued the next serial of its series, valid 20 years from today
    new = {
        "serial": following(card_serials(), NINGHUA, 9),
        "issuedOn": today.isoformat(),
        "validUntil": years_after(today, 20).isoformat(),
        "status": "VALID",
        "issuingUnit": {"code": NINGHUA_BUREAU},
    }
    old = [
        {
            "serial": card.serial,
            "issuedOn": card.issued_on.isoformat(),
            "validUntil": card.valid_until.isoformat() if card.valid_until else None,
            "status": "LOST",
            "issuingUnit": {"code": card.issuing_unit},
        }
        for card in sorted(cards, key=lambda card: (-card.issued_on.toordinal(), card.serial))
    ]
    assert (waiting, paid["data"]["payFee"]["order"]["state"]) == ("APPROVED", "PAID")
    assert await executed_path(hall, number, POLICE_NINGHUA) == EXECUTED_PATH
    assert (await registered(hall, holder, number))["idCards"] == [new, *old]


async def test_a_son_moves_to_a_household_of_his_own_in_another_county(hall: Hall) -> None:
    # Given a man of 21 registered in his father's household in 宁化县
    unit = scenario("adult_21_mixed")
    mover = unit.roles["child"]
    left = next(p for p in unit.persons if p.id_number == mover).household_no
    address = "三明市三元区城关街道新市北路18号"
    today = today_in_china()
    # When he applies to move to 三元区 for work, and that county's officer approves
    number = await approved(
        hall,
        mover,
        service="HOUSEHOLD_TRANSFER",
        details={
            "destination_region": SANYUAN,
            "destination_address": address,
            "reason": "EMPLOYMENT",
        },
        delivery="ELECTRONIC",
        officer=POLICE_SANYUAN,
    )
    # Then he heads a new household of 三元区, kept by its first station, and the police
    # numbered the permit to move in and the transfer certificate
    household = following(household_numbers(), SANYUAN, 8)
    assert await executed_path(hall, number, POLICE_SANYUAN) == EXECUTED_PATH
    assert await registered(hall, mover, number) == {
        "regionCode": SANYUAN,
        "relationToHead": "户主",
        "household": {
            "number": household,
            "regionCode": SANYUAN,
            "address": address,
            "station": {"code": SANYUAN_FIRST_STATION},
            "head": {"idNumber": mover},
        },
        "idCards": [
            {
                "serial": card.serial,
                "issuedOn": card.issued_on.isoformat(),
                "validUntil": card.valid_until.isoformat() if card.valid_until else None,
                "status": card.status,
                "issuingUnit": {"code": card.issuing_unit},
            }
            for p in unit.persons
            if p.id_number == mover
            for card in p.id_cards
        ],
        "householdTransfers": [
            {
                "transferredOn": today.isoformat(),
                "permitNumber": f"ZQ{SANYUAN}{today.year}000001",
                "transferCertificateNumber": f"QY{NINGHUA}{today.year}000001",
                "application": number,
                "fromHousehold": {"number": left},
                "toHousehold": {"number": household},
            }
        ],
        "certificates": [],
    }


@pytest.mark.parametrize(
    ("scenario_name", "role", "service", "details", "delivery", "kind", "series"),
    [
        pytest.param(
            "adult_21_mixed",
            "father",
            "HOUSEHOLD_CERTIFICATE",
            {"purpose": "子女入学", "recipient": "三明市第一中学", "include_members": True},
            "ELECTRONIC",
            "HOUSEHOLD_CERTIFICATE",
            "HJ",
            id="household certificate",
        ),
        pytest.param(
            "adult_21_mixed",
            "mother",
            "NO_CRIMINAL_RECORD_CERTIFICATE",
            {"purpose": "EMPLOYMENT", "recipient": "三明市第一医院"},
            "ELECTRONIC",
            "NO_CRIMINAL_RECORD",
            "WF",
            id="no criminal record",
        ),
        pytest.param(
            "changed_once",
            "father",
            "HOUSEHOLD_BOOKLET_REISSUE",
            {"reason": "DAMAGED"},
            "PICKUP",
            "HOUSEHOLD_BOOKLET",
            "HB",
            id="household booklet",
        ),
    ],
)
async def test_a_certificate_is_issued_by_the_county_bureau(
    hall: Hall,
    scenario_name: str,
    role: str,
    service: str,
    details: dict[str, Any],
    delivery: str,
    kind: str,
    series: str,
) -> None:
    # Given a person of 宁化县
    person = scenario(scenario_name).roles[role]
    today = today_in_china()
    # When they apply for a certificate, and the county officer approves
    number = await approved(
        hall, person, service=service, details=details, delivery=delivery, officer=POLICE_NINGHUA
    )
    # Then the county bureau issued them the first certificate of the kind's series this year
    assert await executed_path(hall, number, POLICE_NINGHUA) == EXECUTED_PATH
    assert (await registered(hall, person, number))["certificates"] == [
        {
            "number": f"{series}{NINGHUA}{today.year}000001",
            "kind": kind,
            "issuedOn": today.isoformat(),
            "application": number,
            "issuingUnit": {"code": NINGHUA_BUREAU},
        }
    ]
