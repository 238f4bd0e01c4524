"""The per-request context handed to every resolver."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import true
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from authz.actor import Actor
from authz.fields import FieldClass
from subgraph.guard import RequestGuard, rules_of
from subgraph.loaders import Loaders

logger = logging.getLogger("tongban.subgraph")

T = TypeVar("T")


@dataclass(kw_only=True)
class SubgraphContext:
    """One request's actor and guard, its database session (one coroutine at a time), loaders."""

    request: Request | None
    sessions: async_sessionmaker[AsyncSession]
    guard: RequestGuard
    _session: AsyncSession | None = field(default=None, repr=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    _loaders: Loaders | None = field(default=None, repr=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Lend the request's session; resolvers run concurrently, a session must not."""
        async with self._lock:
            if self._session is None:
                self._session = self.sessions()
            yield self._session

    @property
    def actor(self) -> Actor:
        """Who is calling, from the verified actor token."""
        return self.guard.actor

    @property
    def loaders(self) -> Loaders:
        """The request's DataLoaders, sharing the request's session, lists filtered in SQL."""
        if self._loaders is None:
            self._loaders = Loaders(self.session, scope=self.guard.filter_for_model)
        return self._loaders

    async def close(self) -> None:
        """Close the session, if one was opened."""
        async with self._lock:
            if self._session is not None:
                await self._session.close()
                self._session = None
        self._loaders = None


class CloseSession(SchemaExtension):
    """Closes the request's session once the operation has finished."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        if isinstance(context, SubgraphContext):
            try:
                await context.close()
            except Exception:
                # The answer is complete; a failing close must not reach the client unmasked.
                logger.exception("closing the request's session failed")


def context_of(info: Info[Any, Any]) -> SubgraphContext:
    """Return the kit's context from a resolver's `info`."""
    context = info.context
    if not isinstance(context, SubgraphContext):
        raise TypeError("resolver called outside a tongban subgraph")
    return context


async def call_service(
    info: Info[Any, Any],
    service: Callable[..., Awaitable[T]],
    /,
    *,
    listing: type | None = None,
    listing_class: FieldClass | None = None,
    **arguments: Any,
) -> T:
    """Run a keyword-only service function with the request's session.

    A service that lists records of a guarded Strawberry type names it as `listing`; it then
    also receives `scope_filter`, the WHERE clause limiting the rows to the actor's
    jurisdiction over that type (`true()` when it covers all), to apply to its statement.
    The list is decided under the type's list class, or `listing_class` when the listing
    itself reveals more (say, who owes tax).
    """
    context = context_of(info)
    if listing is not None:
        rules = rules_of(listing)
        if rules is None:
            raise TypeError(f"{listing.__name__} is not a guarded type")
        clause = context.guard.listing_filter(rules, listing_class, label=info.field_name)
        arguments["scope_filter"] = true() if clause is None else clause
    async with context.session() as session:
        return await service(session=session, **arguments)
