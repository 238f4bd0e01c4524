"""Statistics: aggregates of a known set of applications, in SQL, within the jurisdiction."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, true

from hall import statistics
from hall.models import Application
from hall.service_models import Rating, SupervisionFlag
from hall.statistics import DecisionTimes, Window
from subgraph.database import Database
from tests.hall.conftest import NOW
from tests.hall.flow import Hall
from tests.hall.service_flow import (
    as_citizen,
    police_bureau,
    police_officer,
    residents,
    submitted,
)
from web.citizen_operations import CITIZEN_FLAG_APPLICATION, CITIZEN_RATE_APPLICATION

TODAY = date(2026, 11, 27)
STATISTICS = """
query Statistics($region: String!) {
  hallStatistics(regionCode: $region) {
    regionCode
    applicants
    byService { key count }
    byState { key count }
    byUnit { agency unitCode count }
    decisionTimes { decided medianHours p90Hours }
    overdue { openOverdue escalated }
    satisfaction { ratings averageStars }
    flags { kind state count }
  }
}
"""
# (number, service, applicant, region, agency, unit, state, submitted, decided after (hours),
#  promised on, escalated)
KNOWN: list[tuple[Any, ...]] = [
    ("SQ1", "ID_CARD_REISSUE", "P1", "350424", "police", "350424000000", "CLOSED", 0, 2),
    ("SQ2", "ID_CARD_REISSUE", "P1", "350424", "police", "350424000000", "APPROVED", 0, 4),
    ("SQ3", "HOUSEHOLD_CERTIFICATE", "P2", "350424", "police", "350424000000", "VERIFIED", 0),
    ("SQ4", "NAME_CHANGE", "P3", "350405", "police", "350405000000", "REJECTED", 0, 10),
    ("SQ5", "ETHNICITY_CHANGE_ADULT", "P4", "350405", "ethnic_affairs", "MZ350400", "ACCEPTED", 0),
    ("SQ6", "HOUSEHOLD_CERTIFICATE", "P5", "350481", "police", "350481000000", "EXECUTED", -48, 1),
]
RATINGS = [("SQ1", 4), ("SQ4", 2)]
FLAGS = [
    ("SQ2", "DELAY", "OPEN"),
    ("SQ3", "DELAY", "RESOLVED"),
    ("SQ3", "CONDUCT", "OPEN"),
    ("SQ5", "ASKED_FOR_FETCHED_MATERIAL", "ANSWERED"),
]


def _application(row: tuple[Any, ...]) -> Application:
    number, service, applicant, region, agency, unit, state, submitted_h, *decided = row
    submitted_at = NOW + timedelta(hours=submitted_h)
    overdue = number == "SQ3"
    return Application(
        number=number,
        service_code=service,
        applicant_id=applicant,
        subject_id=applicant,
        idempotency_key=number,
        request_digest=number,
        details={},
        delivery="PICKUP",
        state=state,
        version=1,
        agency=agency,
        unit_code=unit,
        region_code=region,
        submitted_at=submitted_at,
        promised_on=TODAY - timedelta(days=1) if overdue else TODAY + timedelta(days=5),
        legal_on=TODAY + timedelta(days=20),
        deadlines_provisional=False,
        decided_at=submitted_at + timedelta(hours=decided[0]) if decided else None,
        escalated_at=NOW if overdue else None,
    )


async def _known(database: Database) -> None:
    async with database.sessions() as session:
        session.add_all(_application(row) for row in KNOWN)
        await session.flush()
        for number, stars in RATINGS:
            session.add(
                Rating(
                    application_number=number,
                    rater_id="P",
                    stars=stars,
                    region_code="350400",
                    unit_code="U",
                    rated_at=NOW,
                )
            )
        for index, (number, kind, state) in enumerate(FLAGS):
            session.add(
                SupervisionFlag(
                    number=f"JD{index}",
                    application_number=number,
                    kind=kind,
                    raiser_id="P",
                    agency="police",
                    unit_code="350400000000",
                    flagged_unit="U",
                    region_code="350400",
                    state=state,
                    raised_at=NOW,
                )
            )
        await session.commit()


async def _everything(
    database: Database, window: Window, scope: ColumnElement[bool]
) -> dict[str, Any]:
    """Every aggregate of the window within the scope."""
    async with database.sessions() as session:
        common: dict[str, Any] = {"session": session, "window": window, "scope_filter": scope}
        columns = (Application.agency, Application.unit_code)
        return {
            "applicants": await statistics.applicants(**common),
            "by_service": await statistics.counts_by(**common, columns=(Application.service_code,)),
            "by_unit": await statistics.counts_by(**common, columns=columns),
            "decisions": await statistics.decision_times(**common),
            "overdue": await statistics.overdue(**common, today=TODAY),
            "satisfaction": await statistics.satisfaction(**common),
            "flags": await statistics.flags_by(**common),
        }


async def test_the_city_s_statistics_over_a_known_set(hall_db: Database) -> None:
    # Given six applications in three counties, two ratings and four flags
    await _known(hall_db)

    # When the whole city is counted, without limit of jurisdiction
    found = await _everything(hall_db, Window(region_code="350400"), true())

    # Then every aggregate is exact (percentiles by nearest rank over 1, 2, 4, 10 hours)
    assert found == {
        "applicants": 5,
        "by_service": [
            ("ETHNICITY_CHANGE_ADULT", 1),
            ("HOUSEHOLD_CERTIFICATE", 2),
            ("ID_CARD_REISSUE", 2),
            ("NAME_CHANGE", 1),
        ],
        "by_unit": [
            ("ethnic_affairs", "MZ350400", 1),
            ("police", "350405000000", 1),
            ("police", "350424000000", 3),
            ("police", "350481000000", 1),
        ],
        "decisions": DecisionTimes(decided=4, median_hours=2.0, p90_hours=10.0),
        "overdue": (1, 1),
        "satisfaction": (2, 3.0),
        "flags": [
            ("ASKED_FOR_FETCHED_MATERIAL", "ANSWERED", 1),
            ("CONDUCT", "OPEN", 1),
            ("DELAY", "OPEN", 1),
            ("DELAY", "RESOLVED", 1),
        ],
    }


async def test_a_county_supervisor_counts_only_their_county(hall_db: Database) -> None:
    # Given the same applications
    await _known(hall_db)

    # When a supervisor whose jurisdiction is 宁化县 asks for the whole city
    county = Application.region_code.like("350424%")
    found = await _everything(hall_db, Window(region_code="350400"), county)

    # Then only 宁化县's applications, ratings and flags count
    assert found == {
        "applicants": 2,
        "by_service": [("HOUSEHOLD_CERTIFICATE", 1), ("ID_CARD_REISSUE", 2)],
        "by_unit": [("police", "350424000000", 3)],
        "decisions": DecisionTimes(decided=2, median_hours=2.0, p90_hours=4.0),
        "overdue": (1, 1),
        "satisfaction": (1, 4.0),
        "flags": [("CONDUCT", "OPEN", 1), ("DELAY", "OPEN", 1), ("DELAY", "RESOLVED", 1)],
    }


async def test_a_span_of_submission_days_limits_what_counts(hall_db: Database) -> None:
    # Given the same applications, one of them submitted two days earlier
    await _known(hall_db)

    # When only what was submitted from 27 November on counts, and then nothing at all
    since = datetime(2026, 11, 26, 16, 0, tzinfo=NOW.tzinfo)  # 27 November, 0:00 in Beijing
    recent = await _everything(hall_db, Window(region_code="350481", since=since), true())
    none = await _everything(
        hall_db, Window(region_code="350400", before=NOW - timedelta(days=30)), true()
    )

    # Then 永安市's only application, too old, counts nowhere, and empty aggregates are zero
    empty = {
        "applicants": 0,
        "by_service": [],
        "by_unit": [],
        "decisions": DecisionTimes(decided=0, median_hours=None, p90_hours=None),
        "overdue": (0, 0),
        "satisfaction": (0, None),
        "flags": [],
    }
    assert (recent, none) == (empty, empty)


async def test_supervisors_read_the_hall_s_statistics_and_officers_do_not(hall: Hall) -> None:
    # Given two citizens of two counties: one certificate closed, rated and flagged, one
    # ID-card reissue still open
    first, second = (
        residents()[0],
        next(r for r in residents() if r.region != residents()[0].region),
    )
    closed = await submitted(
        hall, first.id_number, "HOUSEHOLD_CERTIFICATE", {"purpose": "入学"}, delivery="ELECTRONIC"
    )
    await hall.decide(closed, approve=True, reason="同意", login=police_officer(first.region))
    await hall.work()
    await as_citizen(
        hall, first.id_number, CITIZEN_RATE_APPLICATION, {"number": closed, "stars": 5}
    )
    await as_citizen(
        hall, first.id_number, CITIZEN_FLAG_APPLICATION, {"number": closed, "kind": "CONDUCT"}
    )
    await submitted(
        hall, second.id_number, "ID_CARD_REISSUE", {"reason": "LOST"}, delivery="PICKUP"
    )

    # When the city's police supervisor, and a county officer, read the city's statistics
    city = await hall.staff("police.sanming.supervisor", STATISTICS, {"region": "350400"})
    officer = await hall.staff(police_officer(first.region), STATISTICS, {"region": "350400"})

    # Then the supervisor gets the aggregates, the officer none of them
    units = sorted([police_bureau(first.region), police_bureau(second.region)])
    assert city == {
        "data": {
            "hallStatistics": {
                "regionCode": "350400",
                "applicants": 2,
                "byService": [
                    {"key": "HOUSEHOLD_CERTIFICATE", "count": 1},
                    {"key": "ID_CARD_REISSUE", "count": 1},
                ],
                "byState": [{"key": "VERIFIED", "count": 1}, {"key": "CLOSED", "count": 1}],
                "byUnit": [{"agency": "police", "unitCode": unit, "count": 1} for unit in units],
                "decisionTimes": {"decided": 1, "medianHours": 0.0, "p90Hours": 0.0},
                "overdue": {"openOverdue": 0, "escalated": 0},
                "satisfaction": {"ratings": 1, "averageStars": 5.0},
                "flags": [{"kind": "CONDUCT", "state": "OPEN", "count": 1}],
            }
        }
    }
    assert officer["data"] == {
        "hallStatistics": {
            "regionCode": None,
            "applicants": None,
            "byService": None,
            "byState": None,
            "byUnit": None,
            "decisionTimes": None,
            "overdue": None,
            "satisfaction": None,
            "flags": None,
        }
    }
    assert {e["extensions"]["code"] for e in officer["errors"]} == {"FORBIDDEN"}
