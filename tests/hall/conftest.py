"""Hall fixtures: an empty hall database per test, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from hall.models import Base
from subgraph.database import Database
from subgraph.settings import normalize_database_url, sqlite_url
from tests.conftest import BACKENDS, POSTGRES_URL
from tests.hall.flow import SPEC, Hall
from tests.tongban.platform import running_platform

# A Friday in November 2026, 10:00 in Beijing: working days are known up to the year's end.
NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


def make_hall_database(backend: str, tmp: Path) -> Database:
    """An empty hall database: a SQLite file, or a uniquely named PostgreSQL schema."""
    if backend == "sqlite":
        return Database(url=sqlite_url(tmp / "hall.db"), metadata=Base.metadata, immediate=True)
    assert POSTGRES_URL is not None
    schema = f"t{uuid.uuid4().hex[:8]}_hall"
    return Database(url=normalize_database_url(POSTGRES_URL), metadata=Base.metadata, schema=schema)


@pytest_asyncio.fixture(params=BACKENDS)
async def hall_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The hall's tables, dropped after the test."""
    database = make_hall_database(request.param, tmp_path)
    await database.create_tables()
    yield database
    await database.drop_tables()
    await database.dispose()


@pytest_asyncio.fixture(scope="module")
async def hall(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Hall]:
    """The platform on the demo population (SQLite files), its hall worker run by the tests."""
    async with running_platform(tmp_path_factory.mktemp("hall"), demo_people=SPEC.people) as p:
        yield Hall(p)
