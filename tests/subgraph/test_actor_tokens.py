"""A subgraph answers only calls carrying a valid actor token for it; everything else is 401."""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import pytest

from authz.headers import ACTOR_HEADER, ActorHeaders
from authz.keys import KeySet, generate_key
from authz.tokens import mint_actor_token
from subgraph.app import create_subgraph_app
from subgraph.settings import SubgraphSettings
from tests.conftest import ClientFactory, Platform, staff
from tests.memory_sink import MemoryAuditSink
from tongban.agencies import definition_of

QUERY = {"query": "{ policeUnits { code } }"}
REFUSED = {
    "errors": [
        {
            "message": "A valid actor token is required to call this subgraph.",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ]
}


def token_for(keys: KeySet, **options: Any) -> str:
    """A token for police staff, as the gateway would sign it, with `options` changed."""
    arguments: dict[str, Any] = {
        "audience": "police",
        "key": keys.current,
        "issuer": "tongban-gateway",
    }
    arguments.update(options)
    return mint_actor_token(staff("police"), **arguments)


@pytest.mark.parametrize(
    ("case", "headers", "reason"),
    [
        ("no token", lambda keys: {}, "missing actor token"),
        (
            "an expired token",
            lambda keys: {ACTOR_HEADER: token_for(keys, now=time.time() - 600)},
            "token expired",
        ),
        (
            "a token for another subgraph",
            lambda keys: {ACTOR_HEADER: token_for(keys, audience="tax")},
            "wrong audience",
        ),
        (
            "a token from another issuer",
            lambda keys: {ACTOR_HEADER: token_for(keys, issuer="someone-else")},
            "wrong issuer",
        ),
        (
            "a token signed with an unknown key",
            lambda keys: {ACTOR_HEADER: token_for(KeySet(current=generate_key()))},
            "unknown key id",
        ),
        ("garbage", lambda keys: {ACTOR_HEADER: "not.a.token"}, "malformed token"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
async def test_a_call_without_a_valid_token_is_refused_with_401(
    client: ClientFactory,
    actor_keys: KeySet,
    caplog: pytest.LogCaptureFixture,
    case: str,
    headers: Any,
    reason: str,
) -> None:
    # given a subgraph, and a caller sending no valid actor token
    async with client("police", actor=None) as http:
        # when it posts an operation
        with caplog.at_level(logging.WARNING, logger="tongban.subgraph"):
            response = await http.post("/graphql", json=QUERY, headers=headers(actor_keys))
    # then the whole answer is a generic 401; the reason is only in the log
    assert (response.status_code, response.json()) == (401, REFUSED)
    assert f"police refused a call: {reason}" in caplog.text


async def test_a_replayed_token_is_refused(client: ClientFactory, actor_keys: KeySet) -> None:
    # given a token the gateway minted for one call
    token = token_for(actor_keys)
    async with client("police", actor=None) as http:
        # when it is sent twice
        first = await http.post("/graphql", json=QUERY, headers={ACTOR_HEADER: token})
        second = await http.post("/graphql", json=QUERY, headers={ACTOR_HEADER: token})
    # then the first call is answered and the replay refused
    assert first.status_code == 200 and "errors" not in first.json()
    assert (second.status_code, second.json()) == (401, REFUSED)


async def test_health_needs_no_token(client: ClientFactory) -> None:
    # given a caller without a token, when it asks the subgraph's health, then it is answered
    async with client("police", actor=None) as http:
        response = await http.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "subgraph": "police"})


def test_an_app_is_not_built_without_keys_or_audit() -> None:
    # given the police settings (actor tokens required)
    settings = SubgraphSettings(name="police", database_url="sqlite+aiosqlite:///:memory:")
    keys = KeySet(current=generate_key())
    # when an app is built without keys, or without an audit sink, then the factory refuses
    with pytest.raises(ValueError, match="requires actor tokens: give actor_keys"):
        create_subgraph_app(definition_of("police"), settings, audit_sink=MemoryAuditSink())
    with pytest.raises(ValueError, match="needs an audit_sink"):
        create_subgraph_app(definition_of("police"), settings, actor_keys=keys)
    # and turning tokens off needs the actor token-less calls run as
    relaxed = SubgraphSettings(
        name="police", database_url="sqlite+aiosqlite:///:memory:", require_actor=False
    )
    with pytest.raises(ValueError, match="give the development_actor"):
        create_subgraph_app(definition_of("police"), relaxed, audit=False)


async def test_without_required_tokens_token_less_calls_run_as_the_development_actor(
    platform: Platform,
    mint: ActorHeaders,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given a subgraph run for local development with actor tokens not required
    settings = SubgraphSettings(
        name="police",
        database_url=str(platform.databases["police"].url),
        database_schema=platform.databases["police"].schema,
        require_actor=False,
    )
    database = platform.databases["police"]
    with caplog.at_level(logging.WARNING, logger="tongban.subgraph"):
        app = create_subgraph_app(
            definition_of("police"),
            settings,
            database=database,
            actor_keys=KeySet(current=generate_key()),
            development_actor=staff("police"),
            audit=False,
        )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sub") as http:
        # when a call comes without a token, and one with a token it cannot verify
        plain = await http.post("/graphql", json=QUERY)
        foreign = await http.post(
            "/graphql", json=QUERY, headers=mint.headers(staff("police"), "police")
        )
    # then the first is served (and the relaxation was logged loudly), the second refused
    assert plain.status_code == 200 and plain.json()["data"]["policeUnits"]
    assert "accepts calls WITHOUT an actor token" in caplog.text
    assert (foreign.status_code, foreign.json()) == (401, REFUSED)
