"""Sibling entity fetches that send the same operation to one subgraph share one call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from gateway.executor.run import RunState
from gateway.executor.transports import RawResponse
from gateway.planner.nodes import Fetch, Flatten, Parallel
from gateway.planner.selection import FieldSel, FragmentSel, SelectionSet
from tests.gateway.inprocess import run_node

ENTITIES = "($representations:[_Any!]!){_entities(representations:$representations)"


class Directory:
    """An accounts subgraph answering the field asked (name or email); it records the calls."""

    def __init__(self) -> None:
        self.representations: list[list[dict[str, Any]]] = []

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
        request = orjson.loads(body)
        representations = request["variables"]["representations"]
        self.representations.append(representations)
        if "email" in request["query"]:
            entities = [{"email": f"{r['id']}@example.org"} for r in representations]
        else:
            entities = [{"name": f"user {r['id']}"} for r in representations]
        return RawResponse(200, orjson.dumps({"data": {"_entities": entities}}))

    async def close(self) -> None:
        """Nothing to close."""


def user_fetch(fetch_id: int, field: str) -> Fetch:
    """The planner's `_entities` fetch number `fetch_id` of a user's `field` from accounts.

    Its operation is named after the fetch, as the planner names them, so two fetches of the
    same field differ in their operation's text.
    """
    requires = SelectionSet([FragmentSel("User", selections=SelectionSet([FieldSel("id")]))])
    selections = SelectionSet([FragmentSel("User", selections=SelectionSet([FieldSel(field)]))])
    return Fetch(
        id=fetch_id,
        service="accounts",
        graph="ACCOUNTS",
        operation=f"query Reviews__accounts__{fetch_id}{ENTITIES}{{...on User{{{field}}}}}}}",
        operation_kind="query",
        selections=selections,
        requires=requires,
    )


def users_at(*ids: str) -> dict[str, Any]:
    """A response tree with an author and a list of reviewers, by id."""
    author, *reviewers = ids
    return {
        "author": {"__typename": "User", "id": author},
        "reviewers": [{"__typename": "User", "id": user} for user in reviewers],
    }


async def test_same_operation_at_two_paths_is_one_call_with_each_user_once() -> None:
    # given two sibling fetches of users' names at `author` and `reviewers.@`, where user 1
    # is both the author and a reviewer
    node = Parallel(
        [
            Flatten(("author",), user_fetch(1, "name")),
            Flatten(("reviewers", "@"), user_fetch(2, "name")),
        ]
    )
    state = RunState(variables={}, headers={}, data=users_at("1", "2", "1"))
    accounts = Directory()
    # when the parallel node runs
    await run_node(node, state, accounts)
    # then accounts got one call with users 1 and 2 once each, and every path has its name
    assert (accounts.representations, state.data, state.errors) == (
        [[{"__typename": "User", "id": "1"}, {"__typename": "User", "id": "2"}]],
        {
            "author": {"__typename": "User", "id": "1", "name": "user 1"},
            "reviewers": [
                {"__typename": "User", "id": "2", "name": "user 2"},
                {"__typename": "User", "id": "1", "name": "user 1"},
            ],
        },
        [],
    )


async def test_different_operations_at_two_paths_are_two_calls() -> None:
    # given sibling fetches to the same subgraph that select different fields
    node = Parallel(
        [
            Flatten(("author",), user_fetch(1, "name")),
            Flatten(("reviewers", "@"), user_fetch(2, "email")),
        ]
    )
    state = RunState(variables={}, headers={}, data=users_at("1", "2"))
    accounts = Directory()
    # when the parallel node runs
    await run_node(node, state, accounts)
    # then each fetch made its own call, and each path got the fields its fetch asked for
    assert (sorted(accounts.representations, key=str), state.data) == (
        [[{"__typename": "User", "id": "1"}], [{"__typename": "User", "id": "2"}]],
        {
            "author": {"__typename": "User", "id": "1", "name": "user 1"},
            "reviewers": [{"__typename": "User", "id": "2", "email": "2@example.org"}],
        },
    )


async def test_an_error_of_the_shared_call_reaches_every_path_of_its_entity() -> None:
    # given a shared call whose subgraph reports an error on its only entity, the user at
    # both paths
    class Failing(Directory):
        async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> RawResponse:
            await super().post(url, body, headers)
            payload = {
                "data": {"_entities": [None]},
                "errors": [
                    {
                        "message": "gone",
                        "path": ["_entities", 0, "name"],
                        "extensions": {"code": "NOT_FOUND"},
                    }
                ],
            }
            return RawResponse(200, orjson.dumps(payload))

    node = Parallel(
        [
            Flatten(("author",), user_fetch(1, "name")),
            Flatten(("reviewers", "@"), user_fetch(2, "name")),
        ]
    )
    state = RunState(variables={}, headers={}, data=users_at("1", "1"))
    accounts = Failing()
    # when the parallel node runs
    await run_node(node, state, accounts)
    # then the one call's error is placed at both of the client's paths
    error = {"message": "gone", "extensions": {"code": "NOT_FOUND", "serviceName": "accounts"}}
    assert (len(accounts.representations), state.errors) == (
        1,
        [
            {**error, "path": ["author", "name"]},
            {**error, "path": ["reviewers", 0, "name"]},
        ],
    )
