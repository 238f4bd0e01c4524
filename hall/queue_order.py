"""The order of an application list: by number, or a unit's queue by deadline (keyset pages)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from sqlalchemy import Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession

from hall.models import Application
from subgraph.errors import BadUserInput
from subgraph.pagination import MAX_PAGE_SIZE, PageInfo, decode_cursor, encode_cursor, fetch_page

SEPARATOR = "/"


@strawberry.enum(description="How a list of applications is ordered.")
class ApplicationOrder(Enum):
    NUMBER = strawberry.enum_value("NUMBER", description="By application number.")
    DEADLINE = strawberry.enum_value(
        "DEADLINE",
        description="By promised day, then legal day, then number: the earliest deadline first.",
    )


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
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}")
    if after is not None:
        promised, legal, number = _deadline_key(decode_cursor(after))
        statement = statement.where(
            or_(
                Application.promised_on > promised,
                and_(
                    Application.promised_on == promised,
                    or_(
                        Application.legal_on > legal,
                        and_(Application.legal_on == legal, Application.number > number),
                    ),
                ),
            )
        )
    ordered = statement.order_by(
        Application.promised_on, Application.legal_on, Application.number
    ).limit(first + 1)
    rows = list(await session.scalars(ordered))
    page = rows[:first]
    end = None
    if page:
        last = page[-1]
        end = encode_cursor(
            SEPARATOR.join((last.promised_on.isoformat(), last.legal_on.isoformat(), last.number))
        )
    return page, PageInfo(has_next_page=len(rows) > first, end_cursor=end)


def _deadline_key(key: str) -> tuple[date, date, str]:
    parts = key.split(SEPARATOR)
    try:
        promised, legal, number = parts
        return date.fromisoformat(promised), date.fromisoformat(legal), number
    except ValueError:
        raise BadUserInput("`after` is not a cursor of this order") from None
