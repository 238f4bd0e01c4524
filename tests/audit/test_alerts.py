"""Alerts point auditors at mass reads, off-hours reads, reads without a case, denials."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from audit.alerts import Alert, AlertThresholds, detect_alerts
from audit.log import AuditLog
from subgraph.database import Database
from tests.audit.conftest import T0, access

WEEK = (T0 - timedelta(hours=1), T0 + timedelta(days=7))


async def alerts_of(database: Database, thresholds: AlertThresholds | None = None) -> list[Alert]:
    async with database.sessions() as session:
        return await detect_alerts(
            session=session, since=WEEK[0], until=WEEK[1], thresholds=thresholds
        )


def person(n: int) -> str:
    return f"3504041990010{n:05d}"


async def test_an_ordinary_day_raises_no_alert(database: Database, log: AuditLog) -> None:
    # given two officers reading a few people each, in office hours (T0 is 17:30 in Sanming)
    await log.record([access(n, actor=f"staff-0{n % 2}", subjects=(person(n),)) for n in range(6)])
    # then nothing is flagged
    assert await alerts_of(database) == []


async def test_an_officer_reading_far_more_people_than_peers_is_flagged(
    database: Database, log: AuditLog
) -> None:
    # given three peers reading 2 people each, and one officer reading 60
    await log.record([access(n, actor=f"peer-{n % 3}", subjects=(person(n),)) for n in range(6)])
    await log.record(
        [access(10, actor="hoarder", subjects=tuple(person(100 + i) for i in range(60)))]
    )
    # then only the hoarder is flagged, with the count and the peers' median
    assert await alerts_of(database) == [
        Alert(
            kind="MASS_ACCESS",
            actor="hoarder",
            agency="police",
            count=60,
            first_seq=7,
            last_seq=7,
            detail="read 60 people; peers' median 2",
        ),
    ]


async def test_reads_outside_working_hours_are_flagged(database: Database, log: AuditLog) -> None:
    # given one read at 03:00 Sanming time and one on a Saturday afternoon
    night = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)  # 03:00 on Tuesday in Sanming
    saturday = datetime(2026, 11, 7, 6, 0, tzinfo=UTC)  # 14:00 on a Saturday
    await log.record(
        [
            replace(access(1, actor="owl"), time=night),
            replace(access(2, actor="owl"), time=saturday),
        ]
    )
    # then the actor is flagged once, with both entries
    assert await alerts_of(database) == [
        Alert(
            kind="OFF_HOURS",
            actor="owl",
            agency="police",
            count=2,
            first_seq=1,
            last_seq=2,
            detail="2 reads outside working hours",
        ),
    ]


async def test_case_investigations_without_a_case_are_flagged(
    database: Database, log: AuditLog
) -> None:
    # given a read declared as a case investigation that names no case
    await log.record([replace(access(1, actor="vague", purpose="CASE_INVESTIGATION"), case=None)])
    # then it is flagged
    assert await alerts_of(database) == [
        Alert(
            kind="NO_CASE",
            actor="vague",
            agency="police",
            count=1,
            first_seq=1,
            last_seq=1,
            detail="1 reads for a case investigation without naming the case",
        ),
    ]


async def test_repeated_denials_are_flagged_from_the_threshold(
    database: Database, log: AuditLog
) -> None:
    # given one actor refused 5 times and another 4 times
    await log.record([access(n, actor="prober", decision="DENY") for n in range(5)])
    await log.record([access(10 + n, actor="clumsy", decision="DENY") for n in range(4)])
    # then only the first reaches the threshold
    assert await alerts_of(database) == [
        Alert(
            kind="REPEATED_DENIALS",
            actor="prober",
            agency="police",
            count=5,
            first_seq=1,
            last_seq=5,
            detail="5 refused reads",
        ),
    ]
