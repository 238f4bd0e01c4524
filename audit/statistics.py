"""Counting the log: accesses of a window by agency, purpose and decision, grouped in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from audit.models import AccessEntry


@dataclass(frozen=True, kw_only=True)
class KeyCount:
    """How many entries had one value of a column (None: entries without one)."""

    key: str | None
    count: int


@dataclass(frozen=True, kw_only=True)
class AccessCounts:
    """The entries of a window counted by agency, purpose and decision, and in all."""

    by_agency: list[KeyCount]
    by_purpose: list[KeyCount]
    by_decision: list[KeyCount]
    total: int


async def count_accesses(
    *,
    session: AsyncSession,
    since: datetime,
    until: datetime,
    where: ColumnElement[bool] | None = None,
) -> AccessCounts:
    """Count the entries of `[since, until)` (and `where`, if given) per agency, purpose, decision.

    Each grouping is most entries first, then by key (entries without a key last).
    """
    conditions = [AccessEntry.recorded_at >= since, AccessEntry.recorded_at < until]
    if where is not None:
        conditions.append(where)
    by_decision = await _grouped(session, AccessEntry.decision, conditions)
    return AccessCounts(
        by_agency=await _grouped(session, AccessEntry.agency, conditions),
        by_purpose=await _grouped(session, AccessEntry.purpose, conditions),
        by_decision=by_decision,
        total=sum(group.count for group in by_decision),
    )


async def _grouped(
    session: AsyncSession, column: Any, conditions: list[ColumnElement[bool]]
) -> list[KeyCount]:
    rows = (
        await session.execute(select(column, func.count()).where(*conditions).group_by(column))
    ).all()
    counted = [KeyCount(key=key, count=count) for key, count in rows]
    return sorted(counted, key=lambda group: (-group.count, group.key is None, group.key or ""))
