"""Recorded subgraph answers, replayed in process: our engine's own CPU, no HTTP at all."""

from __future__ import annotations

import asyncio
import gc
import json
import math
import os
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from gateway.config import profile_config
from gateway.engine import Engine, GraphQLRequest
from gateway.executor.fetcher import SubgraphFetcher
from gateway.executor.transports import RawResponse
from gateway.supergraph import Supergraph

# (url path, request body) -> the recorded answer
Answers = dict[tuple[str, bytes], RawResponse]
WARMUP_EXECUTES = 200


class Replaying:
    """A subgraph transport answering recorded requests with their bytes."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        """The recorded answer (KeyError for a request that was not recorded)."""
        return self.answers[(urlsplit(url).path, body)]

    async def close(self) -> None:
        """Nothing to close."""


def read_recording(path: Path) -> Answers:
    """The answers static_subgraphs.mjs recorded ({"<path>\\n<body>": {status, body}})."""
    stored = json.loads(path.read_text(encoding="utf-8"))
    answers: Answers = {}
    for key, entry in stored.items():
        url_path, body = key.split("\n", 1)
        answers[(url_path, body.encode())] = RawResponse(entry["status"], entry["body"].encode())
    return answers


def replaying_engine(supergraph: Supergraph, answers: Answers) -> Engine:
    """A production-profile engine whose subgraphs are the recording."""
    config = profile_config("production").engine
    return Engine(
        supergraph,
        config,
        fetcher=SubgraphFetcher(config.fetcher, transport=Replaying(answers)),
    )


def engine_cpu_ms(
    sdl: str,
    urls: Mapping[str, str],
    request: GraphQLRequest,
    answers: Answers,
    executes: int,
    *,
    rounds: int = 3,
    cpu: int | None = None,
) -> float:
    """CPU milliseconds per `Engine.execute` of `request`, plan cached: the best of `rounds`.

    What is loaded is frozen out of the cyclic collector first, as `tongban gateway` does;
    with `cpu`, this process runs on that CPU alone meanwhile, as the gateway under test does.
    Other work on the machine can only add time, so the best round is the engine's own.
    """
    engine = replaying_engine(Supergraph.from_sdl(sdl).with_urls(dict(urls)), answers)
    affinity = os.sched_getaffinity(0)
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    gc.collect()
    gc.freeze()

    async def run() -> float:
        try:
            first = await engine.execute(request)
            if first.body.get("errors") or not first.body.get("data"):
                raise SystemExit(f"bench.gateway: the replayed answer failed: {first.body}")
            for _ in range(WARMUP_EXECUTES):
                await engine.execute(request)
            best = math.inf
            for _ in range(rounds):
                started = time.process_time()
                for _ in range(executes):
                    await engine.execute(request)
                best = min(best, (time.process_time() - started) * 1000 / executes)
            return best
        finally:
            await engine.close()

    try:
        return asyncio.run(run())
    finally:
        gc.unfreeze()
        os.sched_setaffinity(0, affinity)
