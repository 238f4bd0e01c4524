"""A writable agency for the execution (mutation) tests: its own seeded database, real commits.

The shared databases of tests/conftest.py undo a test's writes by holding an outer transaction
open; on SQLite the driver begins no transaction for it, so a mutation's commit (a RELEASE
SAVEPOINT) would persist into the data every other test reads, and two concurrent calls could
not be told apart from one. So each execution test seeds the test population into a database
of its own (a SQLite file, or a PostgreSQL schema), serves the agency on it as in production,
and reads what was written straight from its tables.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import Select

from authz.actor import Actor, ActorKind
from authz.headers import ActorHeaders
from authz.keys import KeySet
from subgraph.app import create_subgraph_app
from subgraph.database import Database
from subgraph.seeding import BatchWriter
from subgraph.settings import SubgraphSettings, normalize_database_url, sqlite_url
from tests.conftest import BACKENDS, CASE, POSTGRES_URL, SPEC, citizen, staff
from tests.memory_sink import MemoryAuditSink
from tests.population import units
from tongban.agencies import definition_of

APPLICATION = "YW-2026-000123"


def hall(application: str = APPLICATION) -> Actor:
    """The online service hall's system, executing `application` (declared as its case)."""
    return Actor(
        subject="hall-system",
        kind=ActorKind.SYSTEM,
        agency="hall",
        purpose="SERVICE_APPLICATION",
        case=application,
        request_id=f"req-{application}",
    )


def outsiders(agency: str, subject: str) -> dict[str, Actor]:
    """Who must never write: the agency's staff on a case, the citizen concerned, an auditor."""
    return {
        "staff": staff(agency),
        "staff handling the application": staff(
            agency, purpose="SERVICE_APPLICATION", case=APPLICATION
        ),
        "citizen": citizen(subject),
        "auditor": Actor(subject="auditor-1", kind=ActorKind.AUDITOR, purpose="AUDIT", case=CASE),
    }


class WritableAgency:
    """One agency served on its own seeded database; requests carry a fresh actor token."""

    def __init__(self, name: str, database: Database, http: httpx.AsyncClient, mint: ActorHeaders):
        self.name = name
        self.database = database
        self.http = http
        self.mint = mint

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, *, actor: Actor
    ) -> dict[str, Any]:
        """Send one operation as `actor`; return the JSON answer (any HTTP status)."""
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers=self.mint.headers(actor, self.name),
        )
        answer: dict[str, Any] = response.json()
        return answer

    async def post_together(
        self, query: str, variables: Sequence[dict[str, Any]], *, actor: Actor
    ) -> list[dict[str, Any]]:
        """Send the operation once per variables, all at the same time."""
        return list(await asyncio.gather(*(self.post(query, v, actor=actor) for v in variables)))

    async def rows(self, statement: Select[Any]) -> list[Any]:
        """The rows a SELECT finds now, in a session of their own."""
        async with self.database.sessions() as session:
            return list((await session.scalars(statement)).all())


@dataclass(frozen=True, kw_only=True)
class Execution:
    """One mutation: its valid arguments, other ones, its answer and what it writes."""

    field: str
    document: str
    variables: dict[str, Any]
    other_arguments: dict[str, Any]
    answer: dict[str, Any]
    state: Callable[[WritableAgency], Awaitable[tuple[Any, ...]]]
    before: tuple[Any, ...]
    after: tuple[Any, ...]
    subject: str
    line: int  # where the mutation's field starts in `document`

    def failed(self, code: str, message: str) -> dict[str, Any]:
        """The answer when the execution fails with a typed error."""
        nothing = dict.fromkeys(self.answer, None)
        error = {"code": code, "message": message}
        return {"data": {self.field: {**nothing, "replayed": False, "error": error}}}

    def applied(self, *, replayed: bool) -> dict[str, Any]:
        """The answer when the execution applied (or replayed)."""
        return {"data": {self.field: {**self.answer, "replayed": replayed}}}

    def refused(self, code: str, message: str) -> dict[str, Any]:
        """The answer when the kit refuses the call itself (the resolver does not run)."""
        error = {
            "message": message,
            "locations": [{"line": self.line, "column": 3}],
            "path": [self.field],
            "extensions": {"code": code},
        }
        return {"data": {self.field: None}, "errors": [error]}


@contextlib.asynccontextmanager
async def writable_agency(
    name: str,
    *,
    backend: str,
    tmp_path: Path,
    actor_keys: KeySet,
    mint: ActorHeaders,
    sink: MemoryAuditSink,
) -> AsyncIterator[WritableAgency]:
    """Seed the test population into a new database of `name` and serve the agency on it."""
    definition = definition_of(name)
    if backend == "sqlite":
        url, schema = sqlite_url(tmp_path / f"{name}.db"), None
    else:
        assert POSTGRES_URL is not None
        url = normalize_database_url(POSTGRES_URL)
        schema = f"w{uuid.uuid4().hex[:8]}_{name}"
    database = Database(url=url, metadata=definition.metadata, schema=schema)
    await database.create_tables()
    writer = BatchWriter(database)
    writer.add(definition.reference_rows(SPEC))
    for unit in units():
        writer.add(definition.unit_rows(unit))
    await writer.flush()
    settings = SubgraphSettings(name=name, database_url=url, database_schema=schema)
    app = create_subgraph_app(
        definition, settings, database=database, actor_keys=actor_keys, audit_sink=sink
    )
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://sub") as http:
                yield WritableAgency(name, database, http, mint)
    finally:
        await database.drop_tables()
        await database.dispose()


def agency_fixture(name: str, *, fixture: str | None = None) -> Any:
    """A fixture serving agency `name` on a database of its own, once per backend.

    Assign it in a conftest.py (`police = agency_fixture("police")`); `fixture` names it
    otherwise than the agency.
    """

    @pytest_asyncio.fixture(params=BACKENDS, name=fixture or name)
    async def serve(
        request: pytest.FixtureRequest,
        tmp_path: Path,
        actor_keys: KeySet,
        mint: ActorHeaders,
        audit_sink: MemoryAuditSink,
    ) -> AsyncIterator[WritableAgency]:
        async with writable_agency(
            name,
            backend=request.param,
            tmp_path=tmp_path,
            actor_keys=actor_keys,
            mint=mint,
            sink=audit_sink,
        ) as agency:
            yield agency

    return serve
