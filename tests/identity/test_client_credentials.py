"""client_credentials for agency systems, authenticated with private_key_jwt (RFC 7523)."""

from __future__ import annotations

import time

import httpx
from joserfc import jwt
from joserfc.jwk import ECKey

from authz.client_assertion import ASSERTION_TYPE, client_assertion
from identity.keys import new_signing_key
from tests.identity.conftest import ISSUER, TOKEN_ENDPOINT, Provider


async def request_token(http: httpx.AsyncClient, assertion: str, **extra: str) -> httpx.Response:
    return await http.post(
        "token",
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
            **extra,
        },
    )


def assertion_for(key: ECKey, client_id: str = "hall-system", **options: int | str) -> str:
    return client_assertion(key, client_id=client_id, token_endpoint=TOKEN_ENDPOINT, **options)  # type: ignore[arg-type]


async def test_valid_assertion_gets_a_system_token(provider: Provider) -> None:
    http = provider.http()
    answer = await request_token(http, assertion_for(provider.system_key()))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "refresh_token" not in body and "id_token" not in body
    token = jwt.decode(body["access_token"], provider.public_keys(), algorithms=["ES256"])
    assert token.header["typ"] == "at+jwt"
    claims = token.claims
    assert claims["iss"] == ISSUER and claims["aud"] == "tongban-gateway"
    assert claims["sub"] == "hall-system" and claims["client_id"] == "hall-system"
    assert claims["kind"] == "SYSTEM" and claims["agency"] == "hall"
    assert claims["roles"] == ["system"] and claims["scope"] == "gateway"


async def test_issuer_is_an_accepted_audience_and_scope_can_be_named(provider: Provider) -> None:
    http = provider.http()
    key = provider.system_key("police")
    assertion = client_assertion(key, client_id="police-system", token_endpoint=ISSUER)
    answer = await request_token(http, assertion, scope="gateway")
    assert answer.status_code == 200, answer.text
    assert jwt.decode(answer.json()["access_token"], provider.public_keys()).claims["agency"] == (
        "police"
    )


async def test_assertion_signed_with_another_key_is_refused(provider: Provider) -> None:
    http = provider.http()
    stranger = new_signing_key()
    answer = await request_token(http, assertion_for(stranger))
    assert answer.status_code in {400, 401}
    assert answer.json()["error"] == "invalid_client"
    # Another agency's key, under this client's name.
    answer = await request_token(http, assertion_for(provider.system_key("tax")))
    assert answer.json()["error"] == "invalid_client"


async def test_replayed_assertion_is_refused(provider: Provider) -> None:
    http = provider.http()
    assertion = assertion_for(provider.system_key())
    assert (await request_token(http, assertion)).status_code == 200
    replay = await request_token(http, assertion)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_client"
    assert "used before" in replay.json()["error_description"]


async def test_expired_assertion_is_refused(provider: Provider) -> None:
    http = provider.http()
    old = int(time.time()) - 600
    answer = await request_token(http, assertion_for(provider.system_key(), now=old))
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"
    assert "expired" in answer.json()["error_description"]


async def test_long_lived_assertion_is_refused(provider: Provider) -> None:
    http = provider.http()
    answer = await request_token(http, assertion_for(provider.system_key(), ttl=86_400))
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"


async def test_wrong_audience_is_refused(provider: Provider) -> None:
    http = provider.http()
    for audience in ("tongban-gateway", "https://elsewhere.example/token"):
        assertion = client_assertion(
            provider.system_key(), client_id="hall-system", token_endpoint=audience
        )
        answer = await request_token(http, assertion)
        assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"
        assert "aud" in answer.json()["error_description"]


async def test_assertion_for_unknown_or_public_client_is_refused(provider: Provider) -> None:
    http = provider.http()
    key = provider.system_key()
    for client_id in ("nobody-system", "tongban-web"):
        answer = await request_token(http, assertion_for(key, client_id))
        assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"


async def test_mismatched_client_id_is_refused(provider: Provider) -> None:
    http = provider.http()
    answer = await request_token(
        http, assertion_for(provider.system_key()), client_id="police-system"
    )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"


async def test_issuer_and_subject_must_match(provider: Provider) -> None:
    http = provider.http()
    key = provider.system_key()
    now = int(time.time())
    claims = {
        "iss": "police-system",
        "sub": "hall-system",
        "aud": TOKEN_ENDPOINT,
        "iat": now,
        "exp": now + 60,
        "jti": "x1",
    }
    assertion = jwt.encode({"alg": "ES256", "kid": key.kid}, claims, key)
    answer = await request_token(http, assertion)
    assert answer.json()["error"] == "invalid_client"


async def test_unsigned_or_garbage_assertions_are_refused(provider: Provider) -> None:
    http = provider.http()
    for assertion in ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJoYWxsLXN5c3RlbSJ9.", "garbage", "a.b.c"):
        answer = await request_token(http, assertion)
        assert answer.status_code == 400, assertion
        assert answer.json()["error"] == "invalid_client"


async def test_system_client_cannot_ask_for_user_scopes(provider: Provider) -> None:
    http = provider.http()
    answer = await request_token(http, assertion_for(provider.system_key()), scope="openid")
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_scope"


async def test_public_client_cannot_use_client_credentials(provider: Provider) -> None:
    http = provider.http()
    answer = await http.post(
        "token", data={"grant_type": "client_credentials", "client_id": "tongban-web"}
    )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"


async def test_system_client_cannot_use_the_code_flow(provider: Provider) -> None:
    http = provider.http()
    answer = await http.post(
        "token",
        data={
            "grant_type": "authorization_code",
            "code": "x" * 40,
            "redirect_uri": "http://127.0.0.1:8000/callback",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion_for(provider.system_key()),
        },
    )
    assert answer.status_code == 400
    assert answer.json()["error"] in {"invalid_client", "unauthorized_client"}
