"""How subgraph requests travel: aiohttp's keep-alive pools, or any httpx transport in process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Protocol

import aiohttp
import httpx

# Under the 5 s idle timeout of uvicorn and Node's http server, so a pooled connection is
# dropped here before the subgraph closes it under a request (a mutation is never retried).
KEEPALIVE_SECONDS = 4.0


class TransportError(Exception):
    """The request did not complete: no connection, a reset, or a broken HTTP response."""


class ResponseTooLarge(Exception):
    """The answer ran past the byte limit; reading stopped there (a retry would do the same)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit:,} bytes")
        self.limit = limit


@dataclass(frozen=True, slots=True)
class RawResponse:
    """A subgraph's HTTP answer, read whole."""

    status: int
    body: bytes


class SubgraphTransport(Protocol):
    """Posts a body to a subgraph URL and reads the whole answer."""

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        """Send one POST; raise `TransportError` when no HTTP answer came back, and
        `ResponseTooLarge` when the answer is longer than the transport reads."""
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

    def __init__(self, *, connections_per_subgraph: int, max_response_bytes: int) -> None:
        self.connections_per_subgraph = connections_per_subgraph
        self.max_response_bytes = max_response_bytes
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
                announced = response.content_length
                chunks = response.content.iter_any()
                body = await _read_capped(chunks, announced, self.max_response_bytes)
                return RawResponse(response.status, body)
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

    def __init__(self, transport: httpx.AsyncBaseTransport, *, max_response_bytes: int) -> None:
        self._transport = transport
        self.max_response_bytes = max_response_bytes
        self._client: httpx.AsyncClient | None = None

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        """Send one POST through the httpx transport."""
        if self._client is None:
            self._client = httpx.AsyncClient(transport=self._transport, timeout=None)
        try:
            async with self._client.stream(
                "POST", url, content=body, headers=dict(headers)
            ) as response:
                length = response.headers.get("content-length")
                announced = int(length) if length and length.isdigit() else None
                chunks = response.aiter_bytes()
                raw = await _read_capped(chunks, announced, self.max_response_bytes)
        except httpx.TransportError as error:
            raise TransportError(type(error).__name__) from error
        return RawResponse(response.status_code, raw)

    async def close(self) -> None:
        """Close the client (and the transport under it)."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


async def _read_capped(chunks: AsyncIterator[bytes], announced: int | None, limit: int) -> bytes:
    """Read an answer's body, refusing one announced or found to be longer than `limit`."""
    if announced is not None and announced > limit:
        raise ResponseTooLarge(limit)
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise ResponseTooLarge(limit)
    return bytes(body)
