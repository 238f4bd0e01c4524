"""Token revocation (RFC 7009) at /revoke: refresh token families, access tokens by jti."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from joserfc import jwt
from sqlalchemy import select

from identity.demo import DEMO_WEB_CLIENT_ID
from identity.models import RefreshToken, RevokedAccessToken
from identity.tokens import digest
from tests.identity.conftest import (
    STAFF,
    Provider,
    system_auth,
    system_token,
    web_tokens,
)

WEB = {"client_id": DEMO_WEB_CLIENT_ID}


async def revoke(http: httpx.AsyncClient, token: str, **auth: str) -> httpx.Response:
    return await http.post("revoke", data={"token": token, **auth})


async def refresh(http: httpx.AsyncClient, token: str) -> httpx.Response:
    return await http.post(
        "token", data={"grant_type": "refresh_token", "refresh_token": token, **WEB}
    )


async def family_states(provider: Provider, refresh_token: str) -> list[tuple[bool, str | None]]:
    """The (revoked, reason) of every token in the family of `refresh_token`, oldest first."""
    async with provider.sessions() as session:
        row = await session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == digest(refresh_token))
        )
        assert row is not None
        rows = await session.scalars(
            select(RefreshToken).where(RefreshToken.family_id == row.family_id).order_by("id")
        )
        return [(token.revoked, token.revoked_reason) for token in rows]


async def denied(provider: Provider) -> list[dict[str, Any]]:
    """Every revoked access token, as rows."""
    async with provider.sessions() as session:
        rows = await session.scalars(select(RevokedAccessToken))
        return [{"jti": r.jti, "client_id": r.client_id, "expires_at": r.expires_at} for r in rows]


def claims_of(provider: Provider, token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, provider.public_keys()).claims)


async def test_revoking_a_refresh_token_revokes_its_whole_family(provider: Provider) -> None:
    # given a web sign-in whose refresh token was rotated once
    http = provider.http()
    first = (await web_tokens(http))["refresh_token"]
    second = (await refresh(http, first)).json()["refresh_token"]
    # when the web client revokes the first (already rotated) token
    answer = await revoke(http, first, token_type_hint="refresh_token", **WEB)
    # then the answer is an empty 200, and the live successor is revoked with it
    again = await refresh(http, second)
    assert (answer.status_code, answer.json(), answer.headers["cache-control"]) == (
        200,
        {},
        "no-store",
    )
    assert await family_states(provider, first) == [(True, "rotated"), (True, "revoked")]
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


async def test_web_client_revokes_its_access_token_until_it_expires(provider: Provider) -> None:
    # given a signed-in citizen's access token that /userinfo accepts
    http = provider.http()
    access = (await web_tokens(http))["access_token"]
    bearer = {"authorization": f"Bearer {access}"}
    assert (await http.get("userinfo", headers=bearer)).status_code == 200
    # when the web client revokes it
    answer = await revoke(http, access, token_type_hint="access_token", **WEB)
    # then its jti is denied until its expiry, and /userinfo refuses it
    claims = claims_of(provider, access)
    refused = await http.get("userinfo", headers=bearer)
    assert (answer.status_code, answer.json()) == (200, {})
    assert await denied(provider) == [
        {"jti": claims["jti"], "client_id": DEMO_WEB_CLIENT_ID, "expires_at": claims["exp"]}
    ]
    assert (refused.status_code, refused.json()) == (401, {"error": "invalid_token"})


async def test_agency_system_revokes_its_access_token(provider: Provider) -> None:
    # given an access token of the hall's system
    access = await system_token(provider)
    # when the hall's system revokes it (private_key_jwt), twice
    http = provider.http()
    answers = [await revoke(http, access, **system_auth(provider)) for _ in range(2)]
    # then both answers are 200 and the token is denied once
    claims = claims_of(provider, access)
    assert [(a.status_code, a.json()) for a in answers] == [(200, {}), (200, {})]
    assert await denied(provider) == [
        {"jti": claims["jti"], "client_id": "hall-system", "expires_at": claims["exp"]}
    ]


@pytest.mark.parametrize("hint", ["refresh_token", "id_token", "bogus", ""])
async def test_a_wrong_or_unknown_hint_does_not_stop_revocation(
    provider: Provider, hint: str
) -> None:
    # given a system's access token, when it is revoked with a misleading or unknown hint
    access = await system_token(provider)
    answer = await revoke(provider.http(), access, token_type_hint=hint, **system_auth(provider))
    # then the hint is ignored and the token is revoked all the same
    assert (answer.status_code, answer.json()) == (200, {})
    assert [row["jti"] for row in await denied(provider)] == [claims_of(provider, access)["jti"]]


async def test_a_client_cannot_revoke_another_clients_tokens(provider: Provider) -> None:
    # given the police system's access token and a citizen's refresh token
    police = await system_token(provider, "police")
    browser = provider.http()
    citizen = (await web_tokens(browser))["refresh_token"]
    # when the hall's system tries to revoke both, and the web client the police token
    http = provider.http()
    answers = [
        await revoke(http, police, **system_auth(provider)),
        await revoke(http, citizen, **system_auth(provider)),
        await revoke(http, police, **WEB),
    ]
    # then each answer is an empty 200 (RFC 7009 §2.2), and nothing was revoked
    renewed = await refresh(browser, citizen)
    assert [(a.status_code, a.json()) for a in answers] == [(200, {})] * 3
    assert await denied(provider) == []
    assert renewed.status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "no-such-token",
        "a.b.c",
        "x" * 9_000,
        "eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.",
    ],
    ids=["unknown", "not a jwt", "oversized", "unsigned"],
)
async def test_unknown_tokens_are_answered_200_and_change_nothing(
    provider: Provider, token: str
) -> None:
    # given a token this provider never issued, when a client revokes it
    answer = await revoke(provider.http(), token, **WEB)
    # then the answer is an empty 200 and nothing is denied
    assert ((answer.status_code, answer.json()), await denied(provider)) == ((200, {}), [])


async def test_a_system_token_past_its_expiry_is_not_denied(provider: Provider) -> None:
    # given a system token that expired long ago (beyond any leeway)
    access = await system_token(provider)
    provider.clock.now += provider.settings.access_token_ttl + 3600
    # when it is revoked
    answer = await revoke(provider.http(), access, **system_auth(provider))
    # then there is nothing left to deny
    assert ((answer.status_code, answer.json()), await denied(provider)) == ((200, {}), [])


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"token": "t"}, "invalid_client"),
        ({"token": "t", "client_id": "nobody"}, "invalid_client"),
        ({"token": "t", "client_id": "hall-system"}, "invalid_client"),
        (
            {"token": "t", "client_id": DEMO_WEB_CLIENT_ID, "client_secret": "guess"},
            "invalid_client",
        ),
        ({"client_id": DEMO_WEB_CLIENT_ID}, "invalid_request"),
        ({"token": "", "client_id": DEMO_WEB_CLIENT_ID}, "invalid_request"),
        ({"token": "ü", "client_id": DEMO_WEB_CLIENT_ID}, "invalid_request"),
    ],
    ids=[
        "no client authentication",
        "unknown client",
        "agency system without its assertion",
        "secret for a public client",
        "no token",
        "empty token",
        "non-ASCII token",
    ],
)
async def test_bad_revocation_requests_are_refused(
    provider: Provider, data: dict[str, str], error: str
) -> None:
    # given a revocation request without valid client authentication or token
    # when it is posted
    answer = await provider.http().post("revoke", data=data)
    # then it is refused with the OAuth error, and nothing is denied
    assert (answer.status_code, answer.json()["error"], await denied(provider)) == (
        400,
        error,
        [],
    )


async def test_replayed_assertion_is_refused(provider: Provider) -> None:
    # given an agency system's assertion used once to revoke
    auth = system_auth(provider)
    http = provider.http()
    first = await revoke(http, "t", **auth)
    # when the same assertion is sent again
    replay = await revoke(http, "t", **auth)
    # then the replay is refused
    assert (first.status_code, replay.status_code, replay.json()["error"]) == (
        200,
        400,
        "invalid_client",
    )


@pytest.mark.parametrize(
    ("request_options", "status"),
    [
        ({"method": "GET", "url": "revoke"}, 405),
        ({"method": "POST", "url": "revoke", "content": b"token=" + b"a" * 20_000}, 413),
        ({"method": "POST", "url": "revoke", "json": {"token": "t"}}, 400),
        ({"method": "POST", "url": "revoke", "content": b"token=a&token=b&client_id=x"}, 400),
    ],
    ids=["GET", "oversized body", "JSON body", "repeated parameter"],
)
async def test_malformed_requests_get_an_oauth_error(
    provider: Provider, request_options: dict[str, Any], status: int
) -> None:
    # given a malformed request to /revoke, when it is sent
    options = dict(request_options)
    if "content" in options:
        options["headers"] = {"content-type": "application/x-www-form-urlencoded"}
    answer = await provider.http().request(**options)
    # then it is an invalid_request in JSON with the status that says why
    assert (answer.status_code, answer.json()["error"]) == (status, "invalid_request")


async def test_revoking_an_unused_refresh_token(provider: Provider) -> None:
    # given a staff member's refresh token, when the web client revokes it
    http = provider.http()
    refresh_token = (await web_tokens(http, STAFF))["refresh_token"]
    answer = await revoke(http, refresh_token, **WEB)
    # then its family is revoked
    assert (answer.status_code, await family_states(provider, refresh_token)) == (
        200,
        [(True, "revoked")],
    )
