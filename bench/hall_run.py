"""One measured run on a served hall: warm-up, the submissions, the bare baseline, the sample."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import MetaData

from agencies.population.generator import today_in_sanming
from bench.gateway.servers import HOST
from bench.hall_load import Load, Submission, query_all, retried, stored, submit_all, watch
from bench.hall_people import Applicant, candidates, split
from bench.hall_sample import OFFICER, PAST_ACCEPTED, Carried, carry
from bench.hall_tokens import account_tokens, headers, system_token
from hall.models import Application, Base
from hall.verification import subject_of
from hall.verifiers import VERIFIERS
from subgraph.database import Database
from subgraph.settings import SubgraphSettings
from tongban.agencies import definition_of


@dataclass(frozen=True)
class Picked:
    """The applicants of a run: the sample, the warm-up and the measured ones."""

    sample: list[Applicant]
    warm: list[Applicant]
    measured: list[Applicant]


@dataclass(frozen=True)
class Measured:
    """What one run measured."""

    submit_seconds: float
    submissions: list[Submission]
    seen: dict[str, float]
    applications: list[Application]
    retried: int
    bare_serial: Load
    bare_concurrent: Load
    carried: list[Carried]


def say(message: str) -> None:
    """Progress, on stderr."""
    print(message, file=sys.stderr, flush=True)


def database(env: Mapping[str, str], name: str, metadata: MetaData) -> Database:
    """A plain connection to a subgraph's database, for reading (no write lock on SQLite)."""
    settings = SubgraphSettings.from_env(name, env)
    return Database(url=settings.database_url, metadata=metadata, schema=settings.database_schema)


async def pick(env: Mapping[str, str], sample: int, warmup: int, measured: int) -> Picked:
    """The applicants, from the seeded police register."""
    police = database(env, "police", definition_of("police").metadata)
    try:
        found = await candidates(police, today_in_sanming())
    finally:
        await police.dispose()
    return Picked(*split(found, sample, warmup, measured))


def bare_request(application: Application, token: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The verification query the worker sent for an application, as the hall system sends it."""
    verifier = VERIFIERS[application.service_code]
    body = {"query": verifier.document, "variables": verifier.variables(subject_of(application))}
    return body, headers(token, application.number)


async def measure(
    env: Mapping[str, str], port: int, picked: Picked, args: argparse.Namespace, serial: int
) -> Measured:
    """Run everything on the hall served at `port`; `serial` is its verification concurrency."""
    hall = database(env, "hall", Base.metadata)
    limits = httpx.Limits(max_connections=args.concurrency + 4)
    poll = {"interval": args.poll}
    try:
        async with httpx.AsyncClient(
            base_url=f"http://{HOST}:{port}", timeout=120.0, limits=limits
        ) as client:
            say("  minting access tokens")
            everyone = [*picked.sample, *picked.warm, *picked.measured]
            tokens = await account_tokens(env, [*(a.citizen for a in everyone), OFFICER])
            say(f"  warm-up: {len(picked.warm)} applications")
            _, done = await submit_all(client, picked.warm, tokens, args.concurrency)
            await watch(hall, [s.number for s in done], PAST_ACCEPTED, **poll)
            say(f"  measured: {len(picked.measured)} applications at {args.concurrency}")
            numbers: set[str] = set()
            watcher = asyncio.create_task(
                watch(hall, numbers, PAST_ACCEPTED, total=len(picked.measured), **poll)
            )
            submit_seconds, submissions = await submit_all(
                client, picked.measured, tokens, args.concurrency, numbers=numbers
            )
            seen = await watcher
            applications = await stored(hall, numbers)
            retries = await retried(hall, numbers)
            say("  bare verification queries")
            system = await system_token(client, env)
            requests = [bare_request(a, system) for a in applications]
            await query_all(client, requests[: args.warmup], serial)
            bare_serial = await query_all(client, requests, serial)
            bare_concurrent = await query_all(client, requests, args.concurrency)
            say(f"  sample: {len(picked.sample)} applications carried one at a time")
            carried = await carry(client, hall, picked.sample, tokens, **poll)
    finally:
        await hall.dispose()
    return Measured(
        submit_seconds,
        submissions,
        seen,
        applications,
        retries,
        bare_serial,
        bare_concurrent,
        carried,
    )
