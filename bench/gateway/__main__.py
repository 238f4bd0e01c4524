"""Gateway benchmark: throughput, latency, CPU and memory of our gateway against Apollo's.

Both gateways run, one after the other, in front of the same subgraphs under the same load:
wrk, closed loop, one thread, `--connections` connections, a `--warmup` then a `--duration`
window (on the slow real subgraphs, two `--real-duration` windows each, taken ours,
Apollo's, Apollo's, ours), on 127.0.0.1 only. Ours is
`tongban gateway --profile production` (one uvicorn process), Apollo's is Apollo Gateway 2
with @apollo/server (tests/gateway/apollo).

Queries and settings:

- single-root: one fetch (products), on static subgraphs;
- entity-chain: products -> reviews -> accounts, on static subgraphs;
- six-agency: a person file from all six agencies (household members, parents, marriages,
  birth certificates, taxpayer with annual summaries, insurance with employers) for the
  seeded person who has most of these, on the real agency subgraphs (`tongban serve` with a
  demo population) and on static subgraphs recorded from them.

Static subgraphs (static_subgraphs.mjs, a plain Node http server) answer each subgraph
request with the bytes the real subgraphs gave for exactly that request body, recorded once
through a recording proxy while both gateways answer every query. That recording pass is
also the correctness check: both gateways must give equal JSON answers, with data and no
errors, or the benchmark stops. Each measured gateway is a fresh process that must answer
the query as recorded before it is loaded, and the replaying server must have missed no
request afterwards.

With two or more CPUs, the gateway under test is pinned (taskset) to the last CPU and wrk
and the subgraphs to the others, so the gateway has one core to itself and its CPU time is
its own (`--no-pin` turns this off).

Figures: requests per second, p50 and p99 latency (wrk), CPU time per request (user + sys
of the gateway process over the measured window, from /proc/<pid>/stat, divided by the
requests served), peak RSS (VmHWM at the end), our cold planning time (a fresh Engine
planning the operation once, in-process, best of 5), our engine's CPU per request with the
plan cached (Engine.execute in-process over the recorded subgraph answers, no HTTP server
or client: the gateway's own work; on the gateway's CPU, best of 3 rounds of 1,000), and
ours/Apollo ratios. The targets, each printed as
met or not: a throughput ratio of at least 1 and a p99 ratio of at most 1 in every case,
and under 1 ms of gateway CPU per six-agency request with a cached plan (the engine's; the
whole process's CPU, HTTP included, is printed beside it).

    apt-get install -y wrk   # once; wrk is a Debian package
    npm ci --prefix tests/gateway/apollo && npm ci --prefix tests/composition
    python -m bench.gateway [--duration 10] [--real-duration 60] [--warmup 2] [--connections 16]
                            [--queries single-root entity-chain six-agency] [--people 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.gateway.load import Load, run_wrk, write_script
from bench.gateway.queries import (
    QUERIES,
    TEST_SUPERGRAPH,
    Query,
    compose_agencies,
    richest_person,
)
from bench.gateway.replay import engine_cpu_ms, read_recording
from bench.gateway.servers import (
    GATEWAYS,
    Cores,
    agency_subgraphs,
    check_prerequisites,
    get_json,
    post_json,
    static_subgraphs,
)
from gateway.config import profile_config
from gateway.engine import Engine, GraphQLRequest
from gateway.supergraph import Supergraph
from tongban.agencies import agency_definitions

PLAN_ROUNDS = 5
ENGINE_EXECUTES = 1000


@dataclass(frozen=True)
class Run:
    """One gateway measured on one query and setting."""

    load: Load
    cpu_ms_per_request: float
    peak_rss_mb: float


@dataclass(frozen=True)
class Case:
    """One query on one setting, both gateways measured."""

    query: Query
    setting: str
    runs: dict[str, Run]
    plan_ms: float
    engine_ms: float


@dataclass(frozen=True)
class Options:
    duration: float
    real_duration: float
    warmup: float
    connections: int
    cores: Cores
    scripts: Path
    load_before: str


def load_average() -> str:
    """The 1-minute load average: other work on the machine skews the figures."""
    return Path("/proc/loadavg").read_text().split()[0]


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def check_answer(query: Query, answer: Any, expected: Any, who: str) -> None:
    if answer != expected:
        raise SystemExit(
            f"bench.gateway: {who} answered {query.name} differently:\n"
            f"expected {json.dumps(expected, ensure_ascii=False)[:2000]}\n"
            f"got      {json.dumps(answer, ensure_ascii=False)[:2000]}"
        )


def record_and_verify(
    supergraph: Path,
    urls: dict[str, str],
    queries: list[Query],
    options: Options,
    recording_path: Path,
) -> dict[str, Any]:
    """Answer every query through both gateways over a recording proxy; compare the answers.

    Saves the recorded subgraph answers to `recording_path`; returns {query name: answer}.
    """
    upstreams = {f"/{name}/graphql": url for name, url in urls.items()}
    answers: dict[str, dict[str, Any]] = {}
    with static_subgraphs("record", json.dumps(upstreams), options.cores.others) as base:
        proxied = {name: f"{base}/{name}/graphql" for name in urls}
        for kind, start in GATEWAYS.items():
            with start(supergraph, proxied, options.cores.gateway) as gateway:
                # Twice: a first (cold) and a later (planned) request must both be recorded.
                answers[kind] = {q.name: post_json(gateway.url, q.body()) for q in queries}
                for q in queries:
                    check_answer(q, post_json(gateway.url, q.body()), answers[kind][q.name], kind)
        recording = get_json(f"{base}/__recording")
    for query in queries:
        ours, theirs = answers["tongban"][query.name], answers["apollo"][query.name]
        if not isinstance(theirs, dict) or theirs.get("errors") or not theirs.get("data"):
            raise SystemExit(
                f"bench.gateway: Apollo Gateway did not answer {query.name} with data alone:\n"
                f"{json.dumps(theirs, ensure_ascii=False)[:2000]}"
            )
        check_answer(query, ours, theirs, "our gateway (compared with Apollo Gateway)")
        say(f"  {query.name}: both gateways give the same answer ({len(json.dumps(ours))} bytes)")
    recording_path.write_text(json.dumps(recording), encoding="utf-8")
    say(f"  recorded {len(recording)} distinct subgraph requests")
    return answers["apollo"]


def measure(
    kind: str,
    supergraph: Path,
    urls: dict[str, str],
    query: Query,
    expected: Any,
    options: Options,
    seconds: float,
) -> Run:
    """Start a fresh gateway, check its answer, warm it up, then measure one window."""
    script = write_script(options.scripts, query.name, query.body())
    with GATEWAYS[kind](supergraph, urls, options.cores.gateway) as gateway:
        check_answer(query, post_json(gateway.url, query.body()), expected, kind)

        def load_for(seconds: float) -> Load:
            return run_wrk(
                gateway.url,
                script,
                connections=options.connections,
                seconds=seconds,
                cpus=options.cores.others,
            )

        if options.warmup > 0:
            load_for(options.warmup)
        before = gateway.process.cpu_seconds()
        load = load_for(seconds)
        cpu = gateway.process.cpu_seconds() - before
        rss = gateway.process.peak_rss_mb()
        check_answer(query, post_json(gateway.url, query.body()), expected, kind)
    if load.errors or not load.requests:
        raise SystemExit(
            f"bench.gateway: {kind} on {query.name}: {load.errors} failed requests "
            f"out of {load.requests}"
        )
    run = Run(load, 1000 * cpu / load.requests, rss)
    say(
        f"  {query.name:<13}{kind:<9}{load.throughput:>9,.0f} req/s  p50 {load.p50_ms:.2f} ms"
        f"  p99 {load.p99_ms:.2f} ms  {run.cpu_ms_per_request:.3f} CPU ms/req"
    )
    return run


def check_replay(base: str) -> None:
    stats = get_json(f"{base}/__stats")
    if stats["misses"]:
        raise SystemExit(
            f"bench.gateway: the static subgraphs missed {stats['misses']} requests "
            f"(a gateway sent a request that was not recorded), e.g.:\n{stats['lastMiss']}"
        )
    say(f"  static subgraphs: {stats['hits']:,} requests answered, none missed")


def cold_plan_ms(supergraph_sdl: str, query: Query) -> float:
    """Our planning time of a query on a fresh engine (parse, validate, plan); best of 5."""
    best = math.inf
    for _ in range(PLAN_ROUNDS):
        engine = Engine(Supergraph.from_sdl(supergraph_sdl), profile_config("production").engine)
        request = GraphQLRequest(query.document, query.variables or None)
        started = time.perf_counter()
        engine.plan(request)
        best = min(best, time.perf_counter() - started)
        asyncio.run(engine.close())
    return best * 1000


def run_setting(
    setting: str,
    supergraph: Path,
    urls: dict[str, str],
    queries: list[Query],
    expected: dict[str, Any],
    options: Options,
) -> Iterator[tuple[Query, str, dict[str, Run]]]:
    # The real subgraphs answer a few requests a second and warm up (or fill their logs) as
    # they go: longer windows, taken ours, Apollo's, Apollo's, ours so a drift cancels out.
    # At 30 s (about 550 requests) the p99 ratio went from 0.63 to 1.18 between two runs.
    real = setting == "real"
    seconds = options.real_duration if real else options.duration
    order = [*GATEWAYS, *reversed(GATEWAYS)] if real else list(GATEWAYS)
    for query in queries:
        windows: dict[str, list[Run]] = {kind: [] for kind in GATEWAYS}
        for kind in order:
            windows[kind].append(
                measure(kind, supergraph, urls, query, expected[query.name], options, seconds)
            )
        yield query, setting, {kind: combined(runs) for kind, runs in windows.items()}


def combined(runs: list[Run]) -> Run:
    """One gateway's windows as one: totals summed, percentiles averaged, the highest RSS."""
    if len(runs) == 1:
        return runs[0]
    requests = sum(r.load.requests for r in runs)
    load = Load(
        requests=requests,
        seconds=sum(r.load.seconds for r in runs),
        errors=sum(r.load.errors for r in runs),
        p50_ms=sum(r.load.p50_ms for r in runs) / len(runs),
        p99_ms=sum(r.load.p99_ms for r in runs) / len(runs),
    )
    cpu_ms = sum(r.cpu_ms_per_request * r.load.requests for r in runs)
    return Run(load, cpu_ms / requests, max(r.peak_rss_mb for r in runs))


