"""Posts operations to subgraphs over pooled keep-alive HTTP connections."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from gateway.executor.transports import (
    HttpxTransport,
    PooledTransport,
    RawResponse,
    ResponseTooLarge,
    SubgraphTransport,
    TransportError,
)


class FetchFailure(Exception):
    """A subgraph could not be reached or did not answer with a GraphQL response."""

    def __init__(self, service: str, message: str, code: str) -> None:
        super().__init__(message)
        self.service = service
        self.code = code


@dataclass(frozen=True)
class FetcherConfig:
    """Timeouts and retries for subgraph calls."""

    timeout_seconds: float = 10.0
    per_subgraph_timeout: Mapping[str, float] = field(default_factory=dict)
    query_retries: int = 1
    max_connections_per_subgraph: int = 8
    # A longer answer is refused (the fetch fails) before it is all in memory.
    max_response_bytes: int = 32 * 1024 * 1024


FIXED_HEADERS = {
    "content-type": "application/json",
    "accept": "application/graphql-response+json, application/json",
}

FetchObserver = Callable[[str, float, "str | None"], None]
Signer = Callable[[str], Mapping[str, str]]


class SubgraphFetcher:
    """Posts to subgraphs over pooled keep-alive connections, under a deadline per call.

    `transport` replaces the sockets: an httpx transport (the platform reaches its
    subgraphs in process, tests inject failures) or any `SubgraphTransport`.
    """

    def __init__(
        self,
        config: FetcherConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | SubgraphTransport | None = None,
        observe: FetchObserver | None = None,
    ) -> None:
        self.config = config or FetcherConfig()
        self.observe = observe
        if transport is None:
            transport = PooledTransport(
                connections_per_subgraph=self.config.max_connections_per_subgraph,
                max_response_bytes=self.config.max_response_bytes,
            )
        elif isinstance(transport, httpx.AsyncBaseTransport):
            transport = HttpxTransport(transport, max_response_bytes=self.config.max_response_bytes)
        self._transport: SubgraphTransport = transport

    async def post(
        self,
        *,
        service: str,
        url: str,
        operation: str,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
        idempotent: bool,
        sign: Signer | None = None,
    ) -> dict[str, Any]:
        """Send one operation; retry connection failures of queries; raise `FetchFailure`.

        `sign(service)` adds per-attempt headers (a fresh actor token: a retry must not
        replay the first attempt's token).
        """
        started = time.perf_counter()
        try:
            payload = await self._post(
                service, url, operation, variables, headers, idempotent, sign
            )
        except FetchFailure as failure:
            self._observe(service, started, failure.code)
            raise
        self._observe(service, started, None)
        return payload

    def _observe(self, service: str, started: float, code: str | None) -> None:
        if self.observe is not None:
            self.observe(service, time.perf_counter() - started, code)

    async def _post(
        self,
        service: str,
        url: str,
        operation: str,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
        idempotent: bool,
        sign: Signer | None,
    ) -> dict[str, Any]:
        body = orjson.dumps({"query": operation, "variables": variables})
        timeout = self.config.per_subgraph_timeout.get(service, self.config.timeout_seconds)
        attempts = 1 + (self.config.query_retries if idempotent else 0)
        for attempt in range(attempts):
            request_headers = {
                **FIXED_HEADERS,
                **headers,
                **(sign(service) if sign is not None else {}),
            }
            try:
                # The deadline bounds the whole call, a trickling answer included.
                async with asyncio.timeout(timeout):
                    response = await self._transport.post(url, body, request_headers)
                break
            except TimeoutError:
                raise FetchFailure(
                    service,
                    f"subgraph '{service}' did not answer within {timeout:g} s",
                    "SUBREQUEST_TIMEOUT",
                ) from None
            except TransportError as error:
                if attempt + 1 < attempts:
                    continue
                raise FetchFailure(
                    service,
                    f"subgraph '{service}' could not be reached: {error}",
                    "SUBREQUEST_HTTP_ERROR",
                ) from None
            except ResponseTooLarge as error:
                raise FetchFailure(
                    service, f"subgraph '{service}' answered {error}", "SUBREQUEST_HTTP_ERROR"
                ) from None
        return _decode(service, response)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._transport.close()


def _decode(service: str, response: RawResponse) -> dict[str, Any]:
    try:
        payload = orjson.loads(response.body)
    except orjson.JSONDecodeError:
        payload = None
    if isinstance(payload, dict) and ("data" in payload or "errors" in payload):
        return payload
    if response.status >= 400:
        raise FetchFailure(
            service,
            f"subgraph '{service}' answered HTTP {response.status}",
            "SUBREQUEST_HTTP_ERROR",
        )
    raise FetchFailure(
        service,
        f"subgraph '{service}' answered with a body that is not a GraphQL response",
        "SUBREQUEST_MALFORMED_RESPONSE",
    )
