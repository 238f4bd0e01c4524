"""Ethnic-affairs lookups: the ethnic-group catalogue and decided ethnicity changes."""

from __future__ import annotations

from collections.abc import Sequence
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
