"""Shared fixtures: one seeded database per agency and backend, rolled back per test.

Every call to a subgraph carries a real actor token, signed with a key set made once per test
session, for the actor the test names (by default the staff of the agency called, see
`staff`); every access the subgraph records goes to an in-memory audit sink (`audit_sink`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import event

from agencies.population import PopulationSpec
from authz.actor import Actor, ActorKind
from authz.headers import ActorHeaders
from authz.keys import KeySet, generate_key
from subgraph.app import create_subgraph_app
from subgraph.audit import AuditSink
from subgraph.database import Database
from subgraph.definition import Row, SubgraphDefinition
from subgraph.settings import SubgraphSettings, normalize_database_url, sqlite_url
from tests.memory_sink import MemoryAuditSink
from tongban.agencies import agency_definitions, definition_of
from tongban.seeding import SeedReport, seed_population

AS_OF = date(2026, 11, 1)
SPEC = PopulationSpec(people=400, seed=7, as_of=AS_OF)
POSTGRES_URL = os.environ.get("TONGBAN_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

GraphQL = Callable[..., Awaitable[dict[str, Any]]]

CITY = "350400"
# The city-level unit of each agency; the police's is the real city bureau of the population.
CITY_UNITS = {
    "police": "350400000000",
    "ethnic_affairs": "MZ350400",
    "civil_affairs": "MZJ350400",
    "family_planning": "WJ350400",
    "tax": "135040000",
    "social_security": "RS350400",
}
CASE = "AJ-2026-0001"


def staff(agency: str, **changes: Any) -> Actor:
    """A member of `agency`'s city-level staff, investigating a case, anywhere in Sanming.

    The default caller of the fixtures: the agency's own staff may read every field of its
    records in their region for a case investigation, so tests about data see all of it.
    `changes` replace attributes (`purpose=`, `region=`, `case=None`, ...).
    """
    actor = Actor(
        subject=f"staff-{agency}-city",
        kind=ActorKind.STAFF,
        agency=agency,
        unit=CITY_UNITS.get(agency),
        region=CITY,
        purpose="CASE_INVESTIGATION",
        case=CASE,
    )
    return dataclasses.replace(actor, **changes)


def citizen(id_number: str, *wards: str) -> Actor:
    """A citizen signed in with their ID number, guardian of `wards`."""
    return Actor(subject=id_number, kind=ActorKind.CITIZEN, guardian_of=tuple(wards))


class _AgencyStaff:
    """Marker: the default caller, the staff of whichever agency is called."""

    def __repr__(self) -> str:
        return "AGENCY_STAFF"


AGENCY_STAFF: Any = _AgencyStaff()


class ActorAuth(httpx.Auth):
    """Adds a fresh actor token (a new `jti`) to every request a client sends."""

    def __init__(self, mint: ActorHeaders, actor: Actor, audience: str) -> None:
        self.mint = mint
        self.actor = actor
        self.audience = audience

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(self.mint.headers(self.actor, self.audience))
        yield request


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


@pytest.fixture(scope="session")
def actor_keys() -> KeySet:
    """The gateway's signing key for the test session; subgraphs trust it."""
    return KeySet(current=generate_key())


@pytest.fixture(scope="session")
def mint(actor_keys: KeySet) -> ActorHeaders:
    """Mints actor-token headers as the gateway would: `mint.headers(actor, subgraph)`."""
    return ActorHeaders(actor_keys)


@pytest.fixture
def audit_sink() -> MemoryAuditSink:
    """The access records the subgraphs of one test write."""
    return MemoryAuditSink()


ClientFactory = Callable[..., contextlib.AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def client(
    platform: Platform, actor_keys: KeySet, mint: ActorHeaders, audit_sink: MemoryAuditSink
) -> ClientFactory:
    """Open an HTTP client on an agency's running app; whatever it writes is rolled back.

    `actor` is who every request is sent as (a fresh token each), None for no token;
    `rows` are inserted first (in the rolled-back transaction); `definition`, `settings`
    and `sink` replace the agency's own.
    """

    @contextlib.asynccontextmanager
    async def open_client(
        agency: str,
        *,
        actor: Actor | None = AGENCY_STAFF,
        rows: Iterable[Row] = (),
        definition: SubgraphDefinition | None = None,
        settings: SubgraphSettings | None = None,
        sink: AuditSink | None = None,
    ) -> AsyncIterator[httpx.AsyncClient]:
        database = platform.databases[agency]
        if actor is AGENCY_STAFF:
            actor = staff(agency)
        async with database.engine.connect() as connection:
            transaction = await connection.begin()
            try:
                for table, values in rows:
                    await connection.execute(table.insert(), values)
                app = create_subgraph_app(
                    definition or definition_of(agency),
                    settings or platform.settings(agency),
                    database=database,
                    sessions=database.bound_sessions(connection),
                    actor_keys=actor_keys,
                    audit_sink=sink or audit_sink,
                )
                auth = ActorAuth(mint, actor, agency) if actor is not None else None
                async with app.router.lifespan_context(app):
                    transport = httpx.ASGITransport(app=app)
                    async with httpx.AsyncClient(
                        transport=transport, base_url="http://sub", auth=auth
                    ) as http:
                        yield http
            finally:
                await transaction.rollback()

    return open_client


@pytest_asyncio.fixture
async def graphql(client: ClientFactory) -> GraphQL:
    """Post one operation to an agency (as `actor`, by default its staff); return the answer."""

    async def post(
        agency: str,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        status: int = 200,
        actor: Actor | None = AGENCY_STAFF,
    ) -> dict[str, Any]:
        async with client(agency, actor=actor) as http:
            response = await http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == status, response.text
        result: dict[str, Any] = response.json()
        return result

    return post


class SqlLog:
    """The SQL statements each agency's engine ran, savepoints left out."""

    def __init__(self, names: list[str]) -> None:
        self._seen: dict[str, list[tuple[str, Any]]] = {name: [] for name in names}

    def record(self, name: str, statement: str, parameters: Any = None) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            self._seen[name].append((statement, parameters))

    def reset(self) -> None:
        for seen in self._seen.values():
            seen.clear()

    def selects(self, name: str) -> list[str]:
        return [s for s, _ in self._seen[name] if s.lstrip().upper().startswith("SELECT")]

    def select_parameters(self, name: str) -> list[list[Any]]:
        """The bound values of each SELECT, in order (flattened)."""
        return [_flat(p) for s, p in self._seen[name] if s.lstrip().upper().startswith("SELECT")]


def _flat(parameters: Any) -> list[Any]:
    if isinstance(parameters, dict):
        return list(parameters.values())
    return list(parameters or ())


@pytest.fixture
def sql(platform: Platform) -> Iterator[SqlLog]:
    """Record the SQL statements each agency's engine runs during the test."""
    log = SqlLog(list(platform.databases))
    listeners = []
    for name, database in platform.databases.items():

        def record(*args: Any, _name: str = name) -> None:
            log.record(_name, args[2], args[3])

        event.listen(database.engine.sync_engine, "before_cursor_execute", record)
        listeners.append((database, record))
    yield log
    for database, record in listeners:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)