def benchmark(args: argparse.Namespace, options: Options, work: Path) -> list[Case]:
    selected = [QUERIES[name] for name in args.queries]
    measured: list[tuple[Query, str, dict[str, Run]]] = []
    sdl: dict[str, str] = {}
    urls_of: dict[str, list[str]] = {}

    test_queries = [q for q in selected if q.graph == "test"]
    if test_queries:
        from tests.gateway.bed import serve_subgraphs

        say("test subgraphs: recording, and comparing the answers of both gateways")
        sdl["test"] = TEST_SUPERGRAPH.read_text(encoding="utf-8")
        recording = work / "test-recording.json"
        with serve_subgraphs() as urls:
            urls_of["test"] = list(urls)
            expected = record_and_verify(TEST_SUPERGRAPH, urls, test_queries, options, recording)
        say("test subgraphs, static: measuring")
        with static_subgraphs("replay", str(recording), options.cores.others) as base:
            static = {name: f"{base}/{name}/graphql" for name in urls}
            measured += run_setting(
                "static", TEST_SUPERGRAPH, static, test_queries, expected, options
            )
            check_replay(base)

    agency_queries = [q for q in selected if q.graph == "agencies"]
    if agency_queries:
        data_dir = work / "data"
        data_dir.mkdir()
        say(f"agency subgraphs: tongban serve, seeding {args.people:,} people")
        with agency_subgraphs(data_dir, args.people, options.cores.others) as base:
            person, summary = richest_person(data_dir)
            say(f"  person {summary}")
            agency_queries = [replace(q, variables={"idNumber": person}) for q in agency_queries]
            urls = {d.name: f"{base}/subgraphs/{d.name}/graphql" for d in agency_definitions()}
            sdl["agencies"] = compose_agencies(urls)
            supergraph = work / "agencies.graphql"
            supergraph.write_text(sdl["agencies"], encoding="utf-8")
            recording = work / "agencies-recording.json"
            urls_of["agencies"] = list(urls)
            say("agency subgraphs: recording, and comparing the answers of both gateways")
            expected = record_and_verify(supergraph, urls, agency_queries, options, recording)
            say("agency subgraphs, real: measuring")
            measured += run_setting("real", supergraph, urls, agency_queries, expected, options)
        say("agency subgraphs, static: measuring")
        with static_subgraphs("replay", str(recording), options.cores.others) as base:
            static = {name: f"{base}/{name}/graphql" for name in urls}
            measured += run_setting("static", supergraph, static, agency_queries, expected, options)
            check_replay(base)

    say("cold planning and engine CPU, in-process")
    plans = {q.name: cold_plan_ms(sdl[q.graph], q) for q, _, _ in measured}
    engine = {
        q.name: engine_cpu_ms(
            sdl[q.graph],
            {name: f"http://replay/{name}/graphql" for name in urls_of[q.graph]},
            GraphQLRequest(q.document, q.variables or None),
            read_recording(work / f"{q.graph}-recording.json"),
            ENGINE_EXECUTES,
            cpu=int(options.cores.gateway) if options.cores.gateway else None,
        )
        for q, _, _ in measured
    }
    return [Case(q, s, runs, plans[q.name], engine[q.name]) for q, s, runs in measured]


