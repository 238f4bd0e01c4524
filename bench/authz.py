"""Authorization benchmark: the six-agency person query with authorization and audit on, and off.

ON is the real platform (tongban.platform.create_platform_app): the online service hall's
SYSTEM client, with a client-credentials token of the embedded identity provider, purpose
SERVICE_APPLICATION and a case number, asks the gateway for the six-agency person file
(bench/gateway/queries.py SIX_AGENCIES) of the person with the most records. The gateway
authenticates the token and signs an actor token for every subgraph call; every subgraph
verifies it (replay guard included), applies its field rules and appends its access records to
the hash-chained audit log before it answers.

OFF is the same query through a gateway built here from the same public pieces, without an
authenticator or actor signer, over subgraphs with require_actor off (every call runs as the
same SYSTEM@hall actor) and audit=False. Field rules are still evaluated in OFF: the kit has no
switch that removes them, on purpose, so the overhead printed is a lower bound of the full
cost of authorization and audit.

Both modes run in process (httpx's ASGI transport, no sockets) on the same seeded databases:
SQLite files in a temporary directory, and fresh PostgreSQL schemas (TONGBAN_BENCH_POSTGRES_URL,
default postgresql://postgres@127.0.0.1:5432/test) that are dropped at the end. Each round runs
OFF then ON (each after a warm-up), `--requests` requests at `--concurrency`. Per backend it
prints requests/s, mean latency and CPU per request of each mode, the overhead (ON time / OFF
time - 1), the access entries the ON runs wrote per second (rows of access_entry before and
after), the targets of the issue (overhead under 25 %, at least 2,000 entries/s; stated for
PostgreSQL), the bound on entries/s set by the query path alone (OFF requests/s times the
entries one request writes: what ON could reach if authorization and audit cost nothing), the
floor of the subgraph stack (the CPU of one request's subgraph calls, over the same apps and
in-process transport, each answering `{ __typename }`: no resolver, no SQL) and, for comparison,
bench.audit's raw append rate of the same log (batches of 1 and 20 from 8 writers, and of 1 from
64).

Both modes run after `gc.freeze()`, as `tongban serve` does before it serves.

    python -m bench.authz [--people 2000] [--requests 200] [--concurrency 8] [--rounds 2]
                          [--warmup 20] [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.applications import Starlette
from starlette.routing import Mount

from audit.models import AccessEntry
from authz.actor import Actor, ActorKind
from authz.client_assertion import ASSERTION_TYPE, client_assertion
from bench.audit import run_once as raw_audit_rate
from bench.gateway.queries import SIX_AGENCIES, richest_person
from gateway.config import profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import SubgraphFetcher
from gateway.http import create_gateway_app
from identity.demo import system_client_key
from identity.settings import IdentitySettings
from subgraph.app import create_subgraph_app
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.settings import SubgraphSettings, normalize_database_url
from tongban.agencies import agency_definitions
from tongban.audit_sink import PlatformAudit
from tongban.platform import create_platform_app, prepare
from tongban.serving import freeze_loaded
from tongban.supergraph import platform_supergraph

POSTGRES_URL = os.environ.get(
    "TONGBAN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
PURPOSE = "SERVICE_APPLICATION"
CASE = "SQ-2026-0001"
OVERHEAD_TARGET = 0.25
ENTRIES_TARGET = 2_000
# bench.audit's runs printed beside the platform's figures: (records per batch, writers).
RAW_LOG_RUNS = ((1, 8), (20, 8), (1, 64))
# Who every OFF call runs as: the hall's system, whose policy lets it read every field.
HALL_SYSTEM = Actor(
    subject="hall-system", kind=ActorKind.SYSTEM, agency="hall", purpose=PURPOSE, case=CASE
)


@dataclass
class Timing:
    """Requests, wall-clock seconds and summed latencies of one mode's measured runs."""

    requests: int = 0
    seconds: float = 0.0
    latency: float = 0.0
    cpu: float = 0.0  # seconds of this process's CPU (every thread)

    def add(self, other: Timing) -> None:
        """Add another run's figures."""
        self.requests += other.requests
        self.seconds += other.seconds
        self.latency += other.latency
        self.cpu += other.cpu

    @property
    def cpu_ms(self) -> float:
        """CPU milliseconds per request."""
        return 1000 * self.cpu / self.requests

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds

    @property
    def mean_ms(self) -> float:
        """Mean latency of one request in milliseconds."""
        return 1000 * self.latency / self.requests


