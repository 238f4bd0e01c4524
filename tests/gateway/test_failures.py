"""Subgraph failures: what the client gets when a subgraph misbehaves.

Whatever a subgraph does (refuse connections, hang, answer garbage, answer HTTP 502, drop
an entity), the gateway answers HTTP 200 with a GraphQL response: every field that did not
depend on that subgraph keeps its value, the fields that did are null (a null in a non-null
position nulls the nearest nullable parent, GraphQL spec "Handling Field Errors"), and one
error per failed fetch names the subgraph (`serviceName`) with a SUBREQUEST_* code.

Connection failures of queries are retried once; mutations are never retried. Entity
representations are de-duplicated before they are sent. In the production profile subgraph
error messages are redacted unless their code is meant for the client (BAD_USER_INPUT...).

The faults are injected into the in-process gateway's transport (tests/gateway/inprocess.py).
The timeout is also checked over real sockets, against a subgraph that never answers and one
that trickles its answer a byte at a time: a timeout per read would never stop the second,
only the fetcher's deadline over the whole call does.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import orjson
import pytest

from gateway.config import GatewayConfig, profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import FetcherConfig
from gateway.http import create_gateway_app
from gateway.supergraph import Supergraph
from tests.gateway.inprocess import SUPERGRAPH, Faults, in_process_gateway
from tests.gateway.test_apollo_bed import REPEATED_ENTITIES

TIMEOUT_SECONDS = 0.2
# A slow subgraph takes far longer than any loaded machine adds to a 0.2 s deadline, so an
# answer before WELL_UNDER_SECONDS proves the gateway did not wait for it.
SLOW_SECONDS = 30.0
WELL_UNDER_SECONDS = 5.0


def calls_to(service: str, calls: list[tuple[str, bytes]]) -> int:
    return sum(1 for name, _ in calls if name == service)


def subgraph_failure(service: str, message: str, code: str) -> dict[str, Any]:
    """The error a failed fetch adds: no path, the subgraph named in message and extensions."""
    return {"message": message, "extensions": {"code": code, "serviceName": service}}


def with_timeout(seconds: float, only: str | None = None) -> GatewayConfig:
    """The development profile with subgraph calls (or only those to `only`) limited."""
    base = profile_config("development")
    fetcher = (
        FetcherConfig(timeout_seconds=seconds)
        if only is None
        else FetcherConfig(per_subgraph_timeout={only: seconds})
    )
    engine = dataclasses.replace(base.engine, fetcher=fetcher)
    return dataclasses.replace(base, engine=engine)


# -- one failing fetch, four ways to fail ----------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Fault:
    inject: Callable[[Faults, str], None]
    message: str  # with {service}
    code: str
    calls: int  # calls to the failing subgraph for its one fetch


FAULTS: dict[str, Fault] = {
    "down": Fault(
        lambda faults, service: faults.down.add(service),
        "subgraph '{service}' could not be reached: ConnectError",
        "SUBREQUEST_HTTP_ERROR",
        2,  # a query's connection failure is retried once
    ),
    "invalid JSON": Fault(
        lambda faults, service: faults.garbage.add(service),
        "subgraph '{service}' answered with a body that is not a GraphQL response",
        "SUBREQUEST_MALFORMED_RESPONSE",
        1,
    ),
    "HTTP 502, empty body": Fault(
        lambda faults, service: faults.status.update({service: 502}),
        "subgraph '{service}' answered HTTP 502",
        "SUBREQUEST_HTTP_ERROR",
        1,
    ),
    "one entity fewer": Fault(
        lambda faults, service: faults.drop_entity.add(service),
        "subgraph '{service}' returned 1 entities for 2 representations",
        "SUBREQUEST_MALFORMED_RESPONSE",
        1,
    ),
}


@dataclasses.dataclass(frozen=True)
class Scenario:
    service: str
    document: str
    data: dict[str, Any]


SCENARIOS: dict[str, Scenario] = {
    # reviews' nullable reviewSummary, one entity fetch with two representations: only
    # the summaries are lost; accounts' me and products' titles stay.
    "nullable field": Scenario(
        "reviews",
        "{ me { name } topProducts(first: 2) { title reviewSummary } }",
        {
            "me": {"name": "Ada Lovelace"},
            "topProducts": [
                {"title": "The Hobbit", "reviewSummary": None},
                {"title": "Dune", "reviewSummary": None},
            ],
        },
    ),
    # inventory's non-null stockLevel, one entity fetch with two representations: each
    # product (a nullable list element) becomes null, title included; me stays.
    "non-null field": Scenario(
        "inventory",
        '{ me { name } products(maxPrice: "10") { title stockLevel } }',
        {"me": {"name": "Ada Lovelace"}, "products": [None, None]},
    ),
}


@pytest.mark.parametrize("scenario_name", list(SCENARIOS))
@pytest.mark.parametrize("fault_name", list(FAULTS))
async def test_failing_entity_fetch_nulls_only_what_depends_on_it(
    fault_name: str, scenario_name: str
) -> None:
    fault, scenario = FAULTS[fault_name], SCENARIOS[scenario_name]
    async with in_process_gateway() as gw:
        # given one subgraph failing in this way
        fault.inject(gw.faults, scenario.service)
        # when a query needing one entity fetch from it (and others from healthy ones) is sent
        response = await gw.client.post("/graphql", json={"query": scenario.document})
        calls = calls_to(scenario.service, gw.transport.calls)
    # then HTTP 200, the healthy fields intact, the dependent ones null, one error naming it
    message = fault.message.format(service=scenario.service)
    assert (response.status_code, response.json(), calls) == (
        200,
        {
            "errors": [subgraph_failure(scenario.service, message, fault.code)],
            "data": scenario.data,
        },
        fault.calls,
    )


async def test_down_subgraph_of_a_root_field_nulls_that_field_only() -> None:
    async with in_process_gateway() as gw:
        # given accounts refusing connections
        gw.faults.down.add("accounts")
        # when a query asks a nullable root field of accounts and one of products
        response = await gw.client.post(
            "/graphql",
            json={"query": '{ user(id: "u2") { name } topProducts(first: 2) { title } }'},
        )
        calls = calls_to("accounts", gw.transport.calls)
    # then user is null, topProducts intact, and accounts was tried exactly twice
    assert (response.status_code, response.json(), calls) == (
        200,
        {
            "errors": [
                subgraph_failure(
                    "accounts",
                    "subgraph 'accounts' could not be reached: ConnectError",
                    "SUBREQUEST_HTTP_ERROR",
                )
            ],
            "data": {"user": None, "topProducts": [{"title": "The Hobbit"}, {"title": "Dune"}]},
        },
        2,
    )


async def test_mutation_to_down_subgraph_is_not_retried() -> None:
    async with in_process_gateway() as gw:
        # given accounts refusing connections
        gw.faults.down.add("accounts")
        # when a mutation of accounts is sent
        response = await gw.client.post(
            "/graphql", json={"query": 'mutation { signIn(username: "ada") }'}
        )
        calls = calls_to("accounts", gw.transport.calls)
    # then it is tried once only (it may not be idempotent); signIn is non-null, so data is
    # null
    assert (response.status_code, response.json(), calls) == (
        200,
        {
            "errors": [
                subgraph_failure(
                    "accounts",
                    "subgraph 'accounts' could not be reached: ConnectError",
                    "SUBREQUEST_HTTP_ERROR",
                )
            ],
            "data": None,
        },
        1,
    )


# -- slow subgraphs --------------------------------------------------------------------------

SLOW_DOCUMENT = SCENARIOS["nullable field"].document
TIMED_OUT = {
    "errors": [
        subgraph_failure(
            "reviews", "subgraph 'reviews' did not answer within 0.2 s", "SUBREQUEST_TIMEOUT"
        )
    ],
    "data": SCENARIOS["nullable field"].data,
}


async def test_slow_subgraph_times_out_in_process() -> None:
    async with in_process_gateway(with_timeout(TIMEOUT_SECONDS)) as gw:
        # given a 0.2 s subgraph timeout and reviews taking 30 s to answer
        gw.faults.slow["reviews"] = SLOW_SECONDS
        # when a query needing reviews is sent
        started = time.perf_counter()
        response = await gw.client.post("/graphql", json={"query": SLOW_DOCUMENT})
        elapsed = time.perf_counter() - started
        calls = calls_to("reviews", gw.transport.calls)
    # then the answer comes well under 5 s, reviews' fields null, a timeout error, no retry
    assert (response.status_code, response.json(), calls, elapsed < WELL_UNDER_SECONDS) == (
        200,
        TIMED_OUT,
        1,
        True,
    )


async def _silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Read the request, never answer; hang up when the client does."""
    await reader.read()


