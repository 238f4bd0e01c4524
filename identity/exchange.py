"""One request's unit of work, reachable from authlib's synchronous hooks in a worker thread.

authlib's authorization server is synchronous; the database is async. Each OAuth
request runs authlib in a worker thread, and the hooks reach the request's session
through `current()`, running each statement back on the event loop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any, TypeVar

import anyio.from_thread
import anyio.to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from identity import store
from identity.models import OAuthClient

T = TypeVar("T")

_current: ContextVar[Exchange] = ContextVar("identity_exchange")


class Exchange:
    """The session, clock and pending decisions of one OAuth request.

    `sid` names the browser session a sign-in belongs to, for the code it is issued.
    """

    def __init__(self, session: AsyncSession, now: int, *, sid: str | None = None) -> None:
        self.session = session
        self.now = now
        self.sid = sid
        self.commit_on_error = False
        self._clients: dict[str, OAuthClient | None] = {}

    def run(
        self, func: Callable[..., Coroutine[Any, Any, T]], *args: object, **kwargs: object
    ) -> T:
        """Run `func(session, *args, **kwargs)` on the event loop and return its result."""
        return anyio.from_thread.run(functools.partial(func, self.session, *args, **kwargs))

    def client(self, client_id: str) -> OAuthClient | None:
        """Return the enabled client with this id (cached for the request)."""
        if client_id not in self._clients:
            self._clients[client_id] = self.run(store.get_client, client_id)
        return self._clients[client_id]


def current() -> Exchange:
    """Return the exchange of the OAuth request being handled in this thread."""
    try:
        return _current.get()
    except LookupError:
        raise RuntimeError("no OAuth request is being handled in this thread") from None


async def run_in_worker(exchange: Exchange, func: Callable[..., T], *args: object) -> T:
    """Run the synchronous `func` in a worker thread with `exchange` as the current one."""

    def work() -> T:
        token = _current.set(exchange)
        try:
            return func(*args)
        finally:
            _current.reset(token)

    return await anyio.to_thread.run_sync(work)