def environment(backend: str, data_dir: Path, run: str) -> dict[str, str]:
    """The settings environment of one backend: a data dir, and on PostgreSQL fresh schemas."""
    env = {"TONGBAN_DATA_DIR": str(data_dir)}
    if backend == "postgresql":
        env["TONGBAN_DATABASE_URL"] = POSTGRES_URL
        for name in [*(d.name for d in agency_definitions()), "identity", "audit"]:
            env[f"TONGBAN_{name.upper()}_DATABASE_SCHEMA"] = f"bench{run}_{name}"
    return env


def schemas(env: Mapping[str, str]) -> list[str]:
    """The PostgreSQL schemas an environment names."""
    return [value for key, value in env.items() if key.endswith("_DATABASE_SCHEMA")]


async def drop_schemas(names: Sequence[str]) -> None:
    """Drop the benchmark's PostgreSQL schemas."""
    engine = create_async_engine(normalize_database_url(POSTGRES_URL))
    try:
        async with engine.begin() as connection:
            for name in names:
                await connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        await engine.dispose()


def subgraph_settings(env: Mapping[str, str]) -> list[SubgraphSettings]:
    """Every agency's settings in `env`."""
    return [SubgraphSettings.from_env(d.name, env) for d in agency_definitions()]


def agency_databases(
    definitions: Sequence[SubgraphDefinition], settings: Sequence[SubgraphSettings]
) -> list[tuple[SubgraphDefinition, Database]]:
    """One database per agency, where its settings say."""
    return [
        (d, Database(url=s.database_url, metadata=d.metadata, schema=s.database_schema))
        for d, s in zip(definitions, settings, strict=True)
    ]


async def seed_and_pick(people: int, data_dir: Path) -> str:
    """Seed the agencies' SQLite files under `data_dir` and return the richest person's ID.

    The population is the platform's demo population of `people` (deterministic), so the same
    person exists on every backend the platform seeds with the same number.
    """
    agencies = agency_databases(
        agency_definitions(), subgraph_settings(environment("sqlite", data_dir, ""))
    )
    try:
        await prepare(agencies, demo_people=people)
    finally:
        for _, database in agencies:
            await database.dispose()
    id_number, summary = richest_person(data_dir)
    print(f"person {summary}")
    return id_number


@asynccontextmanager
async def platform_on(env: Mapping[str, str], people: int) -> AsyncIterator[httpx.AsyncClient]:
    """The real platform (seeded on first start) and a client on it."""
    definitions = agency_definitions()
    app = create_platform_app(
        definitions,
        subgraph_settings(env),
        demo_people=people,
        identity=IdentitySettings.from_env(env),
        audit=PlatformAudit.from_env(env),
    )
    freeze_loaded()  # as `tongban serve` does before it serves
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://tongban"
        ) as client:
            client.headers.update(await hall_headers(client, app.state.identity_settings))
            yield client


async def hall_headers(client: httpx.AsyncClient, identity: IdentitySettings) -> dict[str, str]:
    """The hall system's gateway headers: a client-credentials token, purpose and case."""
    key = system_client_key(identity.client_key_dir, "hall-system")
    assertion = client_assertion(
        key, client_id="hall-system", token_endpoint=identity.endpoint("/token")
    )
    answer = await client.post(
        "/identity/token",
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
        },
    )
    answer.raise_for_status()
    return {
        "authorization": f"Bearer {answer.json()['access_token']}",
        "tongban-purpose": PURPOSE,
        "tongban-case": CASE,
    }


class Recording(httpx.ASGITransport):
    """The in-process subgraphs, noting the path of every call made to them."""

    def __init__(self, app: Starlette) -> None:
        super().__init__(app=app)
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Note the call's path, then make it."""
        self.paths.append(request.url.path)
        return await super().handle_async_request(request)


