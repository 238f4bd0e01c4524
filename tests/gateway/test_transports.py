"""The gateway's subgraph transports over real local sockets.

`PooledTransport` keeps one aiohttp session per subgraph URL with a bounded keep-alive pool,
sends no cookies back, follows no redirects and turns every socket or HTTP failure into a
`TransportError` naming aiohttp's exception class; `SubgraphFetcher` retries a query's
`TransportError` once and never a mutation's. `HttpxTransport` does the same over any httpx
transport.

The subgraphs here are `asyncio.start_server` sockets answering hand-written HTTP/1.1, so a test
can count connections, see the request bytes, and misbehave in ways no framework allows.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field

import httpx
import pytest

from gateway.executor.fetcher import FetcherConfig, FetchFailure, SubgraphFetcher
from gateway.executor.transports import (
    HttpxTransport,
    PooledTransport,
    RawResponse,
    ResponseTooLarge,
    TransportError,
)

GRAPHQL_BODY = b'{"data":{"ok":true}}'
OK = RawResponse(200, GRAPHQL_BODY)
JSON = {"content-type": "application/json"}
# The transports' byte limit on an answer here: above the 5 MiB answer read whole.
LIMIT = 8 * 1024 * 1024
# Far above what 12 posts of 100 ms over 3 connections take (about 0.4 s), however loaded.
GENEROUS_SECONDS = 10.0


# -- a hand-written HTTP/1.1 subgraph --------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request as the server read it: header names lower-cased."""

    line: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Subgraph:
    """What the server saw: connections accepted, most open at once, requests read."""

    url: str
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    requests: list[Request] = field(default_factory=list)


# The bytes to write for a request, or None to hang up without answering.
Respond = Callable[[Request], Awaitable[bytes | None]]


