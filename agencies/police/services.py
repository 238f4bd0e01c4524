"""Police lookups: persons by region, name and birth date; police units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.models import Person, PoliceUnit
from agencies.population.codes import REGION_BY_CODE
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo, fetch_page
from subgraph.text import like_prefix


async def search_persons(
    *,
    session: AsyncSession,
    region_code: str,
    name: str | None,
    birth_date: date | None,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[Person], PageInfo]:
    """Find registered persons of a county by name prefix and birth date, one page.

    `scope_filter` (from the kit) limits the persons to the caller's jurisdiction.
    """
    if region_code not in REGION_BY_CODE:
        raise BadUserInput(f"unknown region code {region_code!r}; expected a county of Sanming")
    statement = select(Person).where(Person.region_code == region_code, scope_filter)
    if name:
        statement = statement.where(Person.name.like(like_prefix(name, max_length=40), escape="\\"))
    if birth_date is not None:
        statement = statement.where(Person.birth_date == birth_date)
    return await fetch_page(session, statement, key=Person.id_number, first=first, after=after)


async def list_police_units(*, session: AsyncSession, kind: str | None) -> Sequence[PoliceUnit]:
    """List police units, optionally of one kind, ordered by code."""
    statement = select(PoliceUnit).order_by(PoliceUnit.code)
    if kind is not None:
        statement = statement.where(PoliceUnit.kind == kind)
    return (await session.scalars(statement)).all()
