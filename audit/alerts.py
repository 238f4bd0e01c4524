"""Anomaly alerts over a window of the access log: the patterns an auditor must look at."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from audit.models import AccessEntry, AccessSubject

CHINA = ZoneInfo("Asia/Shanghai")
OFFICIALS = ("STAFF", "SUPERVISOR")


@dataclass(frozen=True, kw_only=True)
class AlertThresholds:
    """When a pattern becomes an alert."""

    mass_access_min_subjects: int = 50  # never alert below this many people read
    mass_access_peer_factor: float = 5.0  # ... nor below this multiple of the peers' median
    working_hours: tuple[int, int] = (8, 19)  # local time, weekdays
    repeated_denials: int = 5


@dataclass(frozen=True, kw_only=True)
class Alert:
    """One actor's suspicious pattern in the window, with the entries that show it."""

    kind: str  # MASS_ACCESS, OFF_HOURS, NO_CASE, REPEATED_DENIALS
    actor: str
    agency: str | None
    count: int
    first_seq: int
    last_seq: int
    detail: str


async def detect_alerts(
    *,
    session: AsyncSession,
    since: datetime,
    until: datetime,
    thresholds: AlertThresholds | None = None,
) -> list[Alert]:
    """Return every alert of the window, by kind and then actor."""
    limits = thresholds or AlertThresholds()
    window = (AccessEntry.recorded_at >= since, AccessEntry.recorded_at < until)
    official = func.upper(AccessEntry.actor_kind).in_(OFFICIALS)
    alerts = [
        *await _mass_access(session, window, official, limits),
        *await _off_hours(session, window, official, limits),
        *await _grouped(
            session,
            "NO_CASE",
            (
                *window,
                official,
                AccessEntry.purpose == "CASE_INVESTIGATION",
                AccessEntry.case_ref.is_(None),
            ),
            lambda n: f"{n} reads for a case investigation without naming the case",
            1,
        ),
        *await _grouped(
            session,
            "REPEATED_DENIALS",
            (*window, AccessEntry.decision == "DENY"),
            lambda n: f"{n} refused reads",
            limits.repeated_denials,
        ),
    ]
    return sorted(alerts, key=lambda a: (a.kind, a.actor))


async def _mass_access(
    session: AsyncSession,
    window: tuple[ColumnElement[bool], ...],
    official: ColumnElement[bool],
    limits: AlertThresholds,
) -> list[Alert]:
    rows = (
        await session.execute(
            select(
                AccessEntry.actor,
                AccessEntry.agency,
                func.count(distinct(AccessSubject.subject)),
                func.min(AccessEntry.seq),
                func.max(AccessEntry.seq),
            )
            .join(AccessSubject, AccessSubject.seq == AccessEntry.seq)
            .where(*window, official)
            .group_by(AccessEntry.actor, AccessEntry.agency)
        )
    ).all()
    by_agency: dict[str | None, list[int]] = defaultdict(list)
    for _, agency, subjects, _, _ in rows:
        by_agency[agency].append(subjects)
    alerts = []
    for actor, agency, subjects, first, last in rows:
        median = statistics.median(by_agency[agency])
        bar = max(limits.mass_access_min_subjects, limits.mass_access_peer_factor * median)
        if subjects > bar or (
            subjects >= limits.mass_access_min_subjects and len(by_agency[agency]) == 1
        ):
            alerts.append(
                Alert(
                    kind="MASS_ACCESS",
                    actor=actor,
                    agency=agency,
                    count=subjects,
                    first_seq=first,
                    last_seq=last,
                    detail=f"read {subjects} people; peers' median {median:g}",
                )
            )
    return alerts


async def _off_hours(
    session: AsyncSession,
    window: tuple[ColumnElement[bool], ...],
    official: ColumnElement[bool],
    limits: AlertThresholds,
) -> list[Alert]:
    start, end = limits.working_hours
    found: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    result = await session.stream(
        select(AccessEntry.actor, AccessEntry.agency, AccessEntry.recorded_at, AccessEntry.seq)
        .where(*window, official)
        .order_by(AccessEntry.seq)
        .execution_options(yield_per=1_000)
    )
    async for actor, agency, recorded_at, seq in result:
        local = recorded_at.astimezone(CHINA)
        if local.weekday() >= 5 or not start <= local.hour < end:
            found[(actor, agency)].append(seq)
    return [
        Alert(
            kind="OFF_HOURS",
            actor=actor,
            agency=agency,
            count=len(seqs),
            first_seq=seqs[0],
            last_seq=seqs[-1],
            detail=f"{len(seqs)} reads outside working hours",
        )
        for (actor, agency), seqs in found.items()
    ]


async def _grouped(
    session: AsyncSession,
    kind: str,
    where: tuple[ColumnElement[bool], ...],
    describe: Callable[[int], str],
    minimum: int,
) -> list[Alert]:
    rows = (
        await session.execute(
            select(
                AccessEntry.actor,
                AccessEntry.agency,
                func.count(),
                func.min(AccessEntry.seq),
                func.max(AccessEntry.seq),
            )
            .where(*where)
            .group_by(AccessEntry.actor, AccessEntry.agency)
        )
    ).all()
    return [
        Alert(
            kind=kind,
            actor=actor,
            agency=agency,
            count=count,
            first_seq=first,
            last_seq=last,
            detail=describe(count),
        )
        for actor, agency, count, first, last in rows
        if count >= minimum
    ]
