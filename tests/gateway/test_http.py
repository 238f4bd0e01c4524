"""GraphQL over HTTP at the gateway's edge: methods, media types, CSRF, limits, probes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from gateway.config import profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import SubgraphFetcher
from gateway.executor.transports import RawResponse
from gateway.http import create_gateway_app
from gateway.supergraph import Supergraph
from tests.gateway.inprocess import SUPERGRAPH, in_process_gateway

ME = "{ me { username } }"
ME_DATA = {"data": {"me": {"username": "ada"}}}
JSON = {"content-type": "application/json"}


async def test_post_json_answers_200_json() -> None:
    # given the gateway, when a client POSTs a query as JSON
    async with in_process_gateway() as gw:
        response = await gw.client.post("/graphql", json={"query": ME})
    # then it answers 200 application/json with the data
    assert (response.status_code, response.headers["content-type"], response.json()) == (
        200,
        "application/json",
        ME_DATA,
    )


async def test_get_query_with_preflight_header_is_answered() -> None:
    # given a GET request carrying a non-simple header, so a browser would have preflighted it
    async with in_process_gateway() as gw:
        response = await gw.client.get(
            "/graphql", params={"query": ME}, headers={"apollo-require-preflight": "true"}
        )
    # then the query is answered
    assert (response.status_code, response.json()) == (200, ME_DATA)


async def test_mutation_over_get_is_refused() -> None:
    # given a mutation sent by GET
    async with in_process_gateway() as gw:
        response = await gw.client.get(
            "/graphql",
            params={"query": 'mutation { signIn(username: "ada") }'},
            headers={"apollo-require-preflight": "true"},
        )
        journal = [call for call in gw.transport.calls if call[0] == "accounts"]
    # then it is refused with 405, nothing reaches the subgraph
    assert (response.status_code, response.headers["allow"], response.json(), journal) == (
        405,
        "POST",
        {
            "errors": [
                {
                    "message": "Mutations can only be sent over HTTP POST.",
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ]
        },
        [],
    )


CSRF = {
    "errors": [
        {
            "message": (
                "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
                "Send a JSON body with `Content-Type: application/json`, or a non-empty "
                "`apollo-require-preflight` header."
            ),
            "extensions": {"code": "BAD_REQUEST"},
        }
    ]
}


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        (
            "POST",
            {
                "content": '{"query": "{ me { username } }"}',
                "headers": {"content-type": "text/plain"},
            },
        ),
        ("POST", {"data": {"query": ME}}),
        ("GET", {"params": {"query": ME}}),
    ],
    ids=["text/plain POST", "form POST", "plain GET"],
)
async def test_requests_a_browser_could_forge_are_blocked(
    method: str, kwargs: dict[str, Any]
) -> None:
    # given a request a browser could send cross-site without a preflight
    async with in_process_gateway() as gw:
        response = await gw.client.request(method, "/graphql", **kwargs)
        calls = gw.transport.calls
    # then it is blocked before any subgraph is called
    assert (response.status_code, response.json(), calls) == (400, CSRF, [])


BAD_BODIES = [
    ("malformed JSON", b"{nope", 400, "Request body is not valid JSON."),
    (
        "a JSON array",
        b'[{"query": "{ me { id } }"}]',
        400,
        "Request body must be a JSON object (batching is not supported).",
    ),
    ("no query", b'{"variables": {}}', 400, "`query` must be a non-empty string."),
    ("query not a string", b'{"query": 5}', 400, "`query` must be a non-empty string."),
    (
        "variables not an object",
        b'{"query": "{ me { id } }", "variables": [1]}',
        400,
        "`variables` must be a JSON object.",
    ),
    (
        "operationName not a string",
        b'{"query": "{ me { id } }", "operationName": 3}',
        400,
        "`operationName` must be a string.",
    ),
    (
        "a body over 2 MB",
        b'{"query": "' + b" " * 2_000_001 + b'"}',
        413,
        "Request body is larger than 2000000 bytes.",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "status", "message"), BAD_BODIES, ids=[case[0] for case in BAD_BODIES]
)
async def test_bad_bodies_get_a_clear_4xx(
    case: str, body: bytes, status: int, message: str
) -> None:
    # given a POST whose body is not a GraphQL request
    async with in_process_gateway() as gw:
        response = await gw.client.post("/graphql", content=body, headers=JSON)
    # then it is refused with the right status and a reason
    assert (response.status_code, response.json()) == (
        status,
        {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]},
    )


async def test_unsupported_accept_is_406_and_wrong_content_type_415() -> None:
    # given a client that only accepts XML, and one that sends GraphQL as a form
    async with in_process_gateway() as gw:
        xml = await gw.client.post(
            "/graphql", json={"query": ME}, headers={"accept": "application/xml"}
        )
        form = await gw.client.post(
            "/graphql",
            content=ME,
            headers={"content-type": "application/graphql", "apollo-require-preflight": "1"},
        )
    # then each is told what is acceptable
    assert [(r.status_code, r.json()["errors"][0]["message"]) for r in (xml, form)] == [
        (406, "Accept must allow application/graphql-response+json or application/json."),
        (415, "Content-Type must be application/json."),
    ]


async def test_graphql_response_media_type_uses_status_codes() -> None:
    # given a client that accepts application/graphql-response+json
    accept = {"accept": "application/graphql-response+json"}
    async with in_process_gateway() as gw:
        # when it sends an invalid operation and then a valid one
        invalid = await gw.client.post("/graphql", json={"query": "{ nope }"}, headers=accept)
        valid = await gw.client.post("/graphql", json={"query": ME}, headers=accept)
    # then the invalid one is a 400 and the valid one a 200, both in that media type
    assert [(r.status_code, r.headers["content-type"]) for r in (invalid, valid)] == [
        (400, "application/graphql-response+json"),
        (200, "application/graphql-response+json"),
    ]


@pytest.mark.parametrize(
    ("query", "message", "code"),
    [
        (
            "{ me { " + "wishlist { owner { " * 8 + "id" + " } }" * 8 + " } }",
            "Operation exceeds the depth limit: 18 > 15.",
            "MAX_DEPTH_LIMIT",
        ),
        (
            "{ me { " + " ".join(f"a{i}: id" for i in range(31)) + " } }",
            "Operation exceeds the aliases limit: 31 > 30.",
            "MAX_ALIASES_LIMIT",
        ),
        (
            "{ " + " ".join(f"me{i}: me {{ id }}" for i in range(21)) + " }",
            "Operation exceeds the root fields limit: 21 > 20.",
            "MAX_ROOT_FIELDS_LIMIT",
        ),
    ],
    ids=["depth", "aliases", "root fields"],
)
async def test_operation_limits_are_enforced(query: str, message: str, code: str) -> None:
    # given an operation past one of the limits, when it is sent
    async with in_process_gateway() as gw:
        response = await gw.client.post("/graphql", json={"query": query})
        calls = gw.transport.calls
    # then it is refused before planning, with the limit named
    assert response.json() == {"errors": [{"message": message, "extensions": {"code": code}}]}
    assert calls == []


async def test_token_limit_stops_parsing() -> None:
    # given a document of more than 15,000 tokens
    async with in_process_gateway() as gw:
        response = await gw.client.post(
            "/graphql", json={"query": "{ " + "me { id } " * 4000 + "}"}
        )
    # then parsing stops with a syntax error
    assert response.json()["errors"][0]["message"] == (
        "Syntax Error: Document contains more than 15000 tokens. Parsing aborted."
    )


async def test_production_hides_introspection_and_suggestions() -> None:
    # given the production profile
    async with in_process_gateway(profile_config("production")) as gw:
        # when a client introspects, and misspells a field
        introspection = await gw.client.post(
            "/graphql", json={"query": "{ __schema { types { name } } }"}
        )
        misspelt = await gw.client.post("/graphql", json={"query": "{ me { usernam } }"})
    # then introspection is refused and no field name is suggested
    assert [e["message"] for r in (introspection, misspelt) for e in r.json()["errors"]] == [
        "GraphQL introspection has been disabled, but the requested query contained the field"
        " '__schema'.",
        "GraphQL introspection has been disabled, but the requested query contained the field"
        " 'types'.",
        "Cannot query field 'usernam' on type 'User'.",
    ]


async def test_development_answers_introspection_of_the_api_schema() -> None:
    # given the development profile, when a client introspects the query type
    async with in_process_gateway() as gw:
        response = await gw.client.post(
            "/graphql", json={"query": '{ __type(name: "Product") { fields { name } } }'}
        )
    names = [f["name"] for f in response.json()["data"]["__type"]["fields"]]
    # then it sees the API schema: no @inaccessible field, no federation machinery
    assert "internalCode" not in names and "title" in names and "_entities" not in names


async def test_request_id_is_kept_or_made_and_sent_to_subgraphs() -> None:
    # given one request with a clean id and one with a hostile id
    async with in_process_gateway() as gw:
        kept = await gw.client.post(
            "/graphql", json={"query": ME}, headers={"x-request-id": "abc-123"}
        )
        replaced = await gw.client.post(
            "/graphql", json={"query": ME}, headers={"x-request-id": "evil\r\nx: 1" + "a" * 80}
        )
    # then the clean id is echoed, the hostile one replaced by a fresh one
    assert kept.headers["x-request-id"] == "abc-123"
    assert len(replaced.headers["x-request-id"]) == 32
    assert replaced.headers["x-request-id"].isalnum()


async def test_health_and_metrics() -> None:
    # given a gateway that answered one query
    async with in_process_gateway() as gw:
        await gw.client.post("/graphql", json={"query": ME})
        live = await gw.client.get("/health/live")
        ready = await gw.client.get("/health/ready")
        metrics = (await gw.client.get("/metrics")).text
    # then the probes answer and the metrics count the request and its subgraph fetch
    assert (live.json(), ready.json()["status"]) == ({"status": "live"}, "ready")
    assert 'tongban_gateway_requests_total{kind="query",status="200"} 1.0' in metrics
    assert (
        'tongban_gateway_subgraph_fetch_duration_seconds_count{service="accounts"} 1.0' in metrics
    )


class ClosingTransport:
    """A subgraph transport that only records whether it was closed."""

    def __init__(self) -> None:
        self.closed = False

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        raise AssertionError("no request is sent")

    async def close(self) -> None:
        self.closed = True


async def test_shutdown_closes_the_subgraph_connections() -> None:
    # given the gateway app over a transport that records its closing
    transport = ClosingTransport()
    supergraph = Supergraph.from_sdl(SUPERGRAPH.read_text(encoding="utf-8"))
    engine = Engine(supergraph, fetcher=SubgraphFetcher(transport=transport))
    app = create_gateway_app(engine)
    # when the server starts and stops it
    async with app.router.lifespan_context(app):
        running = transport.closed
    # then the pooled connections stay open while it runs and are closed at shutdown
    assert (running, transport.closed) == (False, True)
