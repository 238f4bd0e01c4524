"""The hall's lookups and staff decisions: lists filtered by jurisdiction, decisions in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from hall.catalogue import service_of
from hall.models import Application, Transition, Urging
from hall.queue_order import ApplicationOrder, fetch_ordered
from hall.states import OPEN, State
from hall.workflow import StepActor, StepRefused, move
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo

MAX_REASON = 2_000


class StaleApplication(BadUserInput):
    """The application changed since the caller read it (optimistic concurrency)."""

    def __init__(self, number: str, version: int) -> None:
        super().__init__(
            f"application {number} changed since you read it (now version {version}); "
            "reload it and decide again"
        )


@dataclass(frozen=True, kw_only=True)
class UnitLoad:
    """One unit's open and overdue applications."""

    agency: str
    unit_code: str
    open: int
    overdue: int


async def list_applications(
    *,
    session: AsyncSession,
    state: State | None,
    service_code: str | None,
    overdue_on: date | None,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
    open_only: bool = False,
    order: ApplicationOrder = ApplicationOrder.NUMBER,
) -> tuple[Sequence[Application], PageInfo]:
    """List applications in the caller's jurisdiction, one page, by number or by deadline."""
    statement = select(Application).where(scope_filter)
    if open_only:
        statement = statement.where(Application.state.in_([s.value for s in OPEN]))
    if state is not None:
        statement = statement.where(Application.state == state.value)
    if service_code is not None:
        statement = statement.where(Application.service_code == service_code)
    if overdue_on is not None:
        statement = statement.where(
            Application.state.in_([s.value for s in OPEN]), Application.promised_on < overdue_on
        )
    return await fetch_ordered(session, statement, order=order, first=first, after=after)


async def applications_of(
    *, session: AsyncSession, person_id: str, scope_filter: ColumnElement[bool]
) -> Sequence[Application]:
    """Applications a person filed or is the subject of, in the caller's jurisdiction."""
    statement = (
        select(Application)
        .where(
            or_(Application.applicant_id == person_id, Application.subject_id == person_id),
            scope_filter,
        )
        .order_by(Application.number)
    )
    return (await session.scalars(statement)).all()


async def workload(
    *, session: AsyncSession, today: date, scope_filter: ColumnElement[bool]
) -> list[UnitLoad]:
    """Count open and overdue applications per unit in the caller's jurisdiction."""
    is_open = Application.state.in_([s.value for s in OPEN])
    statement = (
        select(
            Application.agency,
            Application.unit_code,
            func.count(),
            func.sum(case((Application.promised_on < today, 1), else_=0)),
        )
        .where(scope_filter, is_open)
        .group_by(Application.agency, Application.unit_code)
        .order_by(Application.agency, Application.unit_code)
    )
    rows = (await session.execute(statement)).all()
    return [
        UnitLoad(agency=agency, unit_code=unit, open=count, overdue=int(overdue or 0))
        for agency, unit, count, overdue in rows
    ]


async def transitions_of(*, session: AsyncSession, numbers: Sequence[str]) -> list[Transition]:
    """Every recorded step of the given applications, in order."""
    statement = (
        select(Transition).where(Transition.application_number.in_(numbers)).order_by(Transition.id)
    )
    return list((await session.scalars(statement)).all())


async def decide(
    *,
    session: AsyncSession,
    number: str,
    expected_version: int,
    approve: bool,
    reason: str | None,
    actor: StepActor,
    now: datetime,
) -> Application:
    """Approve or reject a verified application, if nobody decided since `expected_version`."""
    if not approve and not (reason and reason.strip()):
        raise BadUserInput("a rejection needs a written reason")
    if reason is not None and len(reason) > MAX_REASON:
        raise BadUserInput(f"the reason is longer than {MAX_REASON} characters")
    application = await _current(session, number, expected_version)
    if approve and not (application.verification or {}).get("eligible"):
        raise BadUserInput(
            f"application {number} did not pass its verification: reject it with written reasons"
        )
    service = service_of(application.service_code)
    try:
        move(
            session,
            application,
            State.APPROVED if approve else State.REJECTED,
            actor=actor,
            now=now,
            reason=reason,
            service_name=service.name.zh if service else "",
        )
    except StepRefused as refused:
        raise BadUserInput(str(refused)) from None
    application.decision_reason = reason
    application.decided_at = now
    try:
        await session.commit()
    except StaleDataError:
        # Another decision committed between our read and our write.
        await session.rollback()
        raise StaleApplication(number, expected_version + 1) from None
    return application


async def urge(
    *, session: AsyncSession, number: str, message: str, actor: StepActor, now: datetime
) -> Urging:
    """Record a supervisor's urging of an open application and notify the responsible unit."""
    if not message.strip() or len(message) > MAX_REASON:
        raise BadUserInput(f"an urging needs a message of 1 to {MAX_REASON} characters")
    application = await session.get(Application, number)
    if application is None:
        raise BadUserInput(f"no application {number}")
    if State(application.state) not in OPEN:
        raise BadUserInput(f"application {number} is {application.state}: nothing to urge")
    urging = Urging(
        application_number=number,
        by_subject=actor.subject,
        by_unit=actor.unit,
        to_unit=application.unit_code,
        at=now,
        message=message,
        automatic=False,
    )
    session.add(urging)
    await session.commit()
    return urging


async def _current(session: AsyncSession, number: str, expected_version: int) -> Application:
    application = await session.get(Application, number, populate_existing=True)
    if application is None:
        raise BadUserInput(f"no application {number}")
    if application.version != expected_version:
        raise StaleApplication(number, application.version)
    return application
