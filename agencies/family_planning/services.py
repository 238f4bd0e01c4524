"""Family-planning lookups: birth certificates of newborns not yet registered."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.family_planning.models import BirthCertificate
from agencies.population.codes import REGION_BY_CODE
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo, fetch_page


async def unregistered_births(
    *,
    session: AsyncSession,
    region_code: str,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[BirthCertificate], PageInfo]:
    """Find a county's birth certificates whose child is not yet registered, one page.

    `scope_filter` (from the kit) limits the certificates to the caller's jurisdiction.
    """
    if region_code not in REGION_BY_CODE:
        raise BadUserInput(f"unknown region code {region_code!r}; expected a county of Sanming")
    statement = select(BirthCertificate).where(
        BirthCertificate.region_code == region_code,
        BirthCertificate.child_id.is_(None),
        scope_filter,
    )
    return await fetch_page(
        session, statement, key=BirthCertificate.number, first=first, after=after
    )
