"""The hall benchmark's processes: `tongban seed`, `tongban serve` and `tongban worker`.

Every process gets the same environment: a data dir in a temporary directory (keys, the
identity provider's files, and on SQLite the databases), the identity issuer on the served
port (so the workers' token endpoint and the tokens' issuer agree), and on PostgreSQL fresh
schemas named `bench<run>_<name>` in TONGBAN_BENCH_POSTGRES_URL's database, dropped at the end.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.gateway.servers import HOST, ROOT, Process, running
from subgraph.settings import normalize_database_url
from tongban.agencies import served_definitions

POSTGRES_URL = os.environ.get(
    "TONGBAN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
# A first start creates a demo account (a password hash) for every registered person.
START_TIMEOUT_SECONDS = 1_800.0
SEEDED = re.compile(r"seeded (\d+) people in ([\d.]+) s")


@dataclass(frozen=True)
class Seeding:
    """What `tongban seed` reported, and its process's whole wall time."""

    people: int
    seconds: float
    wall_seconds: float


def environment(backend: str, data_dir: Path, port: int, run: str) -> dict[str, str]:
    """The settings environment of every process of one backend's run."""
    base = f"http://{HOST}:{port}"
    env = {
        **os.environ,
        "TONGBAN_DATA_DIR": str(data_dir),
        "TONGBAN_IDENTITY_ISSUER": f"{base}/identity",
        "TONGBAN_HALL_GATEWAY_URL": f"{base}/graphql",
    }
    for key in [k for k in env if k.endswith(("DATABASE_URL", "DATABASE_SCHEMA"))]:
        del env[key]
    if backend == "postgresql":
        env["TONGBAN_DATABASE_URL"] = POSTGRES_URL
        for name in [*(d.name for d in served_definitions()), "identity", "audit"]:
            env[f"TONGBAN_{name.upper()}_DATABASE_SCHEMA"] = f"bench{run}_{name}"
    return env


def tongban(*arguments: str) -> list[str]:
    """The command line of a `tongban` subcommand in this interpreter."""
    return [sys.executable, "-m", "tongban", *arguments]


def seed(env: Mapping[str, str], people: int) -> Seeding:
    """Seed every agency's database as `tongban seed` does; its time, as it prints it."""
    started = time.perf_counter()
    done = subprocess.run(
        tongban("seed", "--people", str(people), "--quiet"),
        env=dict(env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    found = SEEDED.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"bench.hall: tongban seed failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    return Seeding(int(found.group(1)), float(found.group(2)), wall)


def wait_until_up(process: Process, url: str, timeout: float) -> None:
    """Poll `url` until it answers 200; fail with the process's log if it dies or is late."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise process.failure(f"exited with code {process.popen.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise process.failure(f"did not answer {url} within {timeout:.0f} s")


@contextlib.contextmanager
def serving(
    env: Mapping[str, str], port: int, people: int, *, embedded_worker: bool
) -> Iterator[float]:
    """`tongban serve` under uvicorn (the hall worker embedded unless told); yields the
    seconds its first start took (the demo accounts are made then)."""
    command = tongban("serve", "--port", str(port), "--demo-people", str(people))
    if not embedded_worker:
        command.append("--no-hall-worker")
    started = time.perf_counter()
    with running(Process("tongban serve", command, env=dict(env))) as process:
        wait_until_up(process, f"http://{HOST}:{port}/health", START_TIMEOUT_SECONDS)
        yield time.perf_counter() - started
        if process.popen.poll() is not None:
            raise process.failure(f"exited during the run with code {process.popen.returncode}")


@contextlib.contextmanager
def workers(env: Mapping[str, str], count: int) -> Iterator[None]:
    """`count` extra `tongban worker` processes on the served gateway."""
    with contextlib.ExitStack() as stack:
        processes = [
            stack.enter_context(
                running(Process(f"tongban worker {n}", tongban("worker"), env=dict(env)))
            )
            for n in range(count)
        ]
        yield
        for process in processes:
            if process.popen.poll() is not None:
                raise process.failure(f"exited during the run with code {process.popen.returncode}")


async def drop_schemas(env: Mapping[str, str]) -> None:
    """Drop the PostgreSQL schemas `env` names (nothing on SQLite)."""
    names = [value for key, value in env.items() if key.endswith("_DATABASE_SCHEMA")]
    if not names:
        return
    engine = create_async_engine(normalize_database_url(POSTGRES_URL))
    try:
        async with engine.begin() as connection:
            for name in names:
                await connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        await engine.dispose()
