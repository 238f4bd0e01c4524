"""Hall benchmark: ethnicity-change applications verified per second, latency, citizen's effort.

Per backend (SQLite files, then PostgreSQL schemas in TONGBAN_BENCH_POSTGRES_URL's database,
default postgresql://postgres@127.0.0.1:5432/test, dropped at the end), in a temporary data dir:

1. `tongban seed --people N` seeds the demo population (its time printed on its own);
2. `tongban serve` (uvicorn, one process, the hall worker embedded) starts on it; its first
   start makes a demo account for every registered person. On PostgreSQL `--workers K` extra
   `tongban worker` processes verify too (`--no-embedded-worker` leaves them alone);
3. applicants are found in the police register by a query (bench/hall_people.py): minors whose
   raising parent's ethnicity differs, adults of 18-19 with parents of different ethnicities,
   and so on; not all are eligible, all are verified in full;
4. after a warm-up, `--applications` citizens, each with their own access token, submit at
   `--concurrency` through the gateway (the portal's persisted operation), and the hall's
   worker(s) verify each with one federated query through the gateway;
5. the baseline: the same verification queries (document, variables, case) sent by the hall's
   system client straight to the gateway, at the hall's verification concurrency (its worker
   runs one job at a time) and at `--concurrency`;
6. a sample is carried one at a time through approval, execution and closing.

Measured: verified applications per second (wall time from the first submit call to the last
application seen VERIFIED), the submit call's latency, and the time from the submit call to
VERIFIED, polled in hall.application every `--poll` seconds (the stored submitted_at ->
verified_at is printed too: the worker stamps verified_at once the federated query answered).
The ratio hall / bare is the hall's own cost.

    python -m bench.hall [--people 100000] [--applications 1000] [--concurrency 16]
                         [--workers 2] [--backends sqlite postgresql] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import uuid
from pathlib import Path
from statistics import median

from bench.gateway.servers import free_port
from bench.hall_effort import effort_report
from bench.hall_processes import drop_schemas, environment, seed, serving, workers
from bench.hall_report import Figures, backend_lines, load_average
from bench.hall_run import measure, pick, say

QUICK = {"people": 2_000, "applications": 50, "sample": 2, "warmup": 5}


async def run_backend(backend: str, data_dir: Path, args: argparse.Namespace) -> Figures:
    """Seed, serve and measure one backend; its figures."""
    port = free_port()
    env = environment(backend, data_dir, port, uuid.uuid4().hex[:8])
    extra = args.workers if backend == "postgresql" else 0
    embedded = not (args.no_embedded_worker and extra)
    verifiers = [
        *(["the embedded worker"] if embedded else []),
        *([f"{extra} tongban worker"] if extra else []),
    ]
    try:
        say(f"{backend}: seeding {args.people:,} people (tongban seed)")
        seeding = await asyncio.to_thread(seed, env, args.people)
        picked = await pick(env, args.sample, args.warmup, args.applications)
        say(f"{backend}: tongban serve (its first start makes the demo accounts)")
        with serving(env, port, args.people, embedded_worker=embedded) as first_start:
            with workers(env, extra):
                async with asyncio.timeout(args.timeout):
                    run = await measure(env, port, picked, args, extra + embedded)
    except TimeoutError:
        raise SystemExit(
            f"bench.hall: {backend} took more than --timeout {args.timeout:g} s"
        ) from None
    finally:
        await drop_schemas(env)
    return Figures(
        backend=backend,
        seeding=seeding,
        first_start=first_start,
        verifiers=" and ".join(verifiers),
        serial=extra + embedded,
        concurrency=args.concurrency,
        poll=args.poll,
        measured_applicants=picked.measured,
        run=run,
    )


async def main_async(args: argparse.Namespace) -> None:
    """Measure every backend, printing its lines as it is done, then the citizen's effort."""
    print(
        f"hall bench: {args.people:,} people, {args.applications:,} applications at concurrency "
        f"{args.concurrency}, warm-up {args.warmup}, sample {args.sample}; {os.cpu_count()} "
        f"CPUs, load average before: {load_average()}",
        flush=True,
    )
    verified: dict[str, float] = {}
    closed: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-hall-") as directory:
        for backend in args.backends:
            figures = await run_backend(backend, Path(directory) / backend, args)
            for line in backend_lines(figures):
                print(f"{backend:<11}{line}", flush=True)
            carried = figures.run.carried
            verified[backend] = median(c.verified for c in carried)
            done = [c.closed for c in carried if c.closed is not None]
            if done:
                closed[backend] = median(done)
    print(f"load average after: {load_average()}")
    print(effort_report(verified, closed))


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--people", type=int, default=100_000, help="demo population")
    add("--applications", type=int, default=1_000, help="measured submissions")
    add("--concurrency", type=int, default=16, help="citizens submitting at once")
    add("--workers", type=int, default=2, help="extra `tongban worker` processes (PostgreSQL)")
    add("--no-embedded-worker", action="store_true", help="only the extra workers verify")
    add("--sample", type=int, default=5, help="applications carried to CLOSED, one at a time")
    add("--warmup", type=int, default=20, help="applications (and bare queries) before measuring")
    add("--poll", type=float, default=0.05, help="seconds between polls of hall.application")
    add("--timeout", type=float, default=3_600.0, help="seconds one backend's measuring may take")
    add("--backends", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    add("--quick", action="store_true", help="a smoke run: 2,000 people, 50 applications")
    args = parser.parse_args()
    if args.quick:
        for key, value in QUICK.items():
            setattr(args, key, value)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
