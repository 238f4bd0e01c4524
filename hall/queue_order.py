"""The order of an application list: by number, a unit's queue by deadline, or a citizen's
applications newest first (keyset pages over several columns)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

import orjson
import strawberry
from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hall.models import Application
from subgraph.errors import BadUserInput
from subgraph.pagination import MAX_PAGE_SIZE, PageInfo, decode_cursor, encode_cursor, fetch_page


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
KEYS: dict[ApplicationOrder, tuple[tuple[InstrumentedAttribute[Any], bool], ...]] = {
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
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}")
    keys = KEYS[order]
    if after is not None:
        statement = statement.where(_past(keys, _decode(keys, after)))
    ordered = statement.order_by(*(c.asc() if up else c.desc() for c, up in keys))
    rows = list(await session.scalars(ordered.limit(first + 1)))
    page = rows[:first]
    end = _encode([getattr(page[-1], column.key) for column, _ in keys]) if page else None
    return page, PageInfo(has_next_page=len(rows) > first, end_cursor=end)


def _past(
    keys: tuple[tuple[InstrumentedAttribute[Any], bool], ...], values: list[Any]
) -> ColumnElement[bool]:
    """Rows after `values` in the order of `keys` (lexicographic, per-column direction)."""
    (column, up), value = keys[0], values[0]
    beyond: ColumnElement[bool] = column > value if up else column < value
    if len(keys) == 1:
        return beyond
    return or_(beyond, and_(column == value, _past(keys[1:], values[1:])))


def _encode(values: list[Any]) -> str:
    return encode_cursor(
        orjson.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values]).decode()
    )


def _decode(keys: tuple[tuple[InstrumentedAttribute[Any], bool], ...], cursor: str) -> list[Any]:
    try:
        raw = orjson.loads(decode_cursor(cursor))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError("wrong shape")
        return [_typed(column, value) for (column, _), value in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise BadUserInput("`after` is not a cursor of this order") from None


def _typed(column: InstrumentedAttribute[Any], value: str) -> Any:
    kind = column.type.python_type
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return str(value)