def print_table(cases: list[Case], options: Options) -> None:
    def ratio(ours: float, theirs: float) -> str:
        return f"{ours / theirs:.2f}" if theirs else "-"

    pinning = (
        f"gateway on CPU {options.cores.gateway}, wrk and subgraphs on CPU {options.cores.others}"
        if options.cores.gateway
        else "no CPU pinning"
    )
    print(
        f"wrk: {options.connections} connections, {options.warmup:g} s warm-up, "
        f"{options.duration:g} s measured ({options.real_duration:g} s on the real subgraphs); "
        f"{pinning}; load average before/after: "
        f"{options.load_before} / {load_average()}"
    )
    print(
        f"{'query':<14}{'setting':<9}{'gateway':<13}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'CPU ms/req':>12}{'peak RSS MB':>13}{'cold plan ms':>14}{'engine ms':>11}"
    )
    figures: dict[str, Callable[[Run], float]] = {
        "throughput": lambda r: r.load.throughput,
        "p50": lambda r: r.load.p50_ms,
        "p99": lambda r: r.load.p99_ms,
        "cpu": lambda r: r.cpu_ms_per_request,
        "rss": lambda r: r.peak_rss_mb,
    }
    for case in cases:
        ours, theirs = case.runs["tongban"], case.runs["apollo"]
        for label, run in (("tongban", ours), ("apollo", theirs)):
            first = label == "tongban"
            ours_only = f"{case.plan_ms:>14.2f}{case.engine_ms:>11.3f}" if first else ""
            print(
                f"{case.query.name if first else '':<14}{case.setting if first else '':<9}"
                f"{label:<13}{run.load.throughput:>9,.0f}{run.load.p50_ms:>9.2f}"
                f"{run.load.p99_ms:>9.2f}{run.cpu_ms_per_request:>12.3f}"
                f"{run.peak_rss_mb:>13.0f}{ours_only}"
            )
        r = {name: ratio(get(ours), get(theirs)) for name, get in figures.items()}
        print(
            f"{'':<23}{'ours/apollo':<13}{r['throughput']:>9}{r['p50']:>9}{r['p99']:>9}"
            f"{r['cpu']:>12}{r['rss']:>13}"
        )
    print(
        "engine ms: our Engine.execute alone, CPU per request with the plan cached, in process, "
        "subgraph answers replayed from memory (no HTTP server or client)"
    )
    for line in verdicts(cases):
        print(line)