def answer(
    status: int = 200,
    body: bytes = GRAPHQL_BODY,
    headers: Iterable[tuple[str, str]] = (("content-type", "application/json"),),
) -> bytes:
    """An HTTP/1.1 answer with a content-length."""
    reason = {200: "OK", 302: "Found"}.get(status, "Status")
    lines = [f"HTTP/1.1 {status} {reason}", f"content-length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def answer_ok(request: Request) -> bytes:
    """A 200 GraphQL answer, whatever the request."""
    return answer()


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """The next request on the connection, or None if the client hung up first."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    line, *header_lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    headers = {}
    for header in header_lines:
        name, _, value = header.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Request(line, headers, body)


@contextlib.asynccontextmanager
async def subgraph(
    respond: Respond = answer_ok, *, close_after: bool = False
) -> AsyncIterator[Subgraph]:
    """A local socket answering each request with `respond`; `close_after` hangs up after each."""
    seen = Subgraph(url="")

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.connections += 1
        seen.open_now += 1
        seen.most_open = max(seen.most_open, seen.open_now)
        try:
            with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
                while (request := await read_request(reader)) is not None:
                    seen.requests.append(request)
                    reply = await respond(request)
                    if reply is None:
                        break
                    writer.write(reply)
                    await writer.drain()
                    if close_after:
                        break
        finally:
            seen.open_now -= 1
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    seen.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/reviews/graphql"
    try:
        yield seen
    finally:
        server.close()
        await server.wait_closed()


@contextlib.asynccontextmanager
async def pooled(connections: int = 8) -> AsyncIterator[PooledTransport]:
    """A `PooledTransport`, closed on the way out."""
    transport = PooledTransport(connections_per_subgraph=connections, max_response_bytes=LIMIT)
    try:
        yield transport
    finally:
        await transport.close()


def refused_url() -> str:
    """A local port nothing listens on: bound to get a free one, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/reviews/graphql"


async def post_error(transport: PooledTransport, url: str) -> TransportError:
    """The `TransportError` a post raises."""
    with pytest.raises(TransportError) as raised:
        await transport.post(url, b"{}", JSON)
    return raised.value


# -- pooling ---------------------------------------------------------------------------------


async def test_sequential_posts_share_one_connection() -> None:
    async with subgraph() as seen, pooled() as transport:
        # given a keep-alive subgraph
        # when 20 posts are sent one after another
        responses = [await transport.post(seen.url, b"{}", JSON) for _ in range(20)]
    # then all are answered over the one connection the server accepted
    assert (responses, seen.connections, len(seen.requests)) == ([OK] * 20, 1, 20)


async def test_concurrent_posts_stay_within_the_pool_limit() -> None:
    async def slowly(request: Request) -> bytes:
        await asyncio.sleep(0.1)
        return answer()

    async with subgraph(slowly) as seen, pooled(connections=3) as transport:
        # given a subgraph answering after 100 ms and a pool of 3 connections
        # when 12 posts are sent at once
        async with asyncio.timeout(GENEROUS_SECONDS):
            responses = await asyncio.gather(
                *(transport.post(seen.url, b"{}", JSON) for _ in range(12))
            )
    # then every post is answered, over 3 connections that are reused, never more open at once
    assert (responses, seen.connections, seen.most_open) == ([OK] * 12, 3, 3)


async def test_post_after_close_opens_a_new_session() -> None:
    async with subgraph() as seen, pooled() as transport:
        # given a transport that posted once and was then closed
        first = await transport.post(seen.url, b"{}", JSON)
        await transport.close()
        # when it posts again
        second = await transport.post(seen.url, b"{}", JSON)
    # then the second post is answered too, over a new connection
    assert (first, second, seen.connections) == (OK, OK, 2)


async def test_connection_close_answers_are_not_reused() -> None:
    async def closing(request: Request) -> bytes:
        return answer(headers=[("content-type", "application/json"), ("connection", "close")])

    async with subgraph(closing, close_after=True) as seen, pooled() as transport:
        # given a subgraph that answers `Connection: close` and hangs up after each answer
        # when 10 posts are sent one after another, straight through the transport (no retry)
        responses = [await transport.post(seen.url, b"{}", JSON) for _ in range(10)]
    # then all are answered, each over a new connection: aiohttp does not return a connection
    # whose answer said `Connection: close` to the pool, so the fetcher's retry is not needed
    assert (responses, seen.connections) == ([OK] * 10, 10)


async def test_fetcher_retry_covers_a_silent_hang_up_after_each_answer() -> None:
    async def closing_silently(request: Request) -> bytes:
        return answer()

    # given a subgraph that hangs up after each answer without saying `Connection: close`
    fetcher = SubgraphFetcher(FetcherConfig(timeout_seconds=GENEROUS_SECONDS))
    try:
        async with subgraph(closing_silently, close_after=True) as seen:
            # when 10 queries are posted one after another through the fetcher
            payloads = [
                await fetcher.post(
                    service="reviews",
                    url=seen.url,
                    operation="{ ok }",
                    variables={},
                    headers={},
                    idempotent=True,
                )
                for _ in range(10)
            ]
    finally:
        await fetcher.close()
    # then all are answered, each over a new connection. Here the pool DOES hand out the dead
    # connection (its hang-up is not yet seen when the next post takes it, so about every
    # other first attempt fails with ClientOSError): only the query retry covers it, and a
    # mutation would fail.
    assert (payloads, seen.connections) == ([{"data": {"ok": True}}] * 10, 10)


# -- what travels ----------------------------------------------------------------------------


async def test_headers_and_body_arrive_as_given() -> None:
    # given headers a fetcher sends and a body holding every byte value
    headers = {
        "content-type": "application/json",
        "x-request-id": "req-7f3a",
        "authorization": "Bearer eyJhbGciOi.payload.signature",
    }
    body = bytes(range(256)) * 4
    async with subgraph() as seen, pooled() as transport:
        # when they are posted
        response = await transport.post(seen.url, body, headers)
    # then the server reads each header with its value, and the body byte for byte
    (request,) = seen.requests
    received = {name: request.headers.get(name) for name in headers}
    assert (response, request.line, received, request.body) == (
        OK,
        "POST /reviews/graphql HTTP/1.1",
        headers,
        body,
    )


async def test_cookies_set_by_a_subgraph_are_not_sent_back() -> None:
    async def setting_cookie(request: Request) -> bytes:
        return answer(
            headers=[("content-type", "application/json"), ("set-cookie", "sid=ada; Path=/")]
        )

    async with subgraph(setting_cookie) as seen, pooled() as transport:
        # given a subgraph, reached by name, that sets a cookie in every answer (by name: a
        # default aiohttp cookie jar ignores cookies from IP addresses, and would pass)
        url = seen.url.replace("127.0.0.1", "localhost")
        # when two posts are sent one after the other
        responses = [await transport.post(url, b"{}", JSON) for _ in range(2)]
    # then neither request carries a cookie
    cookies = [request.headers.get("cookie") for request in seen.requests]
    assert (responses, cookies) == ([OK, OK], [None, None])


async def test_redirect_is_returned_not_followed() -> None:
    async def redirecting(request: Request) -> bytes:
        return answer(302, b"moved", [("location", "/elsewhere/graphql")])

    async with subgraph(redirecting) as seen, pooled() as transport:
        # given a subgraph answering 302 with a Location
        # when a post is sent
        response = await transport.post(seen.url, b"{}", JSON)
    # then the 302 is the answer, and no second request was made
    paths = [request.line for request in seen.requests]
    assert (response, paths) == (RawResponse(302, b"moved"), ["POST /reviews/graphql HTTP/1.1"])


async def test_large_answer_is_read_whole() -> None:
    body = bytes(range(256)) * (5 * 1024 * 4)  # 5 MiB

    async def large(request: Request) -> bytes:
        return answer(body=body)

    async with subgraph(large) as seen, pooled() as transport:
        # given a subgraph answering 5 MiB
        # when a post is sent
        response = await transport.post(seen.url, b"{}", JSON)
    # then the whole body is returned
    assert (response.status, len(response.body), response.body == body) == (200, len(body), True)


def chunked(body: bytes, size: int) -> bytes:
    """A 200 answer in chunked transfer encoding, with no content-length."""
    head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
    )
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return head + b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_answer_over_the_limit_is_refused(framing: str) -> None:
    body = b"x" * (LIMIT + 1)

    async def too_large(request: Request) -> bytes:
        return answer(body=body) if framing == "content-length" else chunked(body, 64 * 1024)

    async with subgraph(too_large) as seen, pooled() as transport:
        # given a subgraph answering one byte more than the limit, announced or not
        # when a post is sent
        with pytest.raises(ResponseTooLarge) as raised:
            await transport.post(seen.url, b"{}", JSON)
    # then the transport refuses the answer, naming the limit
    assert str(raised.value) == f"more than {LIMIT:,} bytes"


