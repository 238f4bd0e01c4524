"""Bad requests get a clear 4xx or GraphQL error from any subgraph, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ClientFactory

KNOWN_ID = "11010519491231002X"  # the standard's example: valid, but not in Sanming's register


def nested_fathers(depth: int) -> str:
    return f'{{ person(idNumber: "{KNOWN_ID}") {{ {"father { " * depth} name {"}" * depth} }} }}'


BAD_REQUESTS: list[tuple[str, dict[str, Any], int, Any]] = [
    (
        "malformed JSON",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        400,
        "Unable to parse request body as JSON",
    ),
    (
        "a JSON array (batching)",
        {"json": [{"query": "{ __typename }"}]},
        400,
        "Batching is not enabled",
    ),
    ("no query", {"json": {"variables": {}}}, 400, "No GraphQL query found in the request"),
    (
        "an unsupported content type",
        {"content": b'{"query": "{ __typename }"}', "headers": {"content-type": "text/plain"}},
        400,
        "Unsupported content type",
    ),
    (
        "a body over the limit",
        {"content": b" " * 1_000_001, "headers": {"content-type": "application/json"}},
        413,
        {"errors": [{"message": "request body is larger than 1000000 bytes"}]},
    ),
    (
        "a lying content-length",
        {
            "content": b"{}",
            "headers": {"content-type": "application/json", "content-length": "nope"},
        },
        413,
        {"errors": [{"message": "request body is larger than 1000000 bytes"}]},
    ),
]


@pytest.mark.parametrize(
    ("case", "request_args", "status", "body"), BAD_REQUESTS, ids=[case[0] for case in BAD_REQUESTS]
)
async def test_bad_request_is_refused_with_a_clear_status(
    client: ClientFactory, case: str, request_args: dict[str, Any], status: int, body: Any
) -> None:
    # given a subgraph, when a client sends a request that is not a GraphQL request
    async with client("police") as http:
        response = await http.post("/graphql", **request_args)
    # then it is refused with a 4xx status and a reason
    assert (response.status_code, response.json() if isinstance(body, dict) else response.text) == (
        status,
        body,
    )


GRAPHQL_ERRORS: list[tuple[str, dict[str, Any], str]] = [
    ("an unknown field", {"query": "{ nope }"}, "Cannot query field 'nope' on type 'Query'."),
    (
        "a variable of the wrong type",
        {"query": "query($id: String!) { person(idNumber: $id) { name } }", "variables": {"id": 5}},
        "Variable '$id' has invalid value: String cannot represent a non string value: 5",
    ),
    (
        "a query too deep",
        {"query": nested_fathers(15)},
        "'anonymous' exceeds maximum operation depth of 12",
    ),
    (
        "too many aliases",
        {"query": "{ " + " ".join(f"a{i}: policeUnits {{ code }}" for i in range(31)) + " }"},
        "31 aliases found. Allowed: 30",
    ),
    (
        "too many tokens",
        {"query": "{ " + "__typename " * 5_000 + "}"},
        "Syntax Error: Document contains more than 5000 tokens. Parsing aborted.",
    ),
    (
        "an unknown mutation",
        {"query": "mutation { x }"},
        "Cannot query field 'x' on type 'Mutation'.",
    ),
]


@pytest.mark.parametrize(
    ("case", "payload", "message"), GRAPHQL_ERRORS, ids=[case[0] for case in GRAPHQL_ERRORS]
)
async def test_invalid_operation_gets_a_graphql_error_and_no_data(
    client: ClientFactory, case: str, payload: dict[str, Any], message: str
) -> None:
    # given a subgraph, when a client sends an operation that cannot be executed
    async with client("police") as http:
        response = await http.post("/graphql", json=payload)
    # then the answer is a GraphQL error naming the problem, with no data
    body = response.json()
    assert (response.status_code, body["data"], [e["message"] for e in body["errors"]]) == (
        200,
        None,
        [message],
    )


async def test_get_queries_are_refused(client: ClientFactory) -> None:
    # given a subgraph, only the gateway calls it, by POST
    async with client("police") as http:
        # when a client sends a query by GET
        response = await http.get("/graphql", params={"query": "{ __typename }"})
    # then it is refused
    assert (response.status_code, response.text) == (400, "queries are not allowed when using GET")


async def test_unexpected_errors_are_masked(
    client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a service that fails with an internal detail in its message
    async def broken(**_: Any) -> None:
        raise RuntimeError("connection to 10.0.0.7 refused: password for tongban")

    monkeypatch.setattr("agencies.police.services.list_police_units", broken)
    # when a client reaches it
    async with client("police") as http:
        response = await http.post("/graphql", json={"query": "{ policeUnits { code } }"})
    # then the error says nothing of the internals
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Unexpected error.",
                "locations": [{"line": 1, "column": 3}],
                "path": ["policeUnits"],
            }
        ],
    }


async def test_health_reports_the_subgraph(client: ClientFactory) -> None:
    # given a running subgraph, when its health is asked
    async with client("police") as http:
        response = await http.get("/health")
    # then it answers that it and its database are fine
    assert (response.status_code, response.json()) == (200, {"status": "ok", "subgraph": "police"})
