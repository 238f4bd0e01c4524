"""Submitting an application: idempotent, accepted at once by the final-approving unit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hall.acceptance import on_accepted
from hall.calendar import WorkingCalendar
from hall.catalogue_model import Service, UnitLevel
from hall.deadlines import deadline
from hall.models import Application, Transition
from hall.states import State
from hall.times import beijing_day, record_number
from hall.workflow import HALL_SYSTEM, move
from subgraph.errors import BadUserInput
from subgraph.idnumber import region_code_of
from subgraph.units import CITY_REGION, bureau_code

MAX_KEY_LENGTH = 64


@dataclass(frozen=True)
class Submitted:
    """The application a submission made, or found when its key was used before."""

    application: Application
    replayed: bool


def request_digest(service: str, subject: str, details: dict[str, Any], delivery: str) -> str:
    """The fingerprint of what was asked, to tell a retry from a key reused for another ask."""
    payload = orjson.dumps(
        {"service": service, "subject": subject, "details": details, "delivery": delivery},
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(payload).hexdigest()


def accepting_unit(service: Service, region: str, details: dict[str, Any]) -> tuple[str, str]:
    """The (agency, unit code) that accepts and finally approves the service.

    The unit is the agency's city bureau, or the county bureau of the subject's county (or of
    the county a form field names, such as a transfer's destination). Station-level services
    go to the county bureau, which routes them to the station.
    """
    accepting = service.accepting
    agency = accepting.agency.value
    if accepting.level is UnitLevel.CITY:
        return agency, bureau_code(agency, CITY_REGION)
    if accepting.region_field is not None:
        region = str(details.get(accepting.region_field) or region)
    return agency, bureau_code(agency, region)


async def submit(
    *,
    session: AsyncSession,
    service: Service,
    calendar: WorkingCalendar,
    applicant_id: str,
    subject_id: str,
    details: dict[str, Any],
    delivery: str,
    idempotency_key: str,
    now: datetime,
) -> Submitted:
    """File an application and accept it at once; a repeated key returns the first one."""
    if not 8 <= len(idempotency_key) <= MAX_KEY_LENGTH:
        raise BadUserInput(f"idempotencyKey must be 8 to {MAX_KEY_LENGTH} characters")
    digest = request_digest(service.code, subject_id, details, delivery)
    earlier = await _by_key(session, applicant_id, idempotency_key)
    if earlier is not None:
        return _replay(earlier, digest)
    region = region_code_of(subject_id)
    if region is None:
        raise BadUserInput("the subject's ID number carries no region code")
    agency, unit = accepting_unit(service, region, details)
    today = beijing_day(now)
    promised = deadline(calendar, today, service.time_limit.promised_days)
    legal = deadline(calendar, today, service.time_limit.legal_days)
    application = Application(
        number=record_number("SQ", now),
        service_code=service.code,
        applicant_id=applicant_id,
        subject_id=subject_id,
        idempotency_key=idempotency_key,
        request_digest=digest,
        details=details,
        delivery=delivery,
        state=State.SUBMITTED.value,
        agency=agency,
        unit_code=unit,
        region_code=region,
        submitted_at=now,
        promised_on=promised.day,
        legal_on=legal.day,
        deadlines_provisional=promised.provisional or legal.provisional,
    )
    session.add(application)
    session.add(
        Transition(
            application_number=application.number,
            from_state=None,
            to_state=State.SUBMITTED.value,
            actor_subject=applicant_id,
            actor_kind="CITIZEN",
            at=now,
        )
    )
    move(
        session,
        application,
        State.ACCEPTED,
        actor=HALL_SYSTEM,
        now=now,
        reason=f"顶级受理：由最后审批单位 {unit} 直接受理",
        service_name=service.name.zh,
    )
    on_accepted(session, application, service, now=now)
    try:
        await session.commit()
    except IntegrityError:
        # The same key, submitted at the same moment by a double click: the other one won.
        await session.rollback()
        earlier = await _by_key(session, applicant_id, idempotency_key)
        if earlier is None:
            raise
        return _replay(earlier, digest)
    return Submitted(application, replayed=False)


async def _by_key(session: AsyncSession, applicant_id: str, key: str) -> Application | None:
    statement = select(Application).where(
        Application.applicant_id == applicant_id, Application.idempotency_key == key
    )
    found: Application | None = await session.scalar(statement)
    return found


def _replay(earlier: Application, digest: str) -> Submitted:
    if earlier.request_digest != digest:
        raise BadUserInput(
            "this idempotencyKey was used for a different application; use a new key"
        )
    return Submitted(earlier, replayed=True)
