"""Deadlines and reverse urging: the supervisor's view, urging, and escalation past the deadline."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from hall.models import Application
from tests.hall.flow import DECIDE, ETHNIC_AFFAIRS_CITY_OFFICER, SHE, Hall, scenario

SUPERVISOR = "ethnic_affairs.sanming.supervisor"
WORKLOAD = """
query Workload {
  workload { agency unitCode open overdue }
  applications(overdueOnly: true) { items { number overdue state } }
}
"""
URGE = """
mutation Urge($number: String!, $message: String!) {
  urgeApplication(number: $number, message: $message) { toUnit }
}
"""
TO_DO = """
query ToDo($number: String!) {
  application(number: $number) {
    urgings { byUnit toUnit message automatic }
    notices { event }
  }
}
"""


async def _overdue_application(hall: Hall) -> str:
    """A verified ethnicity change whose promised day passed yesterday."""
    unit = scenario("remarried_minor")
    number = await hall.submitted_number(
        unit.roles["mother"],
        service="ETHNICITY_CHANGE_MINOR",
        subject=unit.roles["child"],
        details={"target_ethnic_group": SHE, "reason": "随母亲"},
    )
    await hall.work()
    worker = hall.platform.app.state.hall_worker
    async with worker.sessions() as session:
        application = await session.get(Application, number)
        assert application is not None
        yesterday = application.submitted_at.date() - timedelta(days=1)
        await session.execute(
            update(Application).where(Application.number == number).values(promised_on=yesterday)
        )
        await session.commit()
    return number


async def test_supervisors_see_overdue_work_urge_it_and_the_hall_escalates_it(
    hall: Hall,
) -> None:
    # Given an application past its promised day at the city ethnic-affairs bureau
    number = await _overdue_application(hall)

    # When the city supervisor looks at the workload, urges it, and the worker's round runs;
    # and when a county police officer looks at their workload
    seen: dict[str, Any] = await hall.staff(SUPERVISOR, WORKLOAD, {})
    urged = await hall.staff(
        SUPERVISOR, URGE, {"number": number, "message": "请今日办结"}, case=number
    )
    await hall.work()
    to_do = await hall.staff(ETHNIC_AFFAIRS_CITY_OFFICER, TO_DO, {"number": number}, case=number)
    elsewhere = await hall.staff("police.ninghua.officer", WORKLOAD, {})

    # Then the supervisor saw it overdue, the urging was recorded for the unit, the hall
    # escalated it once to the city bureau and told the citizen; the police see nothing of it
    assert seen == {
        "data": {
            "workload": [
                {"agency": "ethnic_affairs", "unitCode": "MZ350400", "open": 1, "overdue": 1}
            ],
            "applications": {"items": [{"number": number, "overdue": True, "state": "VERIFIED"}]},
        }
    }
    assert urged == {"data": {"urgeApplication": {"toUnit": "MZ350400"}}}
    urgings = to_do["data"]["application"]["urgings"]
    assert [(u["byUnit"], u["toUnit"], u["automatic"]) for u in urgings] == [
        ("MZ350400", "MZ350400", False),
        ("MZ350400", "MZ350400", True),
    ]
    assert urgings[0]["message"] == "请今日办结"
    assert [n["event"] for n in to_do["data"]["application"]["notices"]] == [
        "ACCEPTED",
        "VERIFIED",
        "ESCALATED",
    ]
    assert elsewhere == {"data": {"workload": [], "applications": {"items": []}}}


async def test_an_officer_cannot_urge_nor_another_agency_decide(hall: Hall) -> None:
    # Given an application awaiting the city bureau's decision
    unit = scenario("adult_19_mixed")
    adult = unit.roles["child"]
    number = await hall.submitted_number(
        adult,
        service="ETHNICITY_CHANGE_ADULT",
        subject=adult,
        details={"target_ethnic_group": SHE, "reason": "随母亲"},
    )
    await hall.work()

    # When the unit's officer tries to urge it, and the civil-affairs supervisor of the city
    # tries to approve it, declaring it as their case
    urged = await hall.staff(
        ETHNIC_AFFAIRS_CITY_OFFICER, URGE, {"number": number, "message": "催办"}, case=number
    )
    version = (await hall.read(number))["version"]
    decided = await hall.staff(
        "civil_affairs.sanming.supervisor",
        DECIDE,
        {"number": number, "version": version, "approve": True, "reason": "同意"},
        case=number,
    )

    # Then the urging is a forbidden write, the other agency may not even declare the case,
    # and the application still awaits its decision
    assert urged["data"] == {"urgeApplication": None}
    assert [e["extensions"]["code"] for e in urged["errors"]] == ["FORBIDDEN"]
    assert [e["extensions"]["code"] for e in decided["errors"]] == ["CASE_NOT_ASSIGNED"]
    assert (await hall.read(number))["state"] == "VERIFIED"
