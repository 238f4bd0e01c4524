"""The order of an application list: by number, a unit's queue by deadline, or a citizen's
applications newest first."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from hall.models import Application
from subgraph.pagination import PageInfo, SortKey, fetch_page, fetch_sorted_page


@strawberry.enum(description="How a list of applications is ordered.")
class ApplicationOrder(Enum):
    NUMBER = strawberry.enum_value("NUMBER", description="By application number.")
    DEADLINE = strawberry.enum_value(
        "DEADLINE",
        description="By promised day, then legal day, then number: the earliest deadline first.",
    )
    NEWEST = strawberry.enum_value(
        "NEWEST", description="By submission time, the latest first (then by number)."
    )


# Each order: its columns, each ascending (True) or descending (False); the last is unique.
KEYS: dict[ApplicationOrder, tuple[SortKey, ...]] = {
    ApplicationOrder.DEADLINE: (
        (Application.promised_on, True),
        (Application.legal_on, True),
        (Application.number, True),
    ),
    ApplicationOrder.NEWEST: ((Application.submitted_at, False), (Application.number, False)),
}


async def fetch_ordered(
    session: AsyncSession,
    statement: Select[Any],
    *,
    order: ApplicationOrder,
    first: int,
    after: str | None,
) -> tuple[Sequence[Application], PageInfo]:
    """One page of `statement` in `order`, past the cursor."""
    if order is ApplicationOrder.NUMBER:
        return await fetch_page(
            session, statement, key=Application.number, first=first, after=after
        )
    return await fetch_sorted_page(session, statement, keys=KEYS[order], first=first, after=after)