def verdicts(cases: list[Case]) -> list[str]:
    """Each target, met or not, over every measured case."""
    faster = [
        c for c in cases if c.runs["tongban"].load.throughput >= c.runs["apollo"].load.throughput
    ]
    steadier = [c for c in cases if c.runs["tongban"].load.p99_ms <= c.runs["apollo"].load.p99_ms]
    six = [c for c in cases if c.query.name == "six-agency"]

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = [
        f"target throughput ratio >= 1: {met(len(faster) == len(cases))} "
        f"({len(faster)} of {len(cases)} cases)",
        f"target p99 ratio <= 1: {met(len(steadier) == len(cases))} "
        f"({len(steadier)} of {len(cases)} cases)",
    ]
    if six:
        engine = six[0].engine_ms
        process = ", ".join(f"{c.setting} {c.runs['tongban'].cpu_ms_per_request:.2f}" for c in six)
        lines.append(
            f"target < 1 ms gateway CPU per six-agency request (plan cached): engine "
            f"{engine:.3f} ms, {met(engine < 1)}; whole process incl. HTTP server and client: "
            f"{process} ms"
        )
    return lines


def main() -> None:
    """Measure every selected query on its settings with both gateways; print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds")
    parser.add_argument(
        "--real-duration", type=float, default=60.0, help="measured seconds, real subgraphs"
    )
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument(
        "--queries", nargs="+", choices=list(QUERIES), default=list(QUERIES), metavar="QUERY"
    )
    parser.add_argument("--people", type=int, default=3_000, help="demo population")
    parser.add_argument("--no-pin", action="store_true", help="do not pin CPUs with taskset")
    args = parser.parse_args()
    check_prerequisites()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-gateway-") as directory:
        work = Path(directory)
        scripts = work / "wrk"
        scripts.mkdir()
        options = Options(
            duration=args.duration,
            real_duration=args.real_duration,
            warmup=args.warmup,
            connections=args.connections,
            cores=Cores.pick(not args.no_pin),
            scripts=scripts,
            load_before=load_average(),
        )
        cases = benchmark(args, options, work)
    say(f"done in {time.monotonic() - started:.0f} s")
    print_table(cases, options)


if __name__ == "__main__":
    main()
