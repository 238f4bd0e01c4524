"""The per-request context handed to every resolver."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from subgraph.loaders import Loaders


@dataclass(kw_only=True)
class SubgraphContext:
    """One request's database session and batched loaders, opened on first use."""

    request: Request | None
    sessions: async_sessionmaker[AsyncSession]
    _session: AsyncSession | None = field(default=None, repr=False)
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def session(self) -> AsyncSession:
        """The request's session, opened lazily."""
        if self._session is None:
            self._session = self.sessions()
        return self._session

    @property
    def loaders(self) -> Loaders:
        """The request's DataLoaders, sharing the request's session."""
        if self._loaders is None:
            self._loaders = Loaders(self.session)
        return self._loaders

    async def close(self) -> None:
        """Close the session, if one was opened."""
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
            await context.close()


def context_of(info: Info[Any, Any]) -> SubgraphContext:
    """Return the kit's context from a resolver's `info`."""
    context = info.context
    if not isinstance(context, SubgraphContext):
        raise TypeError("resolver called outside a tongban subgraph")
    return context
