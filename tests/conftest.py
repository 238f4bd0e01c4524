"""Shared fixtures: one seeded database per agency and backend, rolled back per test."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import event

from agencies.population import PopulationSpec
from subgraph.app import create_subgraph_app
from subgraph.database import Database
from subgraph.settings import SubgraphSettings, normalize_database_url, sqlite_url
from tongban.agencies import agency_definitions, definition_of
from tongban.seeding import SeedReport, seed_population

AS_OF = date(2026, 11, 1)
SPEC = PopulationSpec(people=400, seed=7, as_of=AS_OF)
POSTGRES_URL = os.environ.get("TONGBAN_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

GraphQL = Callable[..., Awaitable[dict[str, Any]]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="TONGBAN_TEST_POSTGRES_URL is not set")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


class Platform:
    """Every agency's seeded database on one backend."""

    def __init__(self, backend: str, databases: dict[str, Database], report: SeedReport) -> None:
        self.backend = backend
        self.databases = databases
        self.report = report

    def settings(self, name: str) -> SubgraphSettings:
        database = self.databases[name]
        return SubgraphSettings(
            name=name, database_url=str(database.url), database_schema=database.schema
        )


def make_databases(backend: str, tmp: Path) -> dict[str, Database]:
    """Create one database per agency: SQLite files, or uniquely named PostgreSQL schemas."""
    run = uuid.uuid4().hex[:8]
    databases = {}
    for definition in agency_definitions():
        if backend == "sqlite":
            url, schema = sqlite_url(tmp / f"{definition.name}.db"), None
        else:
            assert POSTGRES_URL is not None
            url, schema = normalize_database_url(POSTGRES_URL), f"t{run}_{definition.name}"
        databases[definition.name] = Database(url=url, metadata=definition.metadata, schema=schema)
    return databases


@pytest_asyncio.fixture(scope="session", params=BACKENDS)
async def platform(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Platform]:
    """Seed the test population into every agency once per backend."""
    backend = request.param
    databases = make_databases(backend, tmp_path_factory.mktemp(backend))
    for database in databases.values():
        await database.create_tables()
    pairs = [(definition_of(name), database) for name, database in databases.items()]
    report = await seed_population(SPEC, pairs)
    yield Platform(backend, databases, report)
    for database in databases.values():
        await database.drop_tables()
        await database.dispose()


ClientFactory = Callable[[str], contextlib.AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def client(platform: Platform) -> ClientFactory:
    """Open an HTTP client on an agency's app; whatever it writes is rolled back."""

    @contextlib.asynccontextmanager
    async def open_client(agency: str) -> AsyncIterator[httpx.AsyncClient]:
        database = platform.databases[agency]
        async with database.engine.connect() as connection:
            transaction = await connection.begin()
            app = create_subgraph_app(
                definition_of(agency),
                platform.settings(agency),
                database=database,
                sessions=database.bound_sessions(connection),
            )
            transport = httpx.ASGITransport(app=app)
            try:
                async with httpx.AsyncClient(transport=transport, base_url="http://sub") as http:
                    yield http
            finally:
                await transaction.rollback()

    return open_client


@pytest_asyncio.fixture
async def graphql(client: ClientFactory) -> GraphQL:
    """Post one operation to an agency and return the JSON answer."""

    async def post(
        agency: str, query: str, variables: dict[str, Any] | None = None, *, status: int = 200
    ) -> dict[str, Any]:
        async with client(agency) as http:
            response = await http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == status, response.text
        result: dict[str, Any] = response.json()
        return result

    return post


class SqlLog:
    """The SQL statements each agency's engine ran, savepoints left out."""

    def __init__(self, names: list[str]) -> None:
        self._seen: dict[str, list[str]] = {name: [] for name in names}

    def record(self, name: str, statement: str) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            self._seen[name].append(statement)

    def reset(self) -> None:
        for seen in self._seen.values():
            seen.clear()

    def selects(self, name: str) -> list[str]:
        return [s for s in self._seen[name] if s.lstrip().upper().startswith("SELECT")]


@pytest.fixture
def sql(platform: Platform) -> Iterator[SqlLog]:
    """Record the SQL statements each agency's engine runs during the test."""
    log = SqlLog(list(platform.databases))
    listeners = []
    for name, database in platform.databases.items():

        def record(*args: Any, _name: str = name) -> None:
            log.record(_name, args[2])

        event.listen(database.engine.sync_engine, "before_cursor_execute", record)
        listeners.append((database, record))
    yield log
    for database, record in listeners:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)