async def _trickling(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answer at once, then one byte of the body every 50 ms (about 3 s in all)."""
    await reader.readuntil(b"\r\n\r\n")
    body = orjson.dumps({"data": {"_entities": [{"reviewSummary": "x"}, {"reviewSummary": "y"}]}})
    writer.write(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        b"content-length: %d\r\n\r\n" % len(body)
    )
    for byte in body:
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(0.05)


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def misbehaving_subgraph(handler: Handler) -> AsyncIterator[str]:
    """A real socket whose connections `handler` serves; yields its url."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            await handler(reader, writer)
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/reviews/graphql"
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize("handler", [_silent, _trickling], ids=["silent", "trickling"])
async def test_slow_subgraph_over_http_times_out(
    subgraph_urls: dict[str, str], handler: Handler
) -> None:
    # given a 0.2 s timeout for reviews, the test subgraphs over HTTP (the others with the
    # default timeout: their first answers over new connections may take longer on a busy
    # machine), and reviews replaced by a socket that never answers, or answers too slowly
    config = with_timeout(TIMEOUT_SECONDS, only="reviews")
    async with misbehaving_subgraph(handler) as url:
        supergraph = Supergraph.from_sdl(SUPERGRAPH.read_text(encoding="utf-8")).with_urls(
            {**subgraph_urls, "reviews": url}
        )
        engine = Engine(supergraph, config.engine)
        app = create_gateway_app(engine, config.edge)
        try:
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://gateway"
            ) as client:
                # when a query needing reviews is sent
                started = time.perf_counter()
                response = await client.post("/graphql", json={"query": SLOW_DOCUMENT})
                elapsed = time.perf_counter() - started
        finally:
            await engine.close()
    # then the answer comes well under 5 s, reviews' fields null, with a timeout error
    assert (response.status_code, response.json(), elapsed < WELL_UNDER_SECONDS) == (
        200,
        TIMED_OUT,
        True,
    )


