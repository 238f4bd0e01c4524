"""Appending: atomic batches linked from genesis, correct under concurrent writers, fail-closed."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError

from audit.chain import GENESIS_HASH, HASHED_FIELDS, entry_hash
from audit.log import AuditLog
from audit.models import AccessEntry, AccessSubject, Base, Checkpoint
from audit.verify import verify
from subgraph.audit import AuditSink
from subgraph.database import Database
from tests.audit.conftest import access, fill, reopen

WRITERS, BATCHES, BATCH_SIZE = 8, 50, 5
ENTRIES, SUBJECTS = Base.metadata.tables["access_entry"], Base.metadata.tables["access_subject"]


async def entries(database: Database) -> list[Any]:
    async with database.engine.connect() as connection:
        return list(await connection.execute(select(AccessEntry).order_by(AccessEntry.seq)))


def test_the_log_is_the_kits_audit_sink(database: Database) -> None:
    sink: AuditSink = AuditLog(database)  # checked by mypy
    assert callable(sink.record)


async def test_appended_entries_chain_from_genesis_and_verify(
    database: Database, log: AuditLog
) -> None:
    # given an empty log, when three batches are appended
    await log.record([access(1), access(2, subjects=("b", "a", "b"))])
    await log.record([access(3)])
    await log.record([])
    # then seq counts from 1, each entry links to the one before, and verify agrees
    rows = await entries(database)
    assert [row.seq for row in rows] == [1, 2, 3]
    previous = GENESIS_HASH
    for row in rows:
        assert row.prev_hash == previous
        assert row.entry_hash == entry_hash(previous, {n: getattr(row, n) for n in HASHED_FIELDS})
        previous = row.entry_hash
    assert rows[1].data_subjects == '["a","b"]'
    assert rows[1].fields == '["birthDate","name"]'
    assert rows[0].recorded_at == access(1).time
    assert (await log.head()).seq == 3
    report = await verify(database, {})
    assert (report.ok, report.entries_checked, report.head_hash) == (True, 3, previous)


async def test_every_record_field_is_stored(database: Database, log: AuditLog) -> None:
    record = access(7, decision="DENY", purpose=None, agency=None, case="")
    await log.record([record])
    (row,) = await entries(database)
    assert (row.actor, row.actor_kind, row.agency, row.unit, row.subgraph) == (
        "staff-01",
        "staff",
        None,
        "350404-01",
        "police",
    )
    assert (row.type_name, row.purpose, row.case_ref, row.decision, row.request_id) == (
        "Person",
        None,
        "",
        "DENY",
        "req-7",
    )
    assert json.loads(row.data_subjects) == ["350404199001011234"]


async def test_subject_index_lists_each_subject_of_each_entry(
    database: Database, log: AuditLog
) -> None:
    await log.record([access(1, subjects=("x", "y")), access(2, subjects=()), access(3)])
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            select(AccessSubject.seq, AccessSubject.subject).order_by("seq", "subject")
        )
        assert [tuple(row) for row in rows] == [(1, "x"), (1, "y"), (3, "350404199001011234")]


async def test_an_empty_log_verifies(database: Database) -> None:
    report = await verify(database, {})
    assert (report.ok, report.entries_checked, report.first_bad_seq) == (True, 0, None)


@pytest.mark.parametrize("bad", ["naive time", "odd decision"])
async def test_invalid_records_are_refused_before_the_database(
    database: Database, log: AuditLog, bad: str
) -> None:
    if bad == "naive time":
        record = dataclasses.replace(access(1), time=datetime(2026, 11, 2))  # noqa: DTZ001
        message = "timezone-aware"
    else:
        record = access(1, decision="MAYBE")
        message = "ALLOW or DENY"
    with pytest.raises(ValueError, match=message):
        await log.record([access(0), record])
    assert await entries(database) == []


async def test_a_failed_write_raises_and_writes_nothing(database: Database) -> None:
    # given a log whose subject table has vanished
    log = AuditLog(database)
    await log.record([access(1)])
    async with database.engine.begin() as connection:
        table = f'"{database.schema}".access_subject' if database.schema else "access_subject"
        await connection.execute(text(f"DROP TABLE {table}"))
    # when a batch is recorded, then it raises, and its entry rows were rolled back
    with pytest.raises(DBAPIError):
        await log.record([access(2), access(3)])
    assert [row.seq for row in await entries(database)] == [1]
    # and the log keeps working for the next caller once the table is back
    async with database.engine.begin() as connection:
        await connection.run_sync(SUBJECTS.create)
        assert (await connection.execute(select(Checkpoint))).first() is None


async def test_a_failed_write_when_the_table_is_missing_raises(database: Database) -> None:
    async with database.engine.begin() as connection:
        await connection.run_sync(SUBJECTS.drop)
        await connection.run_sync(ENTRIES.drop)
    with pytest.raises(DBAPIError):
        await AuditLog(database).record([access(1)])


async def test_concurrent_writers_in_separate_engines_keep_one_gapless_chain(
    database: Database,
) -> None:
    # given 8 writers, each with its own engine and pool (as separate processes would have)
    writers = [reopen(database) for _ in range(WRITERS)]

    async def write(w: int, db: Database) -> None:
        log = AuditLog(db)
        for b in range(BATCHES):
            batch = f"w{w}b{b}"
            await log.record([access(i, case=batch) for i in range(BATCH_SIZE)])

    # when each appends 50 batches of 5 at once
    try:
        await asyncio.gather(*(write(w, db) for w, db in enumerate(writers)))
    finally:
        for db in writers:
            await db.dispose()
    # then seq is 1..N without gaps, every batch is contiguous, and the chain verifies
    await assert_one_chain(database, WRITERS * BATCHES * BATCH_SIZE)


async def test_concurrent_callers_of_one_log_share_commits_and_keep_batches_whole(
    database: Database, log: AuditLog
) -> None:
    async def write(w: int) -> None:
        for b in range(BATCHES):
            await log.record([access(i, case=f"w{w}b{b}") for i in range(BATCH_SIZE)])

    await asyncio.gather(*(write(w) for w in range(WRITERS)))
    await assert_one_chain(database, WRITERS * BATCHES * BATCH_SIZE)


async def assert_one_chain(database: Database, total: int) -> None:
    rows = await entries(database)
    assert [row.seq for row in rows] == list(range(1, total + 1))
    seqs_by_batch: dict[str, list[int]] = {}
    for row in rows:
        seqs_by_batch.setdefault(row.case_ref, []).append(row.seq)
    for batch, seqs in seqs_by_batch.items():
        assert seqs == list(range(seqs[0], seqs[0] + BATCH_SIZE)), batch
    report = await verify(database, {})
    assert (report.ok, report.entries_checked) == (True, total), report


async def test_sqlite_writers_take_the_write_lock_before_reading_the_head(
    database: Database, log: AuditLog
) -> None:
    if not database.is_sqlite:
        pytest.skip("SQLite only")
    # (a deferred BEGIN would read the head under a shared lock and fail, or fork, on upgrade)
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(" ".join(args[2].split()[:2]))

    event.listen(database.engine.sync_engine, "before_cursor_execute", seen)
    try:
        await log.record([access(1)])
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", seen)
    assert statements == [
        "BEGIN IMMEDIATE",
        "SELECT access_entry.seq,",
        "INSERT INTO",
        "INSERT INTO",
        "COMMIT",
    ]


async def test_verify_sees_one_snapshot_while_writers_append(
    database: Database, log: AuditLog
) -> None:
    await fill(log, 30)

    async def keep_writing() -> None:
        for i in range(40):
            await log.record([access(100 + i)])

    writer = asyncio.create_task(keep_writing())
    reports = [await verify(database, {}) for _ in range(5)]
    await writer
    assert all(report.ok for report in reports), reports
    assert (await verify(database, {})).entries_checked == 70


async def test_verify_streams_in_small_batches(
    database: Database, log: AuditLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given batches of 7 rows per fetch, fewer than the rows of each table
    monkeypatch.setattr("audit.verify.BATCH_ROWS", 7)
    await fill(log, 50)
    report = await verify(database, {})
    assert (report.ok, report.entries_checked) == (True, 50)
