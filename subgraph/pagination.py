"""Keyset pagination with opaque cursors."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import orjson
import strawberry
from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from subgraph.errors import BadUserInput
from subgraph.loaders import Column

MAX_PAGE_SIZE = 100
T = TypeVar("T")
# A column of a sort order, and whether it ascends.
SortKey = tuple[InstrumentedAttribute[Any], bool]


@strawberry.federation.type(
    shareable=True, description="Where a page ends and whether more items follow."
)
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when another page follows.")
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` to fetch the next page; null on an empty page."
    )


@strawberry.type(description="One page of a list, in a stable order.")
class Page(Generic[T]):
    items: list[T] = strawberry.field(description="The items on this page.")
    page_info: PageInfo = strawberry.field(description="How to fetch the next page.")


def encode_cursor(key: str) -> str:
    """Turn a sort key into an opaque cursor."""
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """Turn an opaque cursor back into its sort key, or raise `BadUserInput`."""
    if len(cursor) > 200:
        raise BadUserInput("`after` is not a cursor returned by this API")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise BadUserInput("`after` is not a cursor returned by this API") from None


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    *,
    key: Column,
    first: int,
    after: str | None,
) -> tuple[Sequence[Any], PageInfo]:
    """Run `statement` ordered by the unique `key`, one page past the cursor."""
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}")
    if after is not None:
        statement = statement.where(key > decode_cursor(after))
    rows = list(await session.scalars(statement.order_by(key).limit(first + 1)))
    has_next = len(rows) > first
    rows = rows[:first]
    end = encode_cursor(getattr(rows[-1], key.key)) if rows else None
    return rows, PageInfo(has_next_page=has_next, end_cursor=end)


def page_of(rows: Sequence[Any], info: PageInfo, convert: Callable[[Any], T]) -> Page[T]:
    """Build a GraphQL page from model rows."""
    return Page(items=[convert(row) for row in rows], page_info=info)


async def fetch_sorted_page(
    session: AsyncSession,
    statement: Select[Any],
    *,
    keys: Sequence[SortKey],
    first: int,
    after: str | None,
) -> tuple[Sequence[Any], PageInfo]:
    """Run `statement` ordered by `keys` (each a column and whether ascending; together
    unique), one page past the cursor."""
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}")
    if after is not None:
        statement = statement.where(_past(keys, _decode(keys, after)))
    ordered = statement.order_by(*(c.asc() if up else c.desc() for c, up in keys))
    rows = list(await session.scalars(ordered.limit(first + 1)))
    page = rows[:first]
    end = _encode([getattr(page[-1], column.key) for column, _ in keys]) if page else None
    return page, PageInfo(has_next_page=len(rows) > first, end_cursor=end)


def _past(keys: Sequence[SortKey], values: list[Any]) -> ColumnElement[bool]:
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


def _decode(keys: Sequence[SortKey], cursor: str) -> list[Any]:
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
