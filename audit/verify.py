"""Verification: recompute the chain from genesis and check every link, index row and checkpoint."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncResult

from audit.chain import GENESIS_HASH, HASHED_FIELDS, checkpoint_payload, encode_list, entry_hash
from audit.models import AccessEntry, AccessSubject, Checkpoint
from audit.signing import signature_is_valid
from subgraph.database import Database

BATCH_ROWS = 1_000


@dataclass(frozen=True, kw_only=True)
class VerifyReport:
    """The outcome of a verification: ok, or the first bad entry and why."""

    ok: bool
    entries_checked: int
    checkpoints_checked: int
    first_bad_seq: int | None = None
    reason: str | None = None
    head_hash: str = GENESIS_HASH


class _Broken(Exception):
    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(reason)
        self.seq = seq
        self.reason = reason


class _Stream:
    """Rows of one server-side cursor, with one row of lookahead."""

    def __init__(self, result: AsyncResult[Any]) -> None:
        self._result = result
        self._rows = aiter(result)
        self._next: Row[Any] | None = None
        self._done = False

    async def peek(self) -> Row[Any] | None:
        if self._next is None and not self._done:
            self._next = await anext(self._rows, None)
            self._done = self._next is None
        return self._next

    async def pop(self) -> Row[Any] | None:
        row = await self.peek()
        self._next = None
        return row

    async def close(self) -> None:
        await self._result.close()


async def verify(database: Database, public_keys: Mapping[str, Ed25519PublicKey]) -> VerifyReport:
    """Check the whole log in one snapshot, streaming; report the first bad entry if any."""
    return await verify_engine(database.engine, public_keys)


async def verify_engine(
    engine: AsyncEngine, public_keys: Mapping[str, Ed25519PublicKey]
) -> VerifyReport:
    """Like `verify`, over the audit database's engine (schema translation included)."""
    checker = _Checker(public_keys)
    async with _snapshot(engine) as connection:
        streams = [
            await _stream(connection, select(table).order_by(*order))
            for table, order in (
                (AccessEntry.__table__, ["seq"]),
                (AccessSubject.__table__, ["seq", "subject"]),
                (Checkpoint.__table__, ["seq"]),
            )
        ]
        try:
            await checker.run(*streams)
        except _Broken as broken:
            return checker.report(broken)
        finally:
            for stream in streams:
                await stream.close()
    return checker.report(None)


