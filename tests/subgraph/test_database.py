"""A subgraph's database keeps its connections open across concurrent requests."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import event, text

from subgraph.database import Database, agency_metadata
from subgraph.settings import sqlite_url


async def test_eight_concurrent_requests_reuse_the_connections_they_opened(
    tmp_path: Path,
) -> None:
    # given a SQLite subgraph database that counts the connections it opens
    database = Database(url=sqlite_url(tmp_path / "agency.db"), metadata=agency_metadata())
    opened: list[object] = []
    event.listen(database.engine.sync_engine, "connect", lambda connection, _: opened.append(1))
    held, connected = asyncio.Event(), asyncio.Semaphore(0)

    async def request() -> None:
        async with database.sessions() as session:
            await session.execute(text("SELECT 1"))
            connected.release()
            await held.wait()

    try:
        # when eight requests hold a session at once, twice over
        for _ in range(2):
            held.clear()
            tasks = [asyncio.create_task(request()) for _ in range(8)]
            for _ in tasks:
                await connected.acquire()
            held.set()
            await asyncio.gather(*tasks)
        # then the second round found the first round's eight connections in the pool
        assert len(opened) == 8
    finally:
        await database.dispose()
