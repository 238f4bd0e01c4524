"""Ethnic-affairs lookups: the ethnic-group catalogue and decided ethnicity changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.ethnic_affairs.models import EthnicGroup, EthnicityChange
from agencies.population.codes import REGION_BY_CODE
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo, fetch_page


async def list_ethnic_groups(*, session: AsyncSession) -> Sequence[EthnicGroup]:
    """List the ethnic-group catalogue ordered by code."""
    return (await session.scalars(select(EthnicGroup).order_by(EthnicGroup.code))).all()


async def approved_changes(
    *, session: AsyncSession, keys: Sequence[Hashable]
) -> list[list[EthnicityChange]]:
    """Each person's approved ethnicity changes (by ID number), oldest first, in key order.

    Not limited to the caller's jurisdiction: the eligibility rules must see every change.
    """
    statement = (
        select(EthnicityChange)
        .where(EthnicityChange.person_id.in_(set(keys)), EthnicityChange.status == "APPROVED")
        .order_by(EthnicityChange.decided_on, EthnicityChange.number)
    )
    changes: dict[Hashable, list[EthnicityChange]] = defaultdict(list)
    for row in await session.scalars(statement):
        changes[row.person_id].append(row)
    return [changes.get(key, []) for key in keys]


async def changes_decided(
    *,
    session: AsyncSession,
    region_code: str,
    decided_from: date,
    decided_to: date,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[EthnicityChange], PageInfo]:
    """Find the ethnicity changes a county decided between two days (both included), one page.

    `scope_filter` (from the kit) limits the changes to the caller's jurisdiction.
    """
    if region_code not in REGION_BY_CODE:
        raise BadUserInput(f"unknown region code {region_code!r}; expected a county of Sanming")
    if decided_from > decided_to:
        raise BadUserInput("`from` must not be after `to`")
    statement = select(EthnicityChange).where(
        EthnicityChange.region_code == region_code,
        EthnicityChange.decided_on >= decided_from,
        EthnicityChange.decided_on <= decided_to,
        scope_filter,
    )
    return await fetch_page(
        session, statement, key=EthnicityChange.number, first=first, after=after
    )
