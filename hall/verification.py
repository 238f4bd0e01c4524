"""Automatic verification: one federated query per application, its checks stored with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue import service_of
from hall.models import Application
from hall.states import State
from hall.times import beijing_day
from hall.verifiers import VERIFIERS
from hall.verifiers.base import Check, Subject
from hall.workflow import HALL_SYSTEM, move


class VerificationIncomplete(Exception):
    """Some records could not be read (a subgraph down, say): verify again later."""


class Gateway(Protocol):
    """What verification needs of the gateway client."""

    async def execute(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """Run one operation for an application's case."""
        ...


def subject_of(application: Application) -> Subject:
    """What a verifier (and later the executor) is told of an application."""
    decided = application.decided_at
    return Subject(
        number=application.number,
        applicant_id=application.applicant_id,
        subject_id=application.subject_id,
        details=application.details,
        submitted_on=beijing_day(application.submitted_at),
        facts=dict((application.verification or {}).get("facts") or {}),
        decided_on=None if decided is None else beijing_day(decided),
    )


def outcome(
    checks: list[Check], errors: list[dict[str, Any]], facts: dict[str, Any]
) -> dict[str, Any]:
    """The stored verification: every check, whether all required ones passed, the facts."""
    return {
        "eligible": all(check.passed for check in checks if check.required) and not errors,
        "checks": [check.as_json() for check in checks],
        "facts": facts,
        "errors": [
            {"message": str(e.get("message", ""))[:300], "path": e.get("path")} for e in errors
        ],
    }


async def verify(
    *,
    session: AsyncSession,
    gateway: Gateway,
    number: str,
    clock: Callable[[], datetime],
    final: bool = False,
) -> bool:
    """Verify an accepted application and move it to VERIFIED; False if it needs none now.

    An answer with errors raises VerificationIncomplete, to be tried again, unless `final`:
    then the errors are stored with the checks and the application is not eligible.
    """
    application = await session.get(Application, number)
    if application is None or application.state != State.ACCEPTED.value:
        return False
    verifier = VERIFIERS[application.service_code]
    subject = subject_of(application)
    # The network call happens outside any open transaction of ours.
    await session.commit()
    body = await gateway.execute(
        verifier.document, verifier.variables(subject), case=application.number
    )
    errors = list(body.get("errors") or ())
    if errors and not final:
        raise VerificationIncomplete(str(errors[0].get("message", ""))[:300])
    data = body.get("data") or {}
    checks = verifier.checks(subject, data)
    application = await session.get(Application, number, populate_existing=True)
    if application is None or application.state != State.ACCEPTED.value:
        return False
    application.verification = outcome(checks, errors, verifier.facts(subject, data))
    # Stamped once the answer is in: the time to a verified application includes the query.
    now = clock()
    application.verified_at = now
    service = service_of(application.service_code)
    move(
        session,
        application,
        State.VERIFIED,
        actor=HALL_SYSTEM,
        now=now,
        service_name=service.name.zh if service else "",
    )
    await session.commit()
    return True
