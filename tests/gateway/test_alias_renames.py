"""A fetch's planner aliases are undone in its answer and in its errors' paths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from gateway.executor.run import RunState
from gateway.executor.transports import RawResponse
from gateway.planner.aliases import KeyRename
from gateway.planner.nodes import Fetch
from gateway.planner.selection import SelectionSet
from tests.gateway.inprocess import run_node


class Answering:
    """A subgraph transport that answers every request with one payload."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.body = orjson.dumps(payload)

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        return RawResponse(200, self.body)

    async def close(self) -> None:
        """Nothing to close."""


async def test_aliased_fields_get_their_keys_back_in_data_and_error_paths() -> None:
    # given a root fetch that sent a voucher's `size` under the alias `size__alias_0`, and a
    # subgraph answer with that alias in its data and in an error's path
    answer = {
        "data": {
            "shelf": [
                {"__typename": "Product", "size": "A5"},
                {"__typename": "Voucher", "size__alias_0": {"pages": None}},
            ]
        },
        "errors": [
            {
                "message": "no pages",
                "path": ["shelf", 1, "size__alias_0", "pages"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
    }
    fetch = Fetch(
        id=0,
        service="products",
        graph="PRODUCTS",
        operation="{ shelf { __typename ... }",
        operation_kind="query",
        selections=SelectionSet(),
        renames=(KeyRename(("shelf",), "size__alias_0", "size"),),
    )
    state = RunState(variables={}, headers={})
    # when the fetch runs
    await run_node(fetch, state, Answering(answer))
    # then the data and the error's path use the client's key
    assert (state.data, state.errors) == (
        {
            "shelf": [
                {"__typename": "Product", "size": "A5"},
                {"__typename": "Voucher", "size": {"pages": None}},
            ]
        },
        [
            {
                "message": "no pages",
                "path": ["shelf", 1, "size", "pages"],
                "extensions": {"code": "BAD_USER_INPUT", "serviceName": "products"},
            }
        ],
    )
