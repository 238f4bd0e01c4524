"""Aggregates of the hall's applications, computed in SQL within the caller's jurisdiction.

Every aggregate runs over the applications a `Window` selects (a region, optionally a span of
submission days) and the caller's `scope_filter`; ratings and flags are counted through
their application. Percentiles are nearest-rank: the value at rank ceil(p * n).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from authz.scope import region_prefix
from hall.models import Application
from hall.service_models import Rating, SupervisionFlag
from hall.states import OPEN


@dataclass(frozen=True, kw_only=True)
class Window:
    """Which applications count: a region (and below), submitted within [since, before)."""

    region_code: str
    since: datetime | None = None
    before: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """The window as WHERE conditions on applications."""
        found: list[ColumnElement[bool]] = [
            Application.region_code.like(region_prefix(self.region_code) + "%")
        ]
        if self.since is not None:
            found.append(Application.submitted_at >= self.since)
        if self.before is not None:
            found.append(Application.submitted_at < self.before)
        return found


@dataclass(frozen=True, kw_only=True)
class DecisionTimes:
    """How long deciding took, in hours from submission: how many, median, 90th percentile."""

    decided: int
    median_hours: float | None
    p90_hours: float | None


def _applications(window: Window, scope_filter: ColumnElement[bool], *columns: Any) -> Select[Any]:
    return select(*columns).select_from(Application).where(scope_filter, *window.conditions())


async def applicants(
    *, session: AsyncSession, window: Window, scope_filter: ColumnElement[bool]
) -> int:
    """How many different citizens filed applications."""
    statement = _applications(window, scope_filter, func.count(distinct(Application.applicant_id)))
    return int(await session.scalar(statement) or 0)


async def counts_by(
    *,
    session: AsyncSession,
    window: Window,
    scope_filter: ColumnElement[bool],
    columns: tuple[Any, ...],
) -> list[tuple[Any, ...]]:
    """How many applications per value of `columns` (say, service code), in that order."""
    statement = (
        _applications(window, scope_filter, *columns, func.count())
        .group_by(*columns)
        .order_by(*columns)
    )
    return [tuple(row) for row in await session.execute(statement)]


async def decision_times(
    *, session: AsyncSession, window: Window, scope_filter: ColumnElement[bool]
) -> DecisionTimes:
    """Median and 90th percentile of the hours from submission to decision (nearest rank)."""
    hours = _hours(session, Application.submitted_at, Application.decided_at).label("hours")
    ranked = (
        _applications(
            window,
            scope_filter,
            hours,
            func.row_number().over(order_by=hours).label("rank"),
            func.count().over().label("total"),
        )
        .where(Application.decided_at.is_not(None))
        .subquery()
    )
    statement = select(
        func.max(ranked.c.total),
        func.max(case((ranked.c.rank == (ranked.c.total + 1) // 2, ranked.c.hours))),
        func.max(case((ranked.c.rank == (ranked.c.total * 9 + 9) // 10, ranked.c.hours))),
    )
    total, median, p90 = (await session.execute(statement)).one()
    return DecisionTimes(
        decided=int(total or 0), median_hours=_round(median), p90_hours=_round(p90)
    )


async def overdue(
    *, session: AsyncSession, window: Window, scope_filter: ColumnElement[bool], today: date
) -> tuple[int, int]:
    """(open applications past their promised day now, applications ever escalated as late)."""
    is_open = Application.state.in_([state.value for state in OPEN])
    statement = _applications(
        window,
        scope_filter,
        func.sum(case((is_open & (Application.promised_on < today), 1), else_=0)),
        func.sum(case((Application.escalated_at.is_not(None), 1), else_=0)),
    )
    late, escalated = (await session.execute(statement)).one()
    return int(late or 0), int(escalated or 0)


async def satisfaction(
    *, session: AsyncSession, window: Window, scope_filter: ColumnElement[bool]
) -> tuple[int, float | None]:
    """(ratings given, their average stars rounded to 0.01; None without ratings)."""
    statement = _applications(
        window, scope_filter, func.count(Rating.application_number), func.avg(Rating.stars)
    ).join(Rating, Rating.application_number == Application.number)
    count, average = (await session.execute(statement)).one()
    return int(count or 0), None if average is None else round(float(average), 2)


async def flags_by(
    *, session: AsyncSession, window: Window, scope_filter: ColumnElement[bool]
) -> list[tuple[str, str, int]]:
    """How many supervision flags per (kind, state)."""
    kind, state = SupervisionFlag.kind, SupervisionFlag.state
    statement = (
        _applications(window, scope_filter, kind, state, func.count())
        .join(SupervisionFlag, SupervisionFlag.application_number == Application.number)
        .group_by(kind, state)
        .order_by(kind, state)
    )
    return [(row[0], row[1], int(row[2])) for row in await session.execute(statement)]


def _hours(session: AsyncSession, start: Any, end: Any) -> ColumnElement[Any]:
    """Hours between two instants, in the session's SQL dialect."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 24
    return func.extract("epoch", end - start) / 3600


def _round(hours: Any) -> float | None:
    return None if hours is None else round(float(hours), 1)
