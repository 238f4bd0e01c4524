"""Token introspection (RFC 7662) at /introspect, for agency systems and their own tokens."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from joserfc import jwt

from identity.demo import DEMO_WEB_CLIENT_ID
from identity.keys import new_signing_key
from identity.tokens import mint_access_token
from tests.identity.conftest import Provider, system_auth, system_token, web_tokens

INACTIVE = {"active": False}


async def introspect(
    provider: Provider, token: str, agency: str = "hall", **extra: str
) -> httpx.Response:
    return await provider.http().post(
        "introspect", data={"token": token, **system_auth(provider, agency), **extra}
    )


def claims_of(provider: Provider, token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, provider.public_keys()).claims)


async def test_an_active_token_answers_with_its_claims(provider: Provider) -> None:
    # given an access token of the hall's system
    access = await system_token(provider)
    # when the hall's system introspects it
    answer = await introspect(provider, access, token_type_hint="access_token")
    # then it is active, with every claim of the token
    assert (answer.status_code, answer.headers["cache-control"], answer.json()) == (
        200,
        "no-store",
        {**claims_of(provider, access), "active": True, "token_type": "Bearer"},
    )


async def test_a_revoked_token_is_inactive(provider: Provider) -> None:
    # given a system token that its system revoked
    access = await system_token(provider)
    revoked = await provider.http().post("revoke", data={"token": access, **system_auth(provider)})
    # when it is introspected
    answer = await introspect(provider, access)
    # then it is inactive
    assert (revoked.status_code, answer.status_code, answer.json()) == (200, 200, INACTIVE)


@pytest.mark.parametrize("seconds_past", [1, 3600])
async def test_an_expired_token_is_inactive(provider: Provider, seconds_past: int) -> None:
    # given a system token past its expiry (within the leeway, and long after)
    access = await system_token(provider)
    provider.clock.now += provider.settings.access_token_ttl + seconds_past
    # when it is introspected, then it is inactive
    answer = await introspect(provider, access)
    assert (answer.status_code, answer.json()) == (200, INACTIVE)


async def test_another_clients_token_is_inactive(provider: Provider) -> None:
    # given the police system's token, and a citizen's tokens of the web client
    police = await system_token(provider, "police")
    citizen = await web_tokens(provider.http())
    # when the hall's system introspects them
    answers = [
        await introspect(provider, token)
        for token in (police, citizen["access_token"], citizen["refresh_token"])
    ]
    # then none of them is active for the hall, while the police see their own as active
    own = await introspect(provider, police, "police")
    assert [(a.status_code, a.json()) for a in answers] == [(200, INACTIVE)] * 3
    assert own.json() == {**claims_of(provider, police), "active": True, "token_type": "Bearer"}


async def test_unknown_and_foreign_tokens_are_inactive(provider: Provider) -> None:
    # given tokens this provider did not issue: garbage, an oversized value, a token for
    # another issuer signed with our own key, and one signed by a stranger's key
    keys = provider.keys
    options: dict[str, Any] = {
        "audience": "tongban-gateway",
        "subject": "hall-system",
        "client_id": "hall-system",
        "scope": "gateway",
        "attributes": {"kind": "SYSTEM"},
        "now": int(provider.clock.now),
        "ttl": 600,
    }
    elsewhere = mint_access_token(keys.current(), issuer="https://elsewhere.example", **options)
    stranger = mint_access_token(new_signing_key(), issuer=provider.settings.issuer, **options)
    tokens = ["garbage", "x" * 9_000, elsewhere, stranger]
    # when the hall's system introspects them
    answers = [await introspect(provider, token) for token in tokens]
    # then each is inactive
    assert [(a.status_code, a.json()) for a in answers] == [(200, INACTIVE)] * 4


async def test_an_unknown_hint_is_ignored(provider: Provider) -> None:
    # given a system token, when it is introspected with a hint of no known type
    access = await system_token(provider)
    answer = await introspect(provider, access, token_type_hint="bogus")
    # then the hint is ignored and the token is active
    assert (answer.status_code, answer.json()) == (
        200,
        {**claims_of(provider, access), "active": True, "token_type": "Bearer"},
    )


@pytest.mark.parametrize(
    "data",
    [
        {"token": "t"},
        {"token": "t", "client_id": DEMO_WEB_CLIENT_ID},
        {"token": "t", "client_id": "hall-system"},
    ],
    ids=["no client authentication", "the public web client", "a system without assertion"],
)
async def test_only_authenticated_agency_systems_may_introspect(
    provider: Provider, data: dict[str, str]
) -> None:
    # given an introspection request without a system's private_key_jwt, when it is posted
    answer = await provider.http().post("introspect", data=data)
    # then it is refused as invalid_client
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_client")


async def test_a_missing_token_is_an_invalid_request(provider: Provider) -> None:
    # given an authenticated system that names no token, when it introspects
    answer = await provider.http().post("introspect", data=system_auth(provider))
    # then the request is refused
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_request")
