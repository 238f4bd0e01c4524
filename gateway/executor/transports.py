"""How subgraph requests travel: aiohttp's keep-alive pools, or any httpx transport in process."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import aiohttp
import httpx

# Under the 5 s idle timeout of uvicorn and Node's http server, so a pooled connection is
# dropped here before the subgraph closes it under a request (a mutation is never retried).
KEEPALIVE_SECONDS = 4.0


class TransportError(Exception):
    """The request did not complete: no connection, a reset, or a broken HTTP response."""


@dataclass(frozen=True, slots=True)
class RawResponse:
    """A subgraph's HTTP answer, read whole."""

    status: int
    body: bytes


class SubgraphTransport(Protocol):
    """Posts a body to a subgraph URL and reads the whole answer."""

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        """Send one POST; raise `TransportError` when no HTTP answer came back."""
        ...

    async def close(self) -> None:
        """Close every pooled connection."""
        ...


class PooledTransport:
    """aiohttp sessions, one per subgraph URL, each with its own pool of keep-alive connections.

    aiohttp rather than httpx here: httpx (httpcore, anyio) spends 1.4-2.7 ms of CPU per
    subgraph call where aiohttp spends 0.2 ms (`python -m bench.gateway.clients`), and a
    gateway makes several calls per request.
    """

    def __init__(self, *, connections_per_subgraph: int) -> None:
        self.connections_per_subgraph = connections_per_subgraph
        self._sessions: dict[str, aiohttp.ClientSession] = {}

    def _session(self, url: str) -> aiohttp.ClientSession:
        # Created on first use: a session belongs to the event loop that runs it.
        session = self._sessions.get(url)
        if session is None or session.closed:
            connector = aiohttp.TCPConnector(
                limit=self.connections_per_subgraph,
                keepalive_timeout=KEEPALIVE_SECONDS,
            )
            session = self._sessions[url] = aiohttp.ClientSession(
                connector=connector,
                # One user's subgraph cookies must never ride along on another's request.
                cookie_jar=aiohttp.DummyCookieJar(),
                # The fetcher's deadline bounds the whole call.
                timeout=aiohttp.ClientTimeout(total=None),
            )
        return session

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        """Send one POST over a pooled connection."""
        try:
            async with self._session(url).post(
                url, data=body, headers=headers, allow_redirects=False
            ) as response:
                return RawResponse(response.status, await response.read())
        except (aiohttp.ClientError, OSError) as error:
            raise TransportError(type(error).__name__) from error

    async def close(self) -> None:
        """Close every session and its connections."""
        sessions = list(self._sessions.values())
        self._sessions.clear()
        for session in sessions:
            await session.close()


class HttpxTransport:
    """Posts through an httpx transport: the platform's in-process subgraphs, test doubles."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        """Send one POST through the httpx transport."""
        if self._client is None:
            self._client = httpx.AsyncClient(transport=self._transport, timeout=None)
        try:
            response = await self._client.post(url, content=body, headers=dict(headers))
        except httpx.TransportError as error:
            raise TransportError(type(error).__name__) from error
        return RawResponse(response.status_code, response.content)

    async def close(self) -> None:
        """Close the client (and the transport under it)."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None
