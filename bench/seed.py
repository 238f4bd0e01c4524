"""Seed benchmark: people per second and peak memory, 10k and 100k people, SQLite and PostgreSQL.

Each run is a fresh process, so its peak RSS is its own. Memory is flat when the 100k run
peaks about where the 10k run does: the ratio is printed.

    python -m bench.seed [--sizes 10000 100000] [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

from agencies.population import PopulationSpec
from subgraph.database import Database
from subgraph.settings import normalize_database_url, sqlite_url
from tongban.agencies import agency_definitions
from tongban.seeding import seed_population

POSTGRES_URL = os.environ.get(
    "TONGBAN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


async def run_once(people: int, backend: str, directory: Path) -> dict[str, float]:
    """Seed a fresh set of agency databases once and measure it."""
    run = uuid.uuid4().hex[:8]
    agencies = []
    for definition in agency_definitions():
        if backend == "sqlite":
            url, schema = sqlite_url(directory / f"{definition.name}.db"), None
        else:
            url, schema = normalize_database_url(POSTGRES_URL), f"bench{run}_{definition.name}"
        agencies.append(
            (definition, Database(url=url, metadata=definition.metadata, schema=schema))
        )
    try:
        for _, database in agencies:
            await database.create_tables()
        spec = PopulationSpec(people=people, seed=2011, as_of=date(2026, 11, 1))
        report = await seed_population(spec, agencies)
    finally:
        for _, database in agencies:
            if backend != "sqlite":
                await database.drop_tables()
            await database.dispose()
    return {
        "people": report.people,
        "rows": sum(report.rows.values()),
        "seconds": report.seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(people: int, backend: str) -> dict[str, float]:
    """Run one measurement in a child process and return its figures."""
    with tempfile.TemporaryDirectory() as directory:
        output = subprocess.run(
            [sys.executable, "-m", "bench.seed", "--child", str(people), backend, directory],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


def main() -> None:
    """Print people/s and peak RSS for every size and backend, and the memory ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument(
        "--child", nargs=3, metavar=("PEOPLE", "BACKEND", "DIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        people, backend, directory = args.child
        print(json.dumps(asyncio.run(run_once(int(people), backend, Path(directory)))))
        return
    print(f"{'backend':<11}{'people':>9}{'rows':>11}{'seconds':>9}{'people/s':>10}{'peak MB':>9}")
    for backend in args.backends:
        peaks = []
        for size in args.sizes:
            f = measure(size, backend)
            peaks.append(f["peak_rss_mb"])
            print(
                f"{backend:<11}{f['people']:>9,.0f}{f['rows']:>11,.0f}{f['seconds']:>9.1f}"
                f"{f['people'] / f['seconds']:>10,.0f}{f['peak_rss_mb']:>9.0f}"
            )
        print(
            f"{backend:<11}peak memory {args.sizes[-1]:,} vs {args.sizes[0]:,} people: "
            f"{peaks[-1] / peaks[0]:.2f}x for {args.sizes[-1] / args.sizes[0]:.0f}x the people"
        )


if __name__ == "__main__":
    main()
