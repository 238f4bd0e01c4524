"""Entity representations: only objects holding every key field, nested ones included."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from gateway.executor.run import RunState
from gateway.executor.transports import RawResponse
from gateway.planner.nodes import Fetch, Flatten
from gateway.planner.selection import FieldSel, FragmentSel, SelectionSet
from tests.gateway.inprocess import run_node


class Recording:
    """A subgraph transport that keeps what it was sent and finds one wishlist each time."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        variables = orjson.loads(body)["variables"]
        self.sent.append(variables)
        entities = [{"products": []} for _ in variables["representations"]]
        return RawResponse(200, orjson.dumps({"data": {"_entities": entities}}))

    async def close(self) -> None:
        """Nothing to close."""


async def test_an_object_missing_a_nested_key_field_is_not_represented() -> None:
    # given wishlists keyed by `owner { id }`, one of whose owners came back without an id
    keyed_by_owner_id = SelectionSet(
        [
            FragmentSel(
                "Wishlist",
                selections=SelectionSet(
                    [
                        FieldSel("__typename"),
                        FieldSel("owner", selections=SelectionSet([FieldSel("id")])),
                    ]
                ),
            )
        ]
    )
    fetch = Fetch(
        id=1,
        service="products",
        graph="PRODUCTS",
        operation="query($representations: [_Any!]!) { _entities { ... } }",
        operation_kind="query",
        selections=SelectionSet(),
        requires=keyed_by_owner_id,
    )
    state = RunState(
        variables={},
        headers={},
        data={
            "wishlists": [
                {"__typename": "Wishlist", "owner": {"id": "u1"}},
                {"__typename": "Wishlist", "owner": {"username": "ada"}},
            ]
        },
    )
    transport = Recording()
    # when the entity fetch runs over both
    await run_node(Flatten(("wishlists", "@"), fetch), state, transport)
    # then only the complete wishlist is sent, and only it is extended
    assert (transport.sent, state.data["wishlists"]) == (
        [{"representations": [{"__typename": "Wishlist", "owner": {"id": "u1"}}]}],
        [
            {"__typename": "Wishlist", "owner": {"id": "u1"}, "products": []},
            {"__typename": "Wishlist", "owner": {"username": "ada"}},
        ],
    )
