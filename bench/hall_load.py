"""The hall benchmark's load: citizens submitting, the hall's tables watched, bare queries.

Submissions go through the gateway with the portal's persisted operation, each citizen with
their own token. Progress is watched in the hall's own database (hall.application), polled
every `interval` seconds: the first time a poll sees an application past a state is when it
got there, within one interval.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import func, select

from bench.hall_people import Applicant
from bench.hall_tokens import headers
from hall.models import Application, Job
from subgraph.database import Database
from web.citizen_operations import CITIZEN_SUBMIT_APPLICATION


@dataclass(frozen=True)
class Submission:
    """One submit call: the application it made, when it started (epoch s), how long it took."""

    number: str
    started: float
    seconds: float


@dataclass(frozen=True)
class Load:
    """Calls made at a concurrency: their wall time and each call's latency."""

    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        """Calls per second."""
        return len(self.latencies) / self.seconds


async def concurrently(
    count: int, concurrency: int, call: Callable[[int], Any]
) -> tuple[float, list[Any]]:
    """Await call(0..count-1) from `concurrency` tasks; the wall time and results in order."""
    results: list[Any] = [None] * count
    pending = iter(range(count))

    async def worker() -> None:
        for index in pending:
            results[index] = await call(index)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, results


async def submit_all(
    client: httpx.AsyncClient,
    applicants: Sequence[Applicant],
    tokens: dict[str, str],
    concurrency: int,
    *,
    numbers: set[str] | None = None,
) -> tuple[float, list[Submission]]:
    """Each applicant's citizen submits once; the wall time and every submission.

    Each new application's number is added to `numbers` as soon as its call returns.
    """

    async def submit(index: int) -> Submission:
        applicant = applicants[index]
        body = {
            "query": CITIZEN_SUBMIT_APPLICATION,
            "variables": {"application": applicant.application(uuid.uuid4().hex)},
        }
        started, clock = time.time(), time.perf_counter()
        answer = await client.post(
            "/graphql", json=body, headers=headers(tokens[applicant.citizen])
        )
        seconds = time.perf_counter() - clock
        payload = answer.json() if answer.status_code == 200 else None
        application = ((payload or {}).get("data") or {}).get("submitApplication") or {}
        if (payload or {}).get("errors") or not application:
            raise SystemExit(f"bench.hall: {applicant} could not submit: {answer.text[:600]}")
        number = application["application"]["number"]
        if numbers is not None:
            numbers.add(number)
        return Submission(number, started, seconds)

    return await concurrently(len(applicants), concurrency, submit)


async def watch(
    hall: Database,
    numbers: Collection[str],
    reached: Collection[str],
    *,
    total: int | None = None,
    interval: float,
) -> dict[str, float]:
    """Poll until `total` (default: all) of `numbers` are in a `reached` state; when each was
    first seen there (epoch s). `numbers` may grow while this waits."""
    expected = len(numbers) if total is None else total
    seen: dict[str, float] = {}
    while len(seen) < expected:
        pending = [number for number in numbers if number not in seen]
        if pending:
            async with hall.sessions() as session:
                rows = await session.scalars(
                    select(Application.number).where(
                        Application.number.in_(pending), Application.state.in_(reached)
                    )
                )
                now = time.time()
                seen.update((number, now) for number in rows)
        if len(seen) >= expected:
            break
        await asyncio.sleep(interval)
    return seen


async def retried(hall: Database, numbers: Collection[str]) -> int:
    """How many of these applications' jobs failed at least once (and were tried again)."""
    async with hall.sessions() as session:
        count = await session.scalar(
            select(func.count()).where(Job.key.in_(numbers), Job.attempts > 0)
        )
        return int(count or 0)


async def stored(hall: Database, numbers: Collection[str]) -> list[Application]:
    """The applications as the hall stored them."""
    async with hall.sessions() as session:
        rows = await session.scalars(select(Application).where(Application.number.in_(numbers)))
        return list(rows)


async def query_all(
    client: httpx.AsyncClient,
    requests: Sequence[tuple[dict[str, Any], dict[str, str]]],
    concurrency: int,
) -> Load:
    """POST each (body, headers) to the gateway; every answer must have data and no errors."""

    async def ask(index: int) -> float:
        body, sent = requests[index]
        clock = time.perf_counter()
        answer = await client.post("/graphql", json=body, headers=sent)
        seconds = time.perf_counter() - clock
        payload = answer.json() if answer.status_code == 200 else {}
        if payload.get("errors") or not payload.get("data"):
            raise SystemExit(f"bench.hall: the bare query failed: {answer.text[:600]}")
        return seconds

    seconds, latencies = await concurrently(len(requests), concurrency, ask)
    return Load(seconds, latencies)
