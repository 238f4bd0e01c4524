"""Why the gateway calls subgraphs with aiohttp: CPU per subgraph call, httpx against ours.

One static subgraph (static_subgraphs.mjs replaying one answer) on one CPU; in this
process, pinned to the other CPU, the same POST sent `--calls` times at each concurrency
through an httpx.AsyncClient (httpcore pool) and through the gateway's `PooledTransport`
(aiohttp), each with a pool of `--pool` connections, on uvloop as under uvicorn. Printed:
calls per second and CPU microseconds per call (user + sys of this process), and the ratio.

    python -m bench.gateway.clients [--calls 5000] [--pool 8] [--concurrency 4 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import orjson
import uvloop

from bench.gateway.servers import Cores, static_subgraphs
from gateway.executor.fetcher import FetcherConfig
from gateway.executor.transports import PooledTransport

PATH = "/products/graphql"
BODY = orjson.dumps({"query": "{ topProducts { upc name price } }", "variables": {}})
PRODUCTS = [{"upc": str(n), "name": f"Product {n}", "price": n} for n in range(5)]
ANSWER = orjson.dumps({"data": {"topProducts": PRODUCTS}})
HEADERS = {"content-type": "application/json", "accept": "application/json"}
WARMUP_CALLS = 300

Call = Callable[[], Awaitable[bytes]]
Figures = tuple[float, float]


async def measure(call: Call, calls: int, concurrency: int) -> Figures:
    """(calls per second, CPU microseconds per call) over `calls` calls."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            if await call() != ANSWER:
                raise SystemExit("bench.gateway.clients: unexpected answer")

    for _ in range(WARMUP_CALLS):
        await one()
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one() for _ in range(calls)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return calls / wall, cpu / calls * 1e6


async def through_httpx(url: str, args: argparse.Namespace, concurrency: int) -> Figures:
    """An httpx.AsyncClient with its default (httpcore) transport."""
    limits = httpx.Limits(max_connections=args.pool, max_keepalive_connections=args.pool)
    async with httpx.AsyncClient(limits=limits) as client:

        async def call() -> bytes:
            return (await client.post(url, content=BODY, headers=HEADERS)).content

        return await measure(call, args.calls, concurrency)


async def through_aiohttp(url: str, args: argparse.Namespace, concurrency: int) -> Figures:
    """The gateway's own subgraph transport."""
    pooled = PooledTransport(
        connections_per_subgraph=args.pool,
        max_response_bytes=FetcherConfig().max_response_bytes,
    )

    async def call() -> bytes:
        return (await pooled.post(url, BODY, HEADERS)).body

    try:
        return await measure(call, args.calls, concurrency)
    finally:
        await pooled.close()


async def compare(url: str, args: argparse.Namespace) -> None:
    for concurrency in args.concurrency:
        httpx_rate, httpx_cpu = await through_httpx(url, args, concurrency)
        ours_rate, ours_cpu = await through_aiohttp(url, args, concurrency)
        print(
            f"concurrency {concurrency:>3}  httpx {httpx_rate:>7,.0f} calls/s {httpx_cpu:>6,.0f} "
            f"CPU us/call   aiohttp {ours_rate:>7,.0f} calls/s {ours_cpu:>6,.0f} CPU us/call   "
            f"aiohttp/httpx CPU {ours_cpu / httpx_cpu:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--pool", type=int, default=8)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4, 16])
    args = parser.parse_args()
    cores = Cores.pick(True)
    with tempfile.TemporaryDirectory() as directory:
        recording = Path(directory) / "recording.json"
        key = f"{PATH}\n{BODY.decode()}"
        entry = {"status": 200, "contentType": "application/json", "body": ANSWER.decode()}
        recording.write_text(json.dumps({key: entry}), encoding="utf-8")
        with static_subgraphs("replay", str(recording), cores.others) as base:
            if cores.gateway is not None:
                os.sched_setaffinity(0, {int(cores.gateway)})
            print(f"one static subgraph; this process on CPU {cores.gateway}, pool {args.pool}")
            uvloop.run(compare(base + PATH, args))


if __name__ == "__main__":
    main()