async def test_answer_at_the_limit_in_chunks_is_read_whole() -> None:
    body = b"y" * LIMIT

    async def exact(request: Request) -> bytes:
        return chunked(body, 64 * 1024)

    async with subgraph(exact) as seen, pooled() as transport:
        # given a chunked answer of exactly the limit
        # when a post is sent
        response = await transport.post(seen.url, b"{}", JSON)
    # then it is read whole
    assert (response.status, response.body == body) == (200, True)


async def test_fetcher_fails_an_answer_over_its_limit_without_retrying() -> None:
    async def large(request: Request) -> bytes:
        return answer(body=b'{"data":{"blob":"' + b"z" * 2048 + b'"}}')

    # given a fetcher reading at most 1,000 bytes of an answer, and a subgraph answering 2 KiB
    fetcher = SubgraphFetcher(
        FetcherConfig(timeout_seconds=GENEROUS_SECONDS, max_response_bytes=1_000)
    )
    try:
        async with subgraph(large) as seen:
            # when a query is posted
            with pytest.raises(FetchFailure) as raised:
                await fetcher.post(
                    service="reviews",
                    url=seen.url,
                    operation="{ blob }",
                    variables={},
                    headers={},
                    idempotent=True,
                )
    finally:
        await fetcher.close()
    # then the fetch fails once, as an HTTP error naming the limit
    failure = raised.value
    assert (str(failure), failure.code, len(seen.requests)) == (
        "subgraph 'reviews' answered more than 1,000 bytes",
        "SUBREQUEST_HTTP_ERROR",
        1,
    )


# -- failures --------------------------------------------------------------------------------


async def test_refused_connection_raises_transport_error() -> None:
    async with pooled() as transport:
        # given a port nothing listens on
        # when a post is sent to it
        error = await post_error(transport, refused_url())
    # then a TransportError names aiohttp's exception
    assert str(error) == "ClientConnectorError"