class _Checker:
    def __init__(self, public_keys: Mapping[str, Ed25519PublicKey]) -> None:
        self.public_keys = public_keys
        self.head_seq = 0
        self.head_hash = GENESIS_HASH
        self.checkpoints = 0

    def report(self, broken: _Broken | None) -> VerifyReport:
        if broken is None:
            return VerifyReport(
                ok=True,
                entries_checked=self.head_seq,
                checkpoints_checked=self.checkpoints,
                head_hash=self.head_hash,
            )
        return VerifyReport(
            ok=False,
            entries_checked=self.head_seq,
            checkpoints_checked=self.checkpoints,
            first_bad_seq=broken.seq,
            reason=broken.reason,
            head_hash=self.head_hash,
        )

    async def run(self, entries: _Stream, subjects: _Stream, checkpoints: _Stream) -> None:
        try:
            await self._run(entries, subjects, checkpoints)
        except (ValueError, TypeError) as error:  # a stored value of the wrong type or form
            seq = self.head_seq + 1
            raise _Broken(seq, f"a row at or after entry {seq} cannot be read: {error}") from None

    async def _run(self, entries: _Stream, subjects: _Stream, checkpoints: _Stream) -> None:
        await self._checkpoints_at_head(checkpoints)
        while (entry := await self._next_entry(entries)) is not None:
            expected = self.head_seq + 1
            if entry.seq > expected:
                raise _Broken(
                    expected, f"entry {expected} is missing (the next entry is {entry.seq})"
                )
            if entry.seq < expected:
                raise _Broken(
                    entry.seq, f"entry {entry.seq} is out of sequence after {expected - 1}"
                )
            indexed = await self._subjects_of(expected, subjects)
            self._check_entry(entry, indexed)
            await self._checkpoints_at_head(checkpoints)
        if (checkpoint := await checkpoints.peek()) is not None:
            first, last = self.head_seq + 1, checkpoint.seq
            raise _Broken(
                first,
                f"entries {first} to {last} are missing: checkpoint {last} covers them "
                f"but the log ends at entry {self.head_seq}",
            )
        if (orphan := await subjects.peek()) is not None:
            raise _Broken(
                orphan.seq, f"the subject index names entry {orphan.seq}, which is missing"
            )

    async def _next_entry(self, entries: _Stream) -> Row[Any] | None:
        try:
            return await entries.pop()
        except (ValueError, TypeError) as error:  # a value the column type cannot decode
            seq = self.head_seq + 1
            raise _Broken(seq, f"entry {seq} cannot be read: {error}") from None

    def _check_entry(self, entry: Row[Any], indexed: list[str]) -> None:
        seq = entry.seq
        if entry.prev_hash != self.head_hash:
            before = "the genesis hash" if seq == 1 else f"the hash of entry {seq - 1}"
            raise _Broken(
                seq,
                f"entry {seq}: prev_hash does not match {before} "
                "(an entry was inserted, removed or reordered)",
            )
        computed = entry_hash(
            self.head_hash, {name: entry._mapping[name] for name in HASHED_FIELDS}
        )
        if computed != entry.entry_hash:
            raise _Broken(seq, f"entry {seq}: entry_hash does not match its content (edited)")
        if _listed(entry.data_subjects) != sorted(indexed):
            raise _Broken(seq, f"entry {seq}: the subject index does not match data_subjects")
        self.head_seq, self.head_hash = seq, computed

    async def _subjects_of(self, seq: int, subjects: _Stream) -> list[str]:
        indexed = []
        while (row := await subjects.peek()) is not None and row.seq <= seq:
            if row.seq < seq:
                raise _Broken(row.seq, f"the subject index names entry {row.seq}, which is missing")
            indexed.append(row.subject)
            await subjects.pop()
        return indexed

    async def _checkpoints_at_head(self, checkpoints: _Stream) -> None:
        while (
            checkpoint := await checkpoints.peek()
        ) is not None and checkpoint.seq <= self.head_seq:
            seq = checkpoint.seq
            if seq < self.head_seq:
                raise _Broken(seq, f"checkpoint {seq} does not name an entry of the log")
            key = self.public_keys.get(checkpoint.key_id)
            if key is None:
                raise _Broken(seq, f"checkpoint {seq} is signed by unknown key {checkpoint.key_id}")
            payload = checkpoint_payload(
                seq=seq,
                head_hash=checkpoint.head_hash,
                signed_at=checkpoint.signed_at,
                key_id=checkpoint.key_id,
            )
            if not signature_is_valid(key, payload, checkpoint.signature):
                raise _Broken(seq, f"checkpoint {seq}: the signature is invalid (forged)")
            if checkpoint.head_hash != self.head_hash:
                raise _Broken(
                    seq,
                    f"checkpoint {seq}: the signed head differs from the recomputed chain "
                    f"(entries up to {seq} were rewritten)",
                )
            self.checkpoints += 1
            await checkpoints.pop()


def _listed(text: str) -> list[str] | None:
    """Decode a canonical JSON list of strings; None when the text is not one."""
    try:
        values = json.loads(text)
    except ValueError:
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    return values if encode_list(values) == text else None


async def _stream(connection: AsyncConnection, statement: Any) -> _Stream:
    result = await connection.stream(statement.execution_options(yield_per=BATCH_ROWS))
    return _Stream(result)


@asynccontextmanager
async def _snapshot(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """Open a read-only transaction whose reads all see one snapshot of the log."""
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # The sqlite3 driver opens no transaction for SELECTs; a deferred BEGIN makes the
            # first read pin one WAL snapshot for all three cursors.
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.exec_driver_sql("BEGIN")
            try:
                yield connection
            finally:
                await connection.exec_driver_sql("ROLLBACK")
        else:
            await connection.execution_options(isolation_level="REPEATABLE READ")
            async with connection.begin():
                await connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield connection