# -- representations -------------------------------------------------------------------------


async def test_representations_are_sent_once_each() -> None:
    async with in_process_gateway() as gw:
        # given latestReviews, whose five reviews reach products 2, 3, 1, 2, 1 and authors
        # u3, u1, u2, u2, u1
        # when their titles and authors' names are asked
        response = await gw.client.post("/graphql", json={"query": REPEATED_ENTITIES.document})
        sent = {
            service: orjson.loads(body)["variables"]
            for service, body in gw.transport.calls
            if service in ("products", "accounts")
        }
    # then each entity fetch carries each representation once, in first-seen order, and the
    # answer is complete
    assert (response.status_code, response.json(), sent) == (
        200,
        REPEATED_ENTITIES.expected,
        {
            "products": {
                "representations": [
                    {"__typename": "Product", "upc": "2"},
                    {"__typename": "Product", "upc": "3"},
                    {"__typename": "Product", "upc": "1"},
                ]
            },
            "accounts": {
                "representations": [
                    {"__typename": "User", "id": "u3"},
                    {"__typename": "User", "id": "u1"},
                    {"__typename": "User", "id": "u2"},
                ]
            },
        },
    )


# -- redaction -------------------------------------------------------------------------------


class Scripted(httpx.AsyncBaseTransport):
    """Answers one subgraph's calls with a fixed GraphQL response; passes the others on."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, service: str, answer: dict[str, Any]
    ) -> None:
        self.inner = inner
        self.service = service
        self.answer = answer

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.strip("/").split("/")[0] == self.service:
            return httpx.Response(200, json=self.answer)
        return await self.inner.handle_async_request(request)


async def test_production_redacts_subgraph_error_messages() -> None:
    async with in_process_gateway(profile_config("production")) as gw:
        # given the production profile, when reviews' summariser fails on Dune
        response = await gw.client.post(
            "/graphql", json={"query": '{ product(upc: "2") { title reviewSummary } }'}
        )
    # then the error keeps its path, subgraph and code, but not its message
    assert (response.status_code, response.json()) == (
        200,
        {
            "errors": [
                {
                    "message": "Subgraph errors redacted",
                    "path": ["product", "reviewSummary"],
                    "extensions": {"serviceName": "reviews", "code": "DOWNSTREAM_SERVICE_ERROR"},
                }
            ],
            "data": {"product": {"title": "Dune", "reviewSummary": None}},
        },
    )


async def test_production_passes_bad_user_input_messages() -> None:
    async with in_process_gateway(profile_config("production")) as gw:
        # given the production profile and reviews answering two field errors: an internal
        # one with a stack trace, and a BAD_USER_INPUT one meant for the client
        gw.transport.inner = Scripted(
            gw.transport.inner,
            "reviews",
            {
                "data": {"_entities": [{"reviewSummary": None}, {"reviewSummary": None}]},
                "errors": [
                    {
                        "message": "KeyError: 'summaries/1' in summarise.py line 12",
                        "path": ["_entities", 0, "reviewSummary"],
                        "extensions": {
                            "code": "INTERNAL_SERVER_ERROR",
                            "stacktrace": ["summarise.py:12"],
                        },
                    },
                    {
                        "message": "no summary in the requested language",
                        "path": ["_entities", 1, "reviewSummary"],
                        "extensions": {"code": "BAD_USER_INPUT", "argumentName": "language"},
                    },
                ],
            },
        )
        # when both products' summaries are asked
        response = await gw.client.post(
            "/graphql", json={"query": "{ topProducts(first: 2) { title reviewSummary } }"}
        )
    # then the internal error is redacted to its code (its other extensions dropped); the
    # BAD_USER_INPUT error passes whole; both paths are the client's
    assert (response.status_code, response.json()) == (
        200,
        {
            "errors": [
                {
                    "message": "Subgraph errors redacted",
                    "path": ["topProducts", 0, "reviewSummary"],
                    "extensions": {"serviceName": "reviews", "code": "INTERNAL_SERVER_ERROR"},
                },
                {
                    "message": "no summary in the requested language",
                    "path": ["topProducts", 1, "reviewSummary"],
                    "extensions": {
                        "code": "BAD_USER_INPUT",
                        "argumentName": "language",
                        "serviceName": "reviews",
                    },
                },
            ],
            "data": {
                "topProducts": [
                    {"title": "The Hobbit", "reviewSummary": None},
                    {"title": "Dune", "reviewSummary": None},
                ]
            },
        },
    )