async def test_hang_up_without_answer_raises_transport_error() -> None:
    async def hang_up(request: Request) -> None:
        return None

    async with subgraph(hang_up) as seen, pooled() as transport:
        # given a subgraph that reads the request and closes the connection
        # when a post is sent
        error = await post_error(transport, seen.url)
    # then a TransportError names aiohttp's exception
    assert (str(error), len(seen.requests)) == ("ServerDisconnectedError", 1)


async def test_answer_that_is_not_http_raises_transport_error() -> None:
    async def garbage(request: Request) -> bytes:
        return b"hello\r\n\r\n"

    async with subgraph(garbage) as seen, pooled() as transport:
        # given a subgraph answering bytes that are not HTTP
        # when a post is sent
        error = await post_error(transport, seen.url)
    # then a TransportError names aiohttp's exception
    assert str(error) == "ClientResponseError"


# -- the fetcher's retries over a refused port -----------------------------------------------


@pytest.mark.parametrize(
    ("idempotent", "attempts"), [(True, 2), (False, 1)], ids=["query", "mutation"]
)
async def test_fetcher_retries_refused_query_once_and_mutation_never(
    idempotent: bool, attempts: int
) -> None:
    # given a fetcher over real sockets, and a subgraph port nothing listens on
    fetcher = SubgraphFetcher(FetcherConfig(timeout_seconds=GENEROUS_SECONDS))
    signed: list[str] = []

    def sign(service: str) -> dict[str, str]:
        # Called once per attempt: counts them.
        signed.append(service)
        return {}

    try:
        # when an operation is posted to it
        with pytest.raises(FetchFailure) as raised:
            await fetcher.post(
                service="reviews",
                url=refused_url(),
                operation="{ __typename }",
                variables={},
                headers={},
                idempotent=idempotent,
                sign=sign,
            )
    finally:
        await fetcher.close()
    # then a query is tried twice, a mutation once, and both fail as SUBREQUEST_HTTP_ERROR
    failure = raised.value
    assert (failure.service, str(failure), failure.code, signed) == (
        "reviews",
        "subgraph 'reviews' could not be reached: ClientConnectorError",
        "SUBREQUEST_HTTP_ERROR",
        ["reviews"] * attempts,
    )


# -- HttpxTransport --------------------------------------------------------------------------


async def test_httpx_connect_error_becomes_transport_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    # given an httpx transport that cannot connect
    transport = HttpxTransport(httpx.MockTransport(refuse), max_response_bytes=LIMIT)
    try:
        # when a post is sent through it
        with pytest.raises(TransportError) as raised:
            await transport.post("http://reviews/graphql", b"{}", JSON)
    finally:
        await transport.close()
    # then a TransportError names httpx's exception
    assert str(raised.value) == "ConnectError"


async def test_httpx_answer_becomes_raw_response() -> None:
    received: list[tuple[str, bytes, str | None]] = []

    def created(request: httpx.Request) -> httpx.Response:
        received.append((str(request.url), request.content, request.headers.get("x-request-id")))
        return httpx.Response(201, content=b'{"data":{"created":true}}')

    # given an httpx transport answering 201
    transport = HttpxTransport(httpx.MockTransport(created), max_response_bytes=LIMIT)
    try:
        # when a post is sent through it
        response = await transport.post(
            "http://reviews/graphql", b'{"query":"{ x }"}', {"x-request-id": "req-1"}
        )
    finally:
        await transport.close()
    # then its status and body come back, and the request went through as given
    assert (response, received) == (
        RawResponse(201, b'{"data":{"created":true}}'),
        [("http://reviews/graphql", b'{"query":"{ x }"}', "req-1")],
    )


async def test_httpx_answer_over_the_limit_is_refused() -> None:
    def large(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 2_000)

    # given an httpx transport reading at most 1,000 bytes, over a subgraph answering 2,000
    transport = HttpxTransport(httpx.MockTransport(large), max_response_bytes=1_000)
    try:
        # when a post is sent through it
        with pytest.raises(ResponseTooLarge) as raised:
            await transport.post("http://reviews/graphql", b"{}", JSON)
    finally:
        await transport.close()
    # then the answer is refused, naming the limit
    assert str(raised.value) == "more than 1,000 bytes"