@dataclass
class Off:
    """A client on the OFF gateway, and the transport to its subgraphs."""

    client: httpx.AsyncClient
    subgraphs: Recording


@asynccontextmanager
async def platform_off(env: Mapping[str, str]) -> AsyncIterator[Off]:
    """The same gateway and subgraphs without authentication, actor tokens or audit.

    Built like create_platform_app's gateway and subgraphs, from the public factories:
    no Authenticator, no ActorSigner, require_actor off (calls run as HALL_SYSTEM), audit=False.
    """
    definitions = agency_definitions()
    settings = [replace(s, require_actor=False) for s in subgraph_settings(env)]
    agencies = agency_databases(definitions, settings)
    apps = [
        create_subgraph_app(
            definition, conf, database=database, development_actor=HALL_SYSTEM, audit=False
        )
        for (definition, database), conf in zip(agencies, settings, strict=True)
    ]
    subgraphs = Starlette(
        routes=[Mount(f"/{d.name}", app=app) for d, app in zip(definitions, apps, strict=True)]
    )
    gateway = profile_config("development")
    transport = Recording(subgraphs)
    fetcher = SubgraphFetcher(gateway.engine.fetcher, transport=transport)
    engine = Engine(platform_supergraph(definitions), gateway.engine, fetcher=fetcher)
    app = create_gateway_app(engine, gateway.edge)
    freeze_loaded()
    try:
        async with AsyncExitStack() as stack:
            for subgraph in apps:
                await stack.enter_async_context(subgraph.router.lifespan_context(subgraph))
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://tongban"
            ) as client:
                yield Off(client, transport)
    finally:
        await engine.close()
        for _, database in agencies:
            await database.dispose()


async def drive(
    client: httpx.AsyncClient, body: dict[str, Any], requests: int, concurrency: int
) -> tuple[Timing, Any]:
    """Send `requests` queries from `concurrency` workers; return the timing and one answer."""
    pending = iter(range(requests))
    latencies: list[float] = []
    answers: list[Any] = []

    async def worker() -> None:
        for _ in pending:
            started = time.perf_counter()
            response = await client.post("/graphql", json=body)
            latencies.append(time.perf_counter() - started)
            answer = response.json()
            if response.status_code != 200 or answer.get("errors") or not answer["data"]["person"]:
                raise SystemExit(f"bench.authz: bad answer {response.status_code}: {answer}")
            if not answers:
                answers.append(answer["data"])

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    timing = Timing(
        requests, time.perf_counter() - started, sum(latencies), time.process_time() - cpu
    )
    return timing, answers[0]


async def stack_floor(subgraphs: Recording, paths: Sequence[str], requests: int) -> float:
    """CPU ms per request of the subgraph calls alone: `{ __typename }` to each of `paths`.

    The same apps and in-process transport as OFF, with no resolver and no SQL: what one
    request's subgraph calls cost before any of them reads a record.
    """
    body = {"query": "{ __typename }"}
    async with httpx.AsyncClient(transport=subgraphs, base_url="http://tongban") as client:
        for path in paths:
            (await client.post(path, json=body)).raise_for_status()
        started = time.process_time()
        for _ in range(requests):
            for path in paths:
                await client.post(path, json=body)
        return 1000 * (time.process_time() - started) / requests


async def audit_entries(env: Mapping[str, str]) -> int:
    """Rows of access_entry in the platform's audit log."""
    audit = PlatformAudit.from_env(env)
    try:
        async with audit.database.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(AccessEntry)) or 0)
    finally:
        await audit.close()


@dataclass
class Figures:
    """One backend's measurements."""

    off: Timing
    on: Timing
    entries: int  # written by the ON runs
    calls: int  # subgraph calls of one request
    floor_ms: float  # CPU of those calls answering `{ __typename }` (stack_floor)


