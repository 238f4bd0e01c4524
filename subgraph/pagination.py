"""Keyset pagination with opaque cursors."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from subgraph.errors import BadUserInput
from subgraph.loaders import Column

MAX_PAGE_SIZE = 100
T = TypeVar("T")


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
