"""Audit log benchmark: entries appended per second on SQLite and PostgreSQL, batches of 1 and 20.

Every configuration writes into a fresh log (a SQLite file, or a new PostgreSQL schema that is
dropped afterwards), with one writer and with several concurrent writers in one process, then
verifies the chain it wrote.

    python -m bench.audit [--entries 4000] [--writers 1 8] [--batches 1 20]
                          [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from audit.log import AuditLog
from audit.settings import audit_database
from audit.triggers import create_audit_tables
from audit.verify import verify
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.settings import normalize_database_url, sqlite_url

POSTGRES_URL = os.environ.get(
    "TONGBAN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def access(n: int) -> AccessRecord:
    """A typical access record: one staff read of two persons' fields."""
    return AccessRecord(
        time=datetime.now(UTC),
        actor=f"staff-{n % 40:03d}",
        actor_kind="staff",
        agency="police",
        unit="350404-station-01",
        subgraph="police",
        data_subjects=(f"35040419900101{n % 9000:04d}", "350404196502143217"),
        type_name="Person",
        fields=("name", "birthDate", "ethnicityCode"),
        purpose="ethnicity-change review",
        case=f"EC-2026-{n % 500:05d}",
        decision="ALLOW",
        request_id=uuid.uuid4().hex,
    )


def open_database(backend: str, directory: Path) -> Database:
    """A fresh audit database on `backend`."""
    if backend == "sqlite":
        return audit_database(url=sqlite_url(directory / f"{uuid.uuid4().hex}.db"), schema=None)
    schema = f"bench{uuid.uuid4().hex[:8]}_audit"
    return audit_database(url=normalize_database_url(POSTGRES_URL), schema=schema)


async def run_once(backend: str, batch: int, writers: int, entries: int, directory: Path) -> float:
    """Append `entries` records in batches from concurrent writers; return entries per second."""
    database = open_database(backend, directory)
    try:
        await create_audit_tables(database)
        log = AuditLog(database)
        per_writer = max(1, entries // (batch * writers))

        async def writer(w: int) -> None:
            for b in range(per_writer):
                base = (w * per_writer + b) * batch
                await log.record([access(base + i) for i in range(batch)])

        await log.record([access(-1)])  # warm the pool and the statement caches
        started = time.perf_counter()
        await asyncio.gather(*(writer(w) for w in range(writers)))
        seconds = time.perf_counter() - started
        report = await verify(database, {})
        assert report.ok, report
        return per_writer * writers * batch / seconds
    finally:
        await database.drop_tables()
        await database.dispose()


async def main_async(args: argparse.Namespace) -> None:
    """Print entries/s for every backend, batch size and number of writers."""
    print(f"{'backend':<11}{'batch':>6}{'writers':>8}{'entries/s':>11}")
    with tempfile.TemporaryDirectory() as directory:
        for backend in args.backends:
            for batch in args.batches:
                for writers in args.writers:
                    rate = await run_once(backend, batch, writers, args.entries, Path(directory))
                    print(f"{backend:<11}{batch:>6}{writers:>8}{rate:>11,.0f}")


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=4_000, help="entries per configuration")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
