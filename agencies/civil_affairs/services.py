"""Civil-affairs lookups: marriages registered in a county over a period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.civil_affairs.models import Marriage
from agencies.population.codes import REGION_BY_CODE
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo, fetch_page


async def marriages_registered(
    *,
    session: AsyncSession,
    region_code: str,
    registered_from: date,
    registered_to: date,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[Marriage], PageInfo]:
    """Find the marriages a county registered between two days (both included), one page.

    `scope_filter` (from the kit) limits the marriages to the caller's jurisdiction.
    """
    if region_code not in REGION_BY_CODE:
        raise BadUserInput(f"unknown region code {region_code!r}; expected a county of Sanming")
    if registered_from > registered_to:
        raise BadUserInput("`from` must not be after `to`")
    statement = select(Marriage).where(
        Marriage.region_code == region_code,
        Marriage.registered_on >= registered_from,
        Marriage.registered_on <= registered_to,
        scope_filter,
    )
    return await fetch_page(session, statement, key=Marriage.number, first=first, after=after)
