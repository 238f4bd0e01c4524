"""Where our gateway's CPU goes on the six-agency query, under cProfile.

First the agency subgraphs run (`tongban serve` with a demo population) while an engine
answers the query once through a recording httpx transport; everything after replays
those recorded subgraph answers. Two views:

- `--mode engine` (default): `Engine.execute` in-process with a fresh production engine
  whose subgraph answers come from memory (bench/gateway/replay.py). No sockets and no
  HTTP client: this is the engine's own work (document cache, run, merge, shape). The plan
  is cached (warm-up first), as in a running gateway.
- `--mode server`: the whole gateway, run by `tongban gateway --profile production`'s own
  code (so with its uvicorn and logging settings; the logs thrown away) in this process,
  pinned to one CPU, its subgraphs the static Node server replaying the
  recording, loaded by wrk like `python -m bench.gateway`; the profiler covers the event
  loop thread during the measured window only. This adds the HTTP server (uvicorn, httptools,
  Starlette), logging and the real subgraph client (aiohttp).
  With `--subgraphs real` the gateway calls the agency subgraphs themselves instead.

Printed: CPU per request without the profiler (engine mode), the top functions by
cumulative and by own time (asyncio's loop plumbing left out of the cumulative list), and
own time summed by package.

    python -m bench.gateway.profile [--mode engine|server] [--subgraphs static|real]
        [--requests 2000] [--concurrency 1] [--duration 10] [--connections 16] [--top 15]
        [--people 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import json
import logging
import os
import pstats
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import httpx

from bench.gateway.load import run_wrk, write_script
from bench.gateway.queries import QUERIES, compose_agencies, richest_person
from bench.gateway.replay import replaying_engine
from bench.gateway.servers import (
    HOST,
    Cores,
    agency_subgraphs,
    free_port,
    post_json,
    static_subgraphs,
)
from gateway.config import profile_config
from gateway.engine import Engine, GraphQLRequest
from gateway.executor.fetcher import SubgraphFetcher
from gateway.executor.transports import RawResponse
from gateway.supergraph import Supergraph
from tongban.agencies import agency_definitions

# (url path, request body) -> (status, content type, response body)
Recording = dict[tuple[str, bytes], tuple[int, str, bytes]]
# Event-loop plumbing whose cumulative time is everything's: left out of that list.
PLUMBING = (
    r"^(?!((base_events|events|runners|selector_events|selectors)\.py:"
    r"|\{method 'run' of '_contextvars|\{method 'enable' of '_lsprof))"
)


class RecordingTransport(httpx.AsyncBaseTransport):
    """Sends requests over the network and keeps every answer by (url path, body)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.recording: Recording = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        response = await self.inner.handle_async_request(request)
        content = await response.aread()
        content_type = response.headers.get("content-type", "application/json")
        self.recording[(request.url.path, body)] = (response.status_code, content_type, content)
        return httpx.Response(
            response.status_code, headers={"content-type": content_type}, content=content
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


def engine_over(sdl: str, transport: httpx.AsyncBaseTransport) -> Engine:
    config = profile_config("production").engine
    return Engine(
        Supergraph.from_sdl(sdl),
        config,
        fetcher=SubgraphFetcher(config.fetcher, transport=transport),
    )


@dataclass(frozen=True)
class Recorded:
    """The agency supergraph, the query, and the subgraphs' answers to it."""

    sdl: str
    urls: dict[str, str]
    request: GraphQLRequest
    recording: Recording
    expected: dict[str, Any]


@contextlib.contextmanager
def recorded(people: int, directory: Path) -> Iterator[Recorded]:
    """Serve the agencies; answer the query twice through a recording transport.

    The agency subgraphs keep running until the context ends.
    """
    data_dir = directory / "data"
    data_dir.mkdir()
    with agency_subgraphs(data_dir, people, Cores.pick(True).others) as base:
        person, summary = richest_person(data_dir)
        print(f"person {summary}", file=sys.stderr)
        query = replace(QUERIES["six-agency"], variables={"idNumber": person})
        urls = {d.name: f"{base}/subgraphs/{d.name}/graphql" for d in agency_definitions()}
        sdl = compose_agencies(urls)
        request = GraphQLRequest(query.document, query.variables)
        transport = RecordingTransport()
        engine = engine_over(sdl, transport)

        async def answer() -> dict[str, Any]:
            try:
                first = await engine.execute(request)
                second = await engine.execute(request)
                assert first.body == second.body
                return first.body
            finally:
                await engine.close()

        body = asyncio.run(answer())
        if body.get("errors") or not body.get("data"):
            raise SystemExit(f"bench.gateway.profile: the query failed: {body}")
        yield Recorded(sdl, urls, request, transport.recording, body)


async def execute_many(
    engine: Engine, request: GraphQLRequest, count: int, concurrency: int
) -> None:
    for _ in range(count // concurrency):
        await asyncio.gather(*(engine.execute(request) for _ in range(concurrency)))


def profile_engine(rec: Recorded, args: argparse.Namespace) -> tuple[cProfile.Profile, str]:
    request, recording, expected = rec.request, rec.recording, rec.expected
    answers = {key: RawResponse(status, body) for key, (status, _, body) in recording.items()}
    engine = replaying_engine(Supergraph.from_sdl(rec.sdl), answers)
    count = args.requests // args.concurrency * args.concurrency

    async def session() -> tuple[float, float, cProfile.Profile]:
        result = await engine.execute(request)
        if result.body != expected:
            raise SystemExit("bench.gateway.profile: the replayed answer differs")
        await execute_many(engine, request, 200, args.concurrency)  # warm-up
        wall, cpu = time.perf_counter(), time.process_time()
        await execute_many(engine, request, count, args.concurrency)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        profiler = cProfile.Profile()
        profiler.enable()
        await execute_many(engine, request, count, args.concurrency)
        profiler.disable()
        await engine.close()
        return wall, cpu, profiler

    wall, cpu, profiler = asyncio.run(session())
    return profiler, (
        f"Engine.execute (in-memory subgraph answers), six-agency query, {len(recording)} subgraph "
        f"requests each, concurrency {args.concurrency}: {1000 * cpu / count:.3f} ms CPU "
        f"({1000 * wall / count:.3f} ms wall) per execute without the profiler; "
        f"profiled {count} executes"
    )


def profile_server(
    rec: Recorded, args: argparse.Namespace, directory: Path
) -> tuple[cProfile.Profile, str]:
    import uvicorn

    from tongban.cli import build_parser

    cores = Cores.pick(True)
    request, expected = rec.request, rec.expected
    stored = {
        f"{path}\n{body.decode()}": {"status": s, "contentType": t, "body": c.decode()}
        for (path, body), (s, t, c) in rec.recording.items()
    }
    recording_file = directory / "recording.json"
    recording_file.write_text(json.dumps(stored), encoding="utf-8")
    supergraph_file = directory / "agencies.graphql"
    supergraph_file.write_text(rec.sdl, encoding="utf-8")
    body = {"query": request.query, "variables": request.variables}
    script = write_script(directory, "six-agency", body)
    profiler = cProfile.Profile()
    outcome: dict[str, Any] = {}
    servers: list[uvicorn.Server] = []

    def run_uvicorn(app: Any, **kwargs: Any) -> None:
        # What uvicorn.run does, keeping hold of the server to reach its event loop.
        server = uvicorn.Server(uvicorn.Config(app, **kwargs))
        servers.append(server)
        server.run()

    def drive(url: str) -> None:
        try:
            deadline = time.monotonic() + 60
            while not (servers and servers[0].started):
                if time.monotonic() > deadline:
                    return
                time.sleep(0.05)
            loop = servers[0].servers[0].get_loop()
            outcome["answer"] = post_json(url, body)
            for seconds, window in ((2.0, False), (args.duration, True)):
                if window:
                    loop.call_soon_threadsafe(profiler.enable)
                outcome["load"] = run_wrk(
                    url, script, connections=args.connections, seconds=seconds, cpus=cores.others
                )
            loop.call_soon_threadsafe(profiler.disable)
        finally:
            if servers:
                servers[0].should_exit = True

    replay = (
        contextlib.nullcontext("")
        if args.subgraphs == "real"
        else static_subgraphs("replay", str(recording_file), cores.others)
    )
    with replay as base:
        urls = (
            rec.urls
            if args.subgraphs == "real"
            else {name: f"{base}{urlsplit(url).path}" for name, url in rec.urls.items()}
        )
        port = free_port()
        # Exactly `tongban gateway --profile production` (its parser and run function, so
        # its logging and uvicorn settings too), its logs thrown away.
        command = build_parser().parse_args(
            [
                "gateway",
                "--supergraph",
                str(supergraph_file),
                "--port",
                str(port),
                "--profile",
                "production",
                *[arg for name, u in urls.items() for arg in ("--subgraph", f"{name}={u}")],
            ]
        )
        if cores.gateway:
            os.sched_setaffinity(0, {int(cores.gateway)})
        driver = threading.Thread(
            target=drive, args=(f"http://{HOST}:{port}/graphql",), daemon=True
        )
        driver.start()
        with (
            open(os.devnull, "w") as devnull,
            contextlib.redirect_stdout(devnull),
            contextlib.redirect_stderr(devnull),
            mock.patch.object(uvicorn, "run", run_uvicorn),
        ):
            command.run(command)
            logging.getLogger().handlers.clear()  # they write to the devnull closed next
        driver.join()
    if outcome.get("answer") != expected:
        raise SystemExit("bench.gateway.profile: the gateway's answer differs")
    load = outcome["load"]
    return profiler, (
        f"tongban gateway --profile production, in-process on CPU {cores.gateway}, "
        f"{args.subgraphs} subgraphs, wrk {args.connections} connections {args.duration:g} s: "
        f"{load.throughput:,.0f} req/s under the profiler; profiled {load.requests} requests"
    )


def package_of(filename: str) -> str:
    """A readable owner for a profiled function's file."""
    if filename.startswith("<frozen importlib"):
        return "importlib"
    if filename == "<string>":
        return "generated code (dataclass methods)"
    match = re.search(r"site-packages/([^/]+)(?:/([^/]+)/)?", filename)
    if match:
        name, sub = match.groups()
        return f"{name}/{sub}" if name == "graphql" and sub else name.removesuffix(".py")
    match = re.search(r"/(gateway|bench|subgraph|tongban)/(?:([^/]+)/)?", filename)
    if match:
        return "/".join(part for part in match.groups() if part)
    match = re.search(r"python3\.\d+/([^/]+?)(?:\.py)?(?:/|$)", filename)
    return f"stdlib {match.group(1)}" if match else filename


def own_time_by_package(profiler: cProfile.Profile) -> dict[str, float]:
    """Own time summed by package; a C function's time is charged to its callers' packages."""
    raw: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own, _, callers) in raw.items():
        if filename != "~":
            totals[package_of(filename)] += own
            continue
        charged = 0.0
        for (caller_file, _, _), (_, _, caller_own, _) in callers.items():
            package = "C, called from C" if caller_file == "~" else package_of(caller_file)
            totals[package] += caller_own
            charged += caller_own
        totals["C, called from C"] += max(0.0, own - charged)
    return totals


def report(profiler: cProfile.Profile, top: int) -> None:
    for order, restriction in (("cumulative", PLUMBING), ("tottime", "")):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        stats.sort_stats(order)
        if restriction:
            stats.print_stats(restriction, top)
        else:
            stats.print_stats(top)
        title = "cumulative" if order == "cumulative" else "own (tottime)"
        print(f"\n--- top {top} by {title} time ---")
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print("\n".join(line for line in lines[start:] if line.strip()))
    totals = own_time_by_package(profiler)
    total = sum(totals.values())
    print("\n--- own time by package (C functions charged to their callers) ---")
    for package, seconds in sorted(totals.items(), key=lambda item: -item[1])[:top]:
        print(f"{package:<40}{seconds:>8.3f} s{100 * seconds / total:>6.1f} %")


def main() -> None:
    """Record the six-agency query's subgraph answers, then profile the chosen view."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=["engine", "server"], default="engine")
    parser.add_argument("--requests", type=int, default=2_000, help="engine mode: executes")
    parser.add_argument("--concurrency", type=int, default=1, help="engine mode: at once")
    parser.add_argument("--duration", type=float, default=10.0, help="server mode: seconds")
    parser.add_argument("--connections", type=int, default=16, help="server mode: wrk")
    parser.add_argument(
        "--subgraphs",
        choices=["static", "real"],
        default="static",
        help="server mode: the replaying Node server, or the agency subgraphs themselves",
    )
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--people", type=int, default=3_000)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-gateway-profile-") as directory,
        recorded(args.people, Path(directory)) as rec,
    ):
        if args.mode == "engine":
            profiler, headline = profile_engine(rec, args)
        else:
            profiler, headline = profile_server(rec, args, Path(directory))
    print(headline)
    report(profiler, args.top)


if __name__ == "__main__":
    main()