async def measure(
    backend: str, env: Mapping[str, str], person: str, args: argparse.Namespace
) -> Figures:
    """Alternate OFF and ON runs, then measure the stack's floor on OFF's subgraphs."""
    body = {"query": SIX_AGENCIES, "variables": {"idNumber": person}}
    off, on, entries = Timing(), Timing(), 0
    async with platform_on(env, args.people):
        pass  # the first start seeds the population and the demo accounts
    for _ in range(args.rounds):
        async with platform_off(env) as platform:
            await drive(platform.client, body, args.warmup, args.concurrency)
            timing, off_answer = await drive(platform.client, body, args.requests, args.concurrency)
            off.add(timing)
        async with platform_on(env, args.people) as client:
            await drive(client, body, args.warmup, args.concurrency)
            before = await audit_entries(env)
            timing, on_answer = await drive(client, body, args.requests, args.concurrency)
            entries += await audit_entries(env) - before
            on.add(timing)
        if on_answer != off_answer:
            raise SystemExit(f"bench.authz: {backend}: ON and OFF answers differ")
    async with platform_off(env) as platform:
        await drive(platform.client, body, 1, 1)
        paths = list(platform.subgraphs.paths)
        floor_ms = await stack_floor(platform.subgraphs, paths, args.requests)
    return Figures(off, on, entries, len(paths), floor_ms)


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


async def main_async(args: argparse.Namespace) -> None:
    """Measure every backend and print the table."""
    with tempfile.TemporaryDirectory() as directory:
        person = await seed_and_pick(args.people, Path(directory) / "sqlite")
        print(
            f"{args.requests * args.rounds} measured requests per mode ({args.rounds} rounds of "
            f"{args.requests}, concurrency {args.concurrency}, warm-up {args.warmup}), "
            f"{args.people:,} people"
        )
        print(f"{'backend':<11}{'mode':<5}{'requests':>9}{'req/s':>9}{'mean ms':>9}{'CPU ms':>9}")
        for backend in args.backends:
            run = uuid.uuid4().hex[:8]
            env = environment(backend, Path(directory) / backend, run)
            try:
                figures = await measure(backend, env, person, args)
                off, on, entries = figures.off, figures.on, figures.entries
                raw = {
                    (batch, writers): await raw_audit_rate(
                        backend, batch, writers, 2_000, Path(directory)
                    )
                    for batch, writers in RAW_LOG_RUNS
                }
            finally:
                if backend == "postgresql":
                    await drop_schemas(schemas(env))
            for mode, timing in (("off", off), ("on", on)):
                print(
                    f"{backend:<11}{mode:<5}{timing.requests:>9,}{timing.rate:>9.1f}"
                    f"{timing.mean_ms:>9.1f}{timing.cpu_ms:>9.1f}"
                )
            overhead = on.seconds / off.seconds - 1
            rate = entries / on.seconds
            per_request = entries / on.requests
            print(
                f"{backend:<11}overhead ON/OFF - 1: {overhead:+.1%} "
                f"(target < {OVERHEAD_TARGET:.0%}: {verdict(overhead < OVERHEAD_TARGET)})"
            )
            print(
                f"{backend:<11}audit: {entries:,} entries in {on.seconds:.1f} s = {rate:,.0f}/s, "
                f"{per_request:.1f} per request "
                f"(target >= {ENTRIES_TARGET:,}/s: {verdict(rate >= ENTRIES_TARGET)})"
            )
            print(
                f"{backend:<11}bound: OFF {off.rate:.1f} req/s x {per_request:.1f} entries = "
                f"{off.rate * per_request:,.0f} entries/s with authorization and audit free; "
                f"OFF takes {off.cpu_ms:.1f} ms CPU per request"
            )
            floor = figures.floor_ms
            print(
                f"{backend:<11}floor: the {figures.calls} subgraph calls of one request, each "
                f"answering {{ __typename }}, take {floor:.1f} ms CPU: at most "
                f"{1000 / floor:,.0f} req/s = {per_request * 1000 / floor:,.0f} entries/s a core"
            )
            print(
                f"{backend:<11}raw log (bench.audit): "
                + ", ".join(
                    f"batch {batch} x {writers} writers {raw[batch, writers]:,.0f}/s"
                    for batch, writers in RAW_LOG_RUNS
                )
            )


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2_000, help="demo population")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2, help="OFF/ON runs per backend")
    parser.add_argument("--warmup", type=int, default=20, help="requests before each run")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    # The subgraphs of OFF warn loudly that they run without actor tokens and audit.
    logging.getLogger("tongban.subgraph").setLevel(logging.ERROR)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
