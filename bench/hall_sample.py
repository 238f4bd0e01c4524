"""A sample of applications carried through to the end, one at a time, on an idle hall.

Each is submitted, verified by the hall worker, approved by the ethnic-affairs city officer
as soon as it is verified (a person would take longer: that time is not the platform's), then
executed (the police registration) and closed by the worker. Times are polled, as in
hall_load.watch; those refused by verification are counted, not approved.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from bench.hall_load import stored, submit_all, watch
from bench.hall_people import Applicant
from bench.hall_tokens import headers
from hall.states import State
from subgraph.database import Database

OFFICER = "ethnic_affairs.sanming.officer"
VERSION = """
query BenchApplicationVersion($number: String!) {
  application(number: $number) { version }
}
"""
APPROVE = """
mutation BenchApprove($number: String!, $version: Int!) {
  decideApplication(number: $number, expectedVersion: $version, approve: true, reason: "符合条件") {
    application { state }
  }
}
"""
PAST_ACCEPTED = [s.value for s in State if s not in (State.SUBMITTED, State.ACCEPTED)]
EXECUTED_OR_LATER = [State.EXECUTED.value, State.DELIVERED.value, State.CLOSED.value]


@dataclass(frozen=True)
class Carried:
    """Seconds from the submit call to VERIFIED, and from the approval to EXECUTED and CLOSED."""

    verified: float
    executed: float | None = None
    closed: float | None = None


async def approve(client: httpx.AsyncClient, token: str, number: str) -> None:
    """Approve as the officer of the accepting city bureau, on the version just read."""
    sent = headers(token, number)
    read = await client.post(
        "/graphql", json={"query": VERSION, "variables": {"number": number}}, headers=sent
    )
    version = read.json()["data"]["application"]["version"]
    decided = await client.post(
        "/graphql",
        json={"query": APPROVE, "variables": {"number": number, "version": version}},
        headers=sent,
    )
    body = decided.json()
    if body.get("errors") or body["data"]["decideApplication"]["application"]["state"] != (
        State.APPROVED.value
    ):
        raise SystemExit(f"bench.hall: the officer could not approve {number}: {decided.text}")


async def carry(
    client: httpx.AsyncClient,
    hall: Database,
    applicants: Sequence[Applicant],
    tokens: dict[str, str],
    *,
    interval: float,
) -> list[Carried]:
    """Carry each applicant's application as far as it goes; its times."""
    carried: list[Carried] = []
    for applicant in applicants:
        _, (submission,) = await submit_all(client, [applicant], tokens, 1)
        number = submission.number
        verified = await watch(hall, [number], PAST_ACCEPTED, interval=interval)
        (application,) = await stored(hall, [number])
        if not (application.verification or {}).get("eligible"):
            carried.append(Carried(verified[number] - submission.started))
            continue
        await approve(client, tokens[OFFICER], number)
        approved = time.time()
        executed = await watch(hall, [number], EXECUTED_OR_LATER, interval=interval)
        closed = await watch(hall, [number], [State.CLOSED.value], interval=interval)
        carried.append(
            Carried(
                verified[number] - submission.started,
                executed[number] - approved,
                closed[number] - approved,
            )
        )
    return carried
