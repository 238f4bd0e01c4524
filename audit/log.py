"""The audit sink: append access records to the hash chain atomically, sign checkpoints, read."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from audit.chain import GENESIS_HASH, checkpoint_payload, encode_list, entry_hash, format_time
from audit.grouping import GroupCommit
from audit.models import AccessEntry, AccessSubject, Checkpoint
from audit.search import LoggedAccess, entries_about, search_entries
from audit.signing import CheckpointSigner
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.pagination import PageInfo

logger = logging.getLogger("tongban.audit")

DECISIONS = frozenset({"ALLOW", "DENY"})
MAX_GROUP_ENTRIES = 1_000
"""At most this many entries (from concurrent callers' batches) go into one transaction."""


@dataclass(frozen=True, kw_only=True)
class Head:
    """The last entry of the chain (seq 0 and the genesis hash when the log is empty)."""

    seq: int
    hash: str


@dataclass(frozen=True, kw_only=True)
class CheckpointInfo:
    """A signed checkpoint as stored."""

    seq: int
    head_hash: str
    signed_at: datetime
    key_id: str
    signature: str


class AuditLog:
    """The append-only, hash-chained access log in one database; an `AuditSink` for the kit."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._lock_key = advisory_lock_key(database.schema)
        self._group = GroupCommit(self._append, max_items=MAX_GROUP_ENTRIES)

    async def record(self, records: Sequence[AccessRecord]) -> None:
        """Append the records as one atomic batch; raise if they are not durably written."""
        if not records:
            return
        values = [entry_values(record) for record in records]
        await self._group.submit(values)

    async def _append(self, values: Sequence[dict[str, Any]]) -> None:
        """Append entries in one transaction, after the head read under the writers' lock."""
        async with self._exclusive() as connection:
            head = await read_head(connection)
            entries, subjects = chain_rows(head, values)
            await connection.execute(insert(AccessEntry), entries)
            if subjects:
                await connection.execute(insert(AccessSubject), subjects)

    async def checkpoint(self, signer: CheckpointSigner) -> CheckpointInfo:
        """Sign and store a checkpoint of the head (the latest one is returned if unchanged)."""
        async with self._exclusive() as connection:
            head = await read_head(connection)
            latest = (
                await connection.execute(
                    select(Checkpoint).order_by(Checkpoint.seq.desc()).limit(1)
                )
            ).first()
            if latest is not None and latest.seq == head.seq:
                return _checkpoint_info(latest)
            signed_at = datetime.now(UTC)
            payload = checkpoint_payload(
                seq=head.seq, head_hash=head.hash, signed_at=signed_at, key_id=signer.key_id
            )
            info = CheckpointInfo(
                seq=head.seq,
                head_hash=head.hash,
                signed_at=signed_at,
                key_id=signer.key_id,
                signature=signer.sign(payload),
            )
            await connection.execute(insert(Checkpoint), [asdict(info)])
            return info

    async def run_checkpoints(self, signer: CheckpointSigner, *, every_seconds: float) -> None:
        """Sign a checkpoint every `every_seconds` until cancelled; failures are only logged.

        A cancel that arrives while a checkpoint is being written waits for that write to end:
        a transaction cut off mid-way could still commit on the driver's thread after this
        task has ended, under whoever touches the log next.
        """
        while True:
            await asyncio.sleep(every_seconds)
            writing = asyncio.ensure_future(self.checkpoint(signer))
            try:
                info = await asyncio.shield(writing)
            except asyncio.CancelledError:
                with contextlib.suppress(Exception):
                    await writing
                raise
            except Exception:
                logger.exception("audit checkpoint failed")
            else:
                logger.info("audit checkpoint at entry %d, head %s", info.seq, info.head_hash)

    async def head(self) -> Head:
        """Return the last committed entry's seq and hash."""
        async with self.database.engine.connect() as connection:
            return await read_head(connection)

    async def search(
        self,
        *,
        actor: str | None = None,
        subject: str | None = None,
        agency: str | None = None,
        purpose: str | None = None,
        decision: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> tuple[list[LoggedAccess], PageInfo]:
        """Find entries matching every given filter, newest first, one page (auditors' search)."""
        async with self.database.sessions() as session:
            return await search_entries(
                session=session,
                actor=actor,
                subject=subject,
                agency=agency,
                purpose=purpose,
                decision=decision,
                since=since,
                until=until,
                first=first,
                after=after,
            )

    async def entries_about(
        self,
        subject: str,
        *,
        decision: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> tuple[list[LoggedAccess], PageInfo]:
        """List the entries that mention `subject`, newest first (citizens' data tracker)."""
        async with self.database.sessions() as session:
            return await entries_about(
                session=session,
                subject=subject,
                decision=decision,
                since=since,
                until=until,
                first=first,
                after=after,
            )

    @asynccontextmanager
    async def _exclusive(self) -> AsyncIterator[AsyncConnection]:
        """Open a write transaction that no other writer of this log runs alongside."""
        async with self.database.engine.connect() as connection:
            if self.database.is_sqlite:
                async with _sqlite_immediate(connection):
                    yield connection
            else:
                # READ COMMITTED takes a new snapshot per statement, so the head read after
                # the lock is granted is current; REPEATABLE READ would snapshot before it.
                await connection.execution_options(isolation_level="READ COMMITTED")
                async with connection.begin():
                    await connection.execute(select(func.pg_advisory_xact_lock(self._lock_key)))
                    yield connection


@asynccontextmanager
async def _sqlite_immediate(connection: AsyncConnection) -> AsyncIterator[None]:
    """Run the block in `BEGIN IMMEDIATE`: the write lock is taken before the head is read."""
    # In AUTOCOMMIT the sqlite3 driver opens no transaction of its own, so ours is the one.
    await connection.execution_options(isolation_level="AUTOCOMMIT")
    await connection.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        try:
            await connection.exec_driver_sql("ROLLBACK")
        except Exception:
            await connection.invalidate()
        raise
    await connection.exec_driver_sql("COMMIT")


async def read_head(connection: AsyncConnection) -> Head:
    """Read the last entry's seq and hash on `connection`."""
    row = (
        await connection.execute(
            select(AccessEntry.seq, AccessEntry.entry_hash)
            .order_by(AccessEntry.seq.desc())
            .limit(1)
        )
    ).first()
    if row is None:
        return Head(seq=0, hash=GENESIS_HASH)
    return Head(seq=row.seq, hash=row.entry_hash)


def entry_values(record: AccessRecord) -> dict[str, Any]:
    """Validate an access record and map it to entry columns (all but seq and hashes)."""
    format_time(record.time)  # raises on a naive time
    if record.decision not in DECISIONS:
        raise ValueError(f"decision must be ALLOW or DENY, got {record.decision!r}")
    return {
        "recorded_at": record.time.astimezone(UTC),
        "actor": record.actor,
        "actor_kind": record.actor_kind,
        "agency": record.agency,
        "unit": record.unit,
        "subgraph": record.subgraph,
        "data_subjects": encode_list(record.data_subjects),
        "type_name": record.type_name,
        "fields": encode_list(record.fields),
        "purpose": record.purpose,
        "case_ref": record.case,
        "decision": record.decision,
        "request_id": record.request_id,
    }


def chain_rows(
    head: Head, values: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Number and link entries after `head`; return the entry rows and subject-index rows."""
    entries: list[dict[str, Any]] = []
    subjects: list[dict[str, Any]] = []
    seq, prev = head.seq, head.hash
    for value in values:
        seq += 1
        fields = {"seq": seq, **value}
        digest = entry_hash(prev, fields)
        entries.append({**fields, "prev_hash": prev, "entry_hash": digest})
        subjects.extend(
            {"seq": seq, "subject": subject} for subject in _decoded(value["data_subjects"])
        )
        prev = digest
    return entries, subjects


def advisory_lock_key(schema: str | None) -> int:
    """Return the 64-bit PostgreSQL advisory lock key that serializes writers of one schema."""
    digest = hashlib.sha256(f"tongban.audit:{schema or ''}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _decoded(text: str) -> list[str]:
    values: list[str] = json.loads(text)
    return values


def _checkpoint_info(row: Any) -> CheckpointInfo:
    return CheckpointInfo(
        seq=row.seq,
        head_hash=row.head_hash,
        signed_at=row.signed_at,
        key_id=row.key_id,
        signature=row.signature,
    )
