"""Audit fixtures: a fresh log per test on SQLite and (when configured) PostgreSQL, and an attacker.

The attacker has what a rogue administrator has: raw SQL on the database, and the power to
switch the append-only triggers off. It does not have the checkpoint key, which lives in a file
outside the database.

- SQLite: a trigger cannot be disabled, so the attacker drops `*_no_update`/`*_no_delete`,
  turns `PRAGMA foreign_keys` off (it must be set outside a transaction), edits the rows, and
  puts the triggers back so nothing looks amiss.
- PostgreSQL: `ALTER TABLE ... DISABLE TRIGGER ALL` (user triggers and the foreign-key
  triggers), the edits, then `ENABLE TRIGGER ALL`, in one transaction.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from audit.log import AuditLog
from audit.models import APPEND_ONLY_TABLES
from audit.settings import audit_database
from audit.signing import CheckpointSigner
from audit.triggers import create_audit_tables, install_triggers
from authz.headers import ActorHeaders
from authz.keys import KeySet
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.settings import normalize_database_url, sqlite_url
from tests.audit.subgraph import AuditSubgraph
from tests.conftest import BACKENDS, POSTGRES_URL

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def make_audit_database(backend: str, tmp: Path) -> Database:
    """Name a fresh audit database: a SQLite file, or a uniquely named PostgreSQL schema."""
    run = uuid.uuid4().hex[:8]
    if backend == "sqlite":
        return audit_database(url=sqlite_url(tmp / f"audit-{run}.db"), schema=None)
    assert POSTGRES_URL is not None
    return audit_database(url=normalize_database_url(POSTGRES_URL), schema=f"t{run}_audit")


def reopen(database: Database) -> Database:
    """Open the same audit store through a second engine (as another process would)."""
    return audit_database(
        url=database.url.render_as_string(hide_password=False), schema=database.schema
    )


@pytest_asyncio.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty audit log with its tables and triggers, dropped after the test."""
    db = make_audit_database(request.param, tmp_path)
    await create_audit_tables(db)
    yield db
    await db.drop_tables()
    await db.dispose()


@pytest.fixture
def log(database: Database) -> AuditLog:
    """The audit sink over the test database."""
    return AuditLog(database)


@pytest.fixture
def signer(tmp_path: Path) -> CheckpointSigner:
    """The checkpoint key, in a PEM file outside the database."""
    return CheckpointSigner.from_file(tmp_path / "keys" / "checkpoint.pem")


def access(
    n: int,
    *,
    actor: str = "staff-01",
    subjects: Sequence[str] = ("350404199001011234",),
    decision: str = "ALLOW",
    purpose: str | None = "ethnicity-change review",
    agency: str | None = "police",
    case: str | None = None,
) -> AccessRecord:
    """An access record whose time is `n` minutes after T0."""
    return AccessRecord(
        time=T0 + timedelta(minutes=n),
        actor=actor,
        actor_kind="staff",
        agency=agency,
        unit="350404-01",
        subgraph="police",
        data_subjects=tuple(subjects),
        type_name="Person",
        fields=("name", "birthDate"),
        purpose=purpose,
        case=case if case is not None else f"EC-{n:04d}",
        decision=decision,
        request_id=f"req-{n}",
    )


async def fill(log: AuditLog, count: int) -> None:
    """Append `count` entries, in batches of up to 3, with two subjects on every other one."""
    n = 0
    while n < count:
        size = min(3, count - n)
        await log.record(
            [
                access(i, subjects=("350404199001011234", f"35040420100101{i:04d}")[: 1 + i % 2])
                for i in range(n + 1, n + size + 1)
            ]
        )
        n += size


class Attacker:
    """Raw SQL on the audit tables with the append-only triggers out of the way."""

    def __init__(self, database: Database, connection: AsyncConnection) -> None:
        self.database = database
        self.connection = connection

    def table(self, name: str) -> str:
        """The table's name as raw SQL must spell it (schema-qualified on PostgreSQL)."""
        schema = self.database.schema
        return f'"{schema}"."{name}"' if schema else f'"{name}"'

    async def run(self, statement: str, **params: Any) -> None:
        """Run raw SQL; `{access_entry}` etc. stand for the (qualified) table names."""
        names = {table: self.table(table) for table in APPEND_ONLY_TABLES}
        await self.connection.execute(text(statement.format(**names)), params)

    async def rows(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Fetch rows as dictionaries."""
        names = {table: self.table(table) for table in APPEND_ONLY_TABLES}
        result = await self.connection.execute(text(statement.format(**names)), params)
        return [dict(row._mapping) for row in result]


Attack = Callable[[], contextlib.AbstractAsyncContextManager[Attacker]]


@contextlib.asynccontextmanager
async def attacking(database: Database) -> AsyncIterator[Attacker]:
    """An `Attacker` on the log with its append-only triggers off; edits committed."""
    async with database.engine.connect() as connection:
        if database.is_sqlite:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
            for table in APPEND_ONLY_TABLES:
                for action in ("update", "delete"):
                    await connection.exec_driver_sql(f'DROP TRIGGER "{table}_no_{action}"')
            yield Attacker(database, connection)
            await install_triggers(connection, database)
            await connection.exec_driver_sql("COMMIT")
            await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        else:
            attacker = Attacker(database, connection)
            async with connection.begin():
                for table in APPEND_ONLY_TABLES:
                    await attacker.run(f"ALTER TABLE {{{table}}} DISABLE TRIGGER ALL")
                yield attacker
                for table in APPEND_ONLY_TABLES:
                    await attacker.run(f"ALTER TABLE {{{table}}} ENABLE TRIGGER ALL")


@pytest.fixture
def attack(database: Database) -> Attack:
    """Return an async context manager giving an `Attacker` whose edits are committed."""
    return lambda: attacking(database)


@pytest.fixture
def audit(
    database: Database,
    log: AuditLog,
    actor_keys: KeySet,
    mint: ActorHeaders,
    signer: CheckpointSigner,
    tmp_path: Path,
) -> AuditSubgraph:
    """The audit subgraph over the test log; checkpoints verified with the test key."""
    return AuditSubgraph(database, log, actor_keys, mint, tmp_path / "keys" / "checkpoint.pem")
