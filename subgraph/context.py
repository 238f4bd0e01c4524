"""The per-request context handed to every resolver."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from subgraph.loaders import Loaders

logger = logging.getLogger("tongban.subgraph")

T = TypeVar("T")


@dataclass(kw_only=True)
class SubgraphContext:
    """One request's database session, used by one coroutine at a time, and its loaders."""

    request: Request | None
    sessions: async_sessionmaker[AsyncSession]
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
    def loaders(self) -> Loaders:
        """The request's DataLoaders, sharing the request's session."""
        if self._loaders is None:
            self._loaders = Loaders(self.session)
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
    info: Info[Any, Any], service: Callable[..., Awaitable[T]], **arguments: Any
) -> T:
    """Run a keyword-only service function with the request's session."""
    async with context_of(info).session() as session:
        return await service(session=session, **arguments)
