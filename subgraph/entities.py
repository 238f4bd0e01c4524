"""Resolving entities and related lists through the request's batched loaders."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from strawberry.types import Info

from subgraph.context import context_of
from subgraph.loaders import Column

T = TypeVar("T")


async def load_one(
    info: Info[Any, Any], column: Column, key: Hashable | None, convert: Callable[[Any], T]
) -> T | None:
    """Load the row whose `column` equals `key` (batched) and convert it; None if absent."""
    if key is None:
        return None
    row = await context_of(info).loaders.one(column, key)
    return None if row is None else convert(row)


async def load_list(
    info: Info[Any, Any],
    *columns: Column,
    key: Hashable,
    convert: Callable[[Any], T],
    order_by: Sequence[Any] = (),
) -> list[T]:
    """Load the rows where any of `columns` equals `key` (batched) and convert them.

    When a guarded type is listed from the columns' model (`Guarded(model=...)`), only the
    rows inside the actor's jurisdiction over it are loaded (the filter is in the SQL).
    """
    rows = await context_of(info).loaders.many(*columns, key=key, order_by=order_by)
    return [convert(row) for row in rows]
