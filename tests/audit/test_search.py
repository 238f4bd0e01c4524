"""Auditors search the log and citizens see who read their data: filtered in SQL, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from audit.log import AuditLog
from subgraph.errors import BadUserInput
from tests.audit.conftest import T0, access

CITIZEN = "350404199001011234"
OTHER = "350421198805050011"


@pytest.fixture
async def populated(log: AuditLog) -> AuditLog:
    """Nine entries: three actors, two agencies, one denial, two subjects."""
    await log.record(
        [
            access(1, actor="a", subjects=(CITIZEN,)),
            access(2, actor="b", subjects=(OTHER,), agency="tax"),
            access(3, actor="a", subjects=(CITIZEN, OTHER), decision="DENY"),
        ]
    )
    await log.record([access(n, actor="c", subjects=(OTHER,), purpose="audit") for n in (4, 5)])
    await log.record([access(n, actor="a", subjects=(CITIZEN,)) for n in (6, 7, 8, 9)])
    return log


async def seqs(log: AuditLog, **filters: object) -> list[int]:
    entries, _ = await log.search(**filters)  # type: ignore[arg-type]
    return [entry.seq for entry in entries]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [9, 8, 7, 6, 5, 4, 3, 2, 1]),
        ({"actor": "a"}, [9, 8, 7, 6, 3, 1]),
        ({"subject": OTHER}, [5, 4, 3, 2]),
        ({"agency": "tax"}, [2]),
        ({"purpose": "audit"}, [5, 4]),
        ({"decision": "DENY"}, [3]),
        ({"since": T0 + timedelta(minutes=4), "until": T0 + timedelta(minutes=6)}, [5, 4]),
        ({"actor": "a", "subject": OTHER}, [3]),
        ({"actor": "nobody"}, []),
    ],
)
async def test_search_applies_every_filter(
    populated: AuditLog, filters: dict[str, object], expected: list[int]
) -> None:
    assert await seqs(populated, **filters) == expected


async def test_search_pages_with_cursors(populated: AuditLog) -> None:
    first, info = await populated.search(actor="a", first=4)
    assert [e.seq for e in first] == [9, 8, 7, 6] and info.has_next_page
    rest, info = await populated.search(actor="a", first=4, after=info.end_cursor)
    assert [e.seq for e in rest] == [3, 1] and not info.has_next_page
    empty, info = await populated.search(actor="nobody")
    assert (empty, info.end_cursor, info.has_next_page) == ([], None, False)


async def test_the_data_tracker_lists_entries_about_one_subject(populated: AuditLog) -> None:
    entries, info = await populated.entries_about(CITIZEN, first=3)
    assert [e.seq for e in entries] == [9, 8, 7] and info.has_next_page
    (denied,), _ = await populated.entries_about(CITIZEN, decision="DENY")
    assert denied.seq == 3
    assert denied.data_subjects == (CITIZEN, OTHER)
    assert denied.fields == ("birthDate", "name")
    assert (denied.actor, denied.decision, denied.case, denied.recorded_at) == (
        "a",
        "DENY",
        "EC-0003",
        T0 + timedelta(minutes=3),
    )


@pytest.mark.parametrize(
    ("first", "after"), [(0, None), (101, None), (10, "bm90LWEtbnVtYmVy"), (10, "###")]
)
async def test_bad_pages_are_refused(populated: AuditLog, first: int, after: str | None) -> None:
    with pytest.raises(BadUserInput):
        await populated.search(first=first, after=after)
