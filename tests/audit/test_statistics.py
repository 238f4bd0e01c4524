"""Access statistics: auditors count a window's entries by agency, purpose and decision, in SQL;
nobody else counts anything."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from audit.log import AuditLog
from audit.statistics import AccessCounts, KeyCount, count_accesses
from subgraph.database import Database
from tests.audit.conftest import T0, access
from tests.audit.subgraph import AUDITOR, AuditSubgraph
from tests.conftest import citizen, staff

ALICE = "350404199001011234"

STATISTICS = """
query($since: DateTime!, $until: DateTime!) {
  accessStatistics(since: $since, until: $until) {
    byAgency { key count }
    byPurpose { key count zh en }
    byDecision { key count }
    total
  }
}
"""

REFUSED = {
    "accessStatistics": {"byAgency": None, "byPurpose": None, "byDecision": None, "total": None}
}


async def record_a_day(log: AuditLog) -> None:
    """Seven entries in the day after T0 (police 4, tax 2, a citizen 1) and one the day after."""
    await log.record(
        [
            access(1, purpose="CASE_INVESTIGATION"),
            access(2, purpose="CASE_INVESTIGATION", decision="DENY"),
            access(3, purpose="HOUSEHOLD_ADMINISTRATION"),
            access(4, purpose="CASE_INVESTIGATION", decision="DENY"),
            access(5, agency="tax", purpose="SERVICE_APPLICATION"),
            access(6, agency="tax", purpose="curiosity"),
            dataclasses.replace(access(7, agency=None, purpose=None), actor_kind="CITIZEN"),
            access(24 * 60 + 1, agency="tax", purpose="CASE_INVESTIGATION"),
        ]
    )


def day() -> dict[str, str]:
    return {"since": T0.isoformat(), "until": (T0 + timedelta(days=1)).isoformat()}


async def test_counts_are_grouped_by_agency_purpose_and_decision(
    database: Database, log: AuditLog
) -> None:
    # given seven entries in the day, and one the day after
    await record_a_day(log)
    # when the day is counted
    async with database.sessions() as session:
        counts = await count_accesses(session=session, since=T0, until=T0 + timedelta(days=1))
    # then each grouping is most first, ties by key, entries without a key last
    assert counts == AccessCounts(
        by_agency=[
            KeyCount(key="police", count=4),
            KeyCount(key="tax", count=2),
            KeyCount(key=None, count=1),
        ],
        by_purpose=[
            KeyCount(key="CASE_INVESTIGATION", count=3),
            KeyCount(key="HOUSEHOLD_ADMINISTRATION", count=1),
            KeyCount(key="SERVICE_APPLICATION", count=1),
            KeyCount(key="curiosity", count=1),
            KeyCount(key=None, count=1),
        ],
        by_decision=[KeyCount(key="ALLOW", count=5), KeyCount(key="DENY", count=2)],
        total=7,
    )


async def test_an_auditor_reads_the_statistics_of_a_window(audit: AuditSubgraph) -> None:
    # given seven entries in the day, and one the day after
    await record_a_day(audit.log)
    # when an auditor asks for the day's statistics
    result = await audit.ask(AUDITOR, STATISTICS, day())
    # then the counts arrive with the purposes' labels (none for unknown codes)
    assert result == {
        "data": {
            "accessStatistics": {
                "byAgency": [
                    {"key": "police", "count": 4},
                    {"key": "tax", "count": 2},
                    {"key": None, "count": 1},
                ],
                "byPurpose": [
                    {
                        "key": "CASE_INVESTIGATION",
                        "count": 3,
                        "zh": "案件办理",
                        "en": "Case investigation",
                    },
                    {
                        "key": "HOUSEHOLD_ADMINISTRATION",
                        "count": 1,
                        "zh": "户籍管理",
                        "en": "Household registration administration",
                    },
                    {
                        "key": "SERVICE_APPLICATION",
                        "count": 1,
                        "zh": "政务服务办理",
                        "en": "Handling a service application",
                    },
                    {"key": "curiosity", "count": 1, "zh": None, "en": None},
                    {"key": None, "count": 1, "zh": None, "en": None},
                ],
                "byDecision": [{"key": "ALLOW", "count": 5}, {"key": "DENY", "count": 2}],
                "total": 7,
            }
        }
    }


@pytest.mark.parametrize(
    "actor", [staff("police"), citizen(ALICE)], ids=["police staff", "a citizen"]
)
async def test_nobody_but_auditors_counts_the_log(audit: AuditSubgraph, actor: Any) -> None:
    # given entries about Alice, by police staff
    await record_a_day(audit.log)
    # when police staff, or Alice herself, ask for the day's statistics
    result = await audit.ask(actor, STATISTICS, day())
    # then every field is refused
    assert (result["data"], sorted(e["extensions"]["code"] for e in result["errors"])) == (
        REFUSED,
        ["FORBIDDEN"] * 4,
    )


async def test_a_window_ending_before_it_starts_is_refused(audit: AuditSubgraph) -> None:
    # given an empty log, when an auditor asks for a window ending before it starts
    result = await audit.ask(
        AUDITOR, STATISTICS, {"since": day()["until"], "until": day()["since"]}
    )
    # then the request is refused as bad input
    assert (result["data"], [e["message"] for e in result["errors"]]) == (
        None,
        ["`since` must come before `until`"],
    )
