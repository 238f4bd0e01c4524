"""Batched loading: every batch of keys becomes one SQL query, in the order asked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

# Both SQLite (32,766) and asyncpg (32,767) cap bound parameters per statement; a
# grouped load over two columns binds every key twice.
MAX_BATCH = 10_000

Column = InstrumentedAttribute[Any]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class BatchService(Protocol[T_co]):
    """A keyword-only service answering for many keys at once, in the keys' order."""

    def __call__(
        self, *, session: AsyncSession, keys: Sequence[Hashable]
    ) -> Awaitable[Sequence[T_co]]: ...


async def rows_by_key(
    session: AsyncSession, column: Column, keys: Sequence[Hashable]
) -> list[Any | None]:
    """Load the rows whose `column` equals each key: one query, None for unknown keys."""
    model = column.class_
    result = await session.scalars(select(model).where(column.in_(set(keys))))
    found = {getattr(row, column.key): row for row in result}
    return [found.get(key) for key in keys]


async def rows_grouped(
    session: AsyncSession,
    columns: Sequence[Column],
    keys: Sequence[Hashable],
    order_by: Sequence[Any] = (),
    scope: ColumnElement[bool] | None = None,
) -> list[list[Any]]:
    """Load, for each key, the rows where any of `columns` equals it: one query.

    `scope`, when given, limits the rows further (the actor's jurisdiction, in SQL).
    """
    model = columns[0].class_
    wanted = set(keys)
    statement = select(model).where(or_(*(column.in_(wanted) for column in columns)))
    if scope is not None:
        statement = statement.where(scope)
    result = await session.scalars(statement.order_by(*order_by))
    groups: dict[Hashable, list[Any]] = defaultdict(list)
    for row in result:
        matched = {getattr(row, column.key) for column in columns} & wanted
        for key in matched:
            groups[key].append(row)
    return [groups.get(key, []) for key in keys]


SessionScope = Callable[[], AbstractAsyncContextManager[AsyncSession]]
ListScope = Callable[[type], "ColumnElement[bool] | None"]


class Loaders:
    """The per-request cache of DataLoaders, one per (column set, ordering).

    `scope(model)` gives the WHERE clause that limits lists of a model to what the request's
    actor may see (None: no limit); it is fixed for the request, like the loaders.
    """

    def __init__(self, session: SessionScope, *, scope: ListScope | None = None) -> None:
        self._session = session
        self._scope = scope
        self._loaders: dict[tuple[Any, ...], DataLoader[Any, Any]] = {}

    async def one(self, column: Column, key: Hashable) -> Any | None:
        """Return the row whose `column` equals `key`, batched with its siblings."""
        loader = self._loaders.get((column,))
        if loader is None:

            async def load(keys: list[Hashable]) -> list[Any | None]:
                async with self._session() as session:
                    return await rows_by_key(session, column, keys)

            loader = self._loaders[(column,)] = DataLoader(load_fn=load, max_batch_size=MAX_BATCH)
        return await loader.load(key)

    async def many(
        self, *columns: Column, key: Hashable, order_by: Sequence[Any] = ()
    ) -> list[Any]:
        """Return the rows where any of `columns` equals `key`, batched with its siblings."""
        # Ordering clauses are rebuilt on every call (`col.desc()`), so key them by their SQL,
        # values included (two CASE orderings differ only in their values).
        cache_key = (*columns, *(_literal_sql(clause) for clause in order_by))
        loader = self._loaders.get(cache_key)
        if loader is None:
            model: Any = columns[0].class_
            scope = self._scope(model) if self._scope is not None else None

            async def load(keys: list[Hashable]) -> list[list[Any]]:
                async with self._session() as session:
                    return await rows_grouped(session, columns, keys, order_by, scope)

            loader = self._loaders[cache_key] = DataLoader(load_fn=load, max_batch_size=MAX_BATCH)
        return list(await loader.load(key))

    async def batched(self, service: BatchService[T], key: Hashable) -> T:
        """Return `service`'s answer for `key`, batched: `service(session=, keys=)` runs once."""
        loader = self._loaders.get((service,))
        if loader is None:

            async def load(keys: list[Hashable]) -> list[T]:
                async with self._session() as session:
                    return list(await service(session=session, keys=keys))

            loader = self._loaders[(service,)] = DataLoader(load_fn=load, max_batch_size=MAX_BATCH)
        result: T = await loader.load(key)
        return result


def _literal_sql(clause: Any) -> str:
    return str(clause.compile(compile_kwargs={"literal_binds": True}))
