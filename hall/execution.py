"""Executing an approved application in the owning agencies, exactly once.

Each service's execution is a list of steps, each one mutation through the gateway that the
agency applies at most once per application number (its idempotency key). The hall records
each step's answer on the application as it goes; after a crash the job runs again, skips the
steps it recorded, and repeats at most the one it was in, which the agency answers as a replay.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue import service_of
from hall.executors import EXECUTORS, Step, StepFailed
from hall.fee_orders import fee_settled
from hall.models import Application
from hall.states import State
from hall.verification import Gateway, subject_of
from hall.workflow import HALL_SYSTEM, move

# Errors a retry cannot cure: the call itself is refused or malformed.
FINAL_CODES = frozenset({"FORBIDDEN", "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"})


def _payload(body: dict[str, Any], step: Step) -> dict[str, Any]:
    payload = (body.get("data") or {}).get(step.field)
    if not isinstance(payload, dict):
        errors = body.get("errors") or [{"message": "no answer"}]
        codes = {(error.get("extensions") or {}).get("code") for error in errors}
        message = str(errors[0].get("message", ""))[:300]
        raise StepFailed(step.name, message, retry=not codes & FINAL_CODES)
    error = payload.get("error")
    if error:
        raise StepFailed(step.name, f"{error.get('code')}: {error.get('message')}", retry=False)
    return payload


async def execute(*, session: AsyncSession, gateway: Gateway, number: str, now: datetime) -> bool:
    """Run the remaining steps of an approved application; False if it is not approved, or
    its fee is not paid yet."""
    application = await session.get(Application, number)
    if application is None or application.state != State.APPROVED.value:
        return False
    if not await fee_settled(session, number):
        return False  # the payment's confirmation queues this job again
    subject = subject_of(application)
    done: dict[str, Any] = dict(application.execution or {})
    await session.commit()
    for step in EXECUTORS.get(application.service_code, ()):
        if step.name in done:
            continue
        body = await gateway.execute(
            step.document, step.variables(subject, done), case=application.number
        )
        done[step.name] = _payload(body, step)
        application = await session.get(Application, number, populate_existing=True)
        if application is None or application.state != State.APPROVED.value:
            return False
        application.execution = {**done}
        await session.commit()
    application = await session.get(Application, number, populate_existing=True)
    if application is None or application.state != State.APPROVED.value:
        return False
    service = service_of(application.service_code)
    move(
        session,
        application,
        State.EXECUTED,
        actor=HALL_SYSTEM,
        now=now,
        service_name=service.name.zh if service else "",
    )
    await session.commit()
    return True
