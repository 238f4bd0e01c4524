"""One async SQLAlchemy engine per subgraph: a SQLite file, or a PostgreSQL schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Every request holds one connection while it runs. Connections beyond the pool are closed
# when returned: with SQLite's default of 5, eight concurrent requests opened and closed a
# connection (and aiosqlite's thread) for every call.
POOL_SIZE = 10
OVERFLOW = 10


def agency_metadata() -> MetaData:
    """Return a fresh MetaData with the project's constraint naming convention."""
    return MetaData(naming_convention=NAMING_CONVENTION)


class Database:
    """The engine and session factory of one subgraph."""

    def __init__(
        self,
        *,
        url: str,
        metadata: MetaData,
        schema: str | None = None,
        immediate: bool = False,
    ) -> None:
        self.url = make_url(url)
        self.metadata = metadata
        self.schema = schema
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.immediate = immediate and self.is_sqlite
        self.engine = self._create_engine()
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    def _create_engine(self) -> AsyncEngine:
        options: dict[str, Any] = {}
        if self.schema is not None:
            options["schema_translate_map"] = {None: self.schema}
        if self.is_sqlite:
            database = self.url.database
            pool: dict[str, int] = {}  # an in-memory database has one connection (StaticPool)
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
                pool = {"pool_size": POOL_SIZE, "max_overflow": OVERFLOW}
            engine = create_async_engine(self.url, connect_args={"timeout": 30}, **pool)
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
            if self.immediate:
                event.listen(engine.sync_engine, "connect", _driver_transactions_off)
                event.listen(engine.sync_engine, "begin", _begin_immediate)
        else:
            engine = create_async_engine(self.url, pool_size=POOL_SIZE, max_overflow=OVERFLOW)
        return engine.execution_options(**options) if options else engine

    async def create_tables(self) -> None:
        """Create the schema (PostgreSQL) and every table that does not exist yet."""
        async with self.engine.begin() as connection:
            if self.schema is not None:
                await connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            await connection.run_sync(self.metadata.create_all)

    async def drop_tables(self) -> None:
        """Drop every table (and on PostgreSQL the schema) of this subgraph."""
        async with self.engine.begin() as connection:
            if self.schema is not None:
                await connection.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            else:
                await connection.run_sync(self.metadata.drop_all)

    async def is_empty(self) -> bool:
        """Tell whether the subgraph's first table holds no row (or does not exist)."""
        first = self.metadata.sorted_tables[0]
        async with self.engine.connect() as connection:
            exists = await connection.run_sync(
                lambda sync: sync.dialect.has_table(sync, first.name, schema=self.schema)
            )
            if not exists:
                return True
            row = await connection.execute(first.select().limit(1))
            return row.first() is None

    async def ping(self) -> None:
        """Run a trivial statement; raises when the database cannot be reached."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    def bound_sessions(self, connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
        """Return sessions that work inside an outer transaction (rolled back by tests)."""
        return async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def _driver_transactions_off(dbapi_connection: Any, _record: Any) -> None:
    # The driver would open its own deferred transactions; `_begin_immediate` opens ours.
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Any) -> None:
    """Take SQLite's write lock when a transaction begins, not at its first write.

    A deferred transaction that reads, then writes after another writer committed, fails
    at once with "database is locked" (its snapshot is stale); an immediate one waits its
    turn. Subgraphs that read-then-write under concurrency (the hall) ask for this.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
