"""Authorization code with PKCE (S256) end to end, refresh rotation and reuse detection."""

from __future__ import annotations

import httpx
from joserfc import jwt

from identity.app import normalize_login
from identity.demo import DEMO_REDIRECT_URI, DEMO_WEB_CLIENT_ID
from identity.tokens import verify_access_token
from tests.identity.conftest import (
    CITIZEN,
    ISSUER,
    STAFF,
    Provider,
    authorization_params,
    authorize_code,
    exchange_code,
    form_fields,
    pkce,
    redirect_params,
    sign_in,
)


async def refresh(http: httpx.AsyncClient, token: str) -> httpx.Response:
    return await http.post(
        "token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": token,
            "client_id": DEMO_WEB_CLIENT_ID,
        },
    )


async def test_login_form_is_accessible_and_csrf_protected(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    page = await http.get(
        "authorize", params=authorization_params(challenge), headers={"accept": "text/html"}
    )
    assert page.status_code == 200
    html = page.text
    assert '<html lang="zh-CN">' in html
    assert '<label for="login">' in html and 'id="login"' in html
    assert '<label for="password">' in html and 'autocomplete="current-password"' in html
    assert 'lang="en"' in html and "Sign in" in html and "登录" in html
    assert form_fields(html)["csrf_token"]
    assert 'action="/identity/authorize"' in html
    cookie = page.headers["set-cookie"]
    assert "tongban_csrf=" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/identity/authorize" in cookie
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "http://127.0.0.1:8000" in policy
    assert page.headers["cache-control"] == "no-store"


async def test_post_without_csrf_cookie_is_refused(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    params = authorization_params(challenge)
    page = await http.get("authorize", params=params)
    fields = {**form_fields(page.text), "login": CITIZEN, "password": "demo-" + CITIZEN}
    stranger = provider.http()  # no cookie: a cross-site post
    answer = await stranger.post("authorize", data=fields)
    assert answer.status_code == 403
    assert "location" not in answer.headers
    fields["csrf_token"] = "0" * 64
    answer = await http.post("authorize", data=fields)
    assert answer.status_code == 403


async def test_code_flow_issues_rfc9068_tokens_and_an_id_token(provider: Provider) -> None:
    http = provider.http()
    code, verifier, params = await authorize_code(http)
    response = await exchange_code(http, code, verifier)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 600
    assert body["scope"] == "openid profile gateway"
    assert body["refresh_token"]

    token = jwt.decode(body["access_token"], provider.public_keys(), algorithms=["ES256"])
    assert token.header["typ"] == "at+jwt"
    assert token.header["kid"] == provider.keys.current().kid
    claims = token.claims
    assert claims["iss"] == ISSUER
    assert claims["aud"] == "tongban-gateway"
    assert claims["sub"] == CITIZEN
    assert claims["client_id"] == DEMO_WEB_CLIENT_ID
    assert claims["scope"] == "openid profile gateway"
    assert claims["exp"] - claims["iat"] == 600
    assert claims["jti"]
    assert claims["kind"] == "CITIZEN"
    assert claims["id_number"] == CITIZEN
    assert claims["region"] == "350424"
    assert claims["name"] == "张三"
    verified = verify_access_token(
        body["access_token"], provider.public_keys(), issuer=ISSUER, audiences=["tongban-gateway"]
    )
    assert verified["sub"] == CITIZEN

    id_token = jwt.decode(body["id_token"], provider.public_keys(), algorithms=["RS256"])
    assert id_token.header["kid"] == provider.keys.current_rsa().kid
    assert id_token.claims["aud"] == DEMO_WEB_CLIENT_ID
    assert id_token.claims["nonce"] == params["nonce"]
    assert id_token.claims["sub"] == CITIZEN


async def test_staff_token_carries_agency_unit_roles_region(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http, STAFF)
    body = (await exchange_code(http, code, verifier)).json()
    claims = jwt.decode(body["access_token"], provider.public_keys()).claims
    assert claims["sub"] == STAFF
    assert claims["kind"] == "STAFF"
    assert claims["agency"] == "police"
    assert claims["unit"] == "350424000000"
    assert claims["roles"] == ["officer"]
    assert claims["region"] == "350424"
    assert "id_number" not in claims


async def test_userinfo(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    access = (await exchange_code(http, code, verifier)).json()["access_token"]
    answer = await http.get("userinfo", headers={"authorization": f"Bearer {access}"})
    assert answer.status_code == 200
    assert answer.json()["sub"] == CITIZEN and answer.json()["kind"] == "CITIZEN"
    missing = await http.get("userinfo")
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    forged = await http.get("userinfo", headers={"authorization": "Bearer abc.def.ghi"})
    assert forged.status_code == 401
    assert 'error="invalid_token"' in forged.headers["www-authenticate"]


async def test_code_works_once_and_reuse_revokes_its_tokens(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    first = await exchange_code(http, code, verifier)
    assert first.status_code == 200
    again = await exchange_code(http, code, verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    revoked = await refresh(http, first.json()["refresh_token"])
    assert revoked.status_code == 400 and revoked.json()["error"] == "invalid_grant"


async def test_refresh_rotates_and_reuse_revokes_the_family(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    first = (await exchange_code(http, code, verifier)).json()

    second = await refresh(http, first["refresh_token"])
    assert second.status_code == 200, second.text
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["access_token"] != first["access_token"]
    claims = jwt.decode(rotated["access_token"], provider.public_keys()).claims
    assert claims["sub"] == CITIZEN and claims["scope"] == "openid profile gateway"
    assert "id_token" in rotated

    # The first refresh token was used: presenting it again is theft or a bug, and
    # revokes every token of the family, the legitimate successor included.
    reused = await refresh(http, first["refresh_token"])
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    successor = await refresh(http, rotated["refresh_token"])
    assert successor.status_code == 400 and successor.json()["error"] == "invalid_grant"


async def test_refresh_may_narrow_but_not_widen_the_scope(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    first = (await exchange_code(http, code, verifier)).json()
    narrowed = await http.post(
        "token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "client_id": DEMO_WEB_CLIENT_ID,
            "scope": "gateway",
        },
    )
    assert narrowed.status_code == 200, narrowed.text
    assert narrowed.json()["scope"] == "gateway"
    assert "id_token" not in narrowed.json()
    widened = await http.post(
        "token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": narrowed.json()["refresh_token"],
            "client_id": DEMO_WEB_CLIENT_ID,
            "scope": "gateway openid",
        },
    )
    assert widened.status_code == 400 and widened.json()["error"] == "invalid_scope"


async def test_refresh_token_expires(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    first = (await exchange_code(http, code, verifier)).json()
    provider.clock.now += provider.settings.refresh_token_ttl + 1
    late = await refresh(http, first["refresh_token"])
    assert late.status_code == 400 and late.json()["error"] == "invalid_grant"


async def test_expired_code_is_refused(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    provider.clock.now += provider.settings.code_ttl + 1
    late = await exchange_code(http, code, verifier)
    assert late.status_code == 400 and late.json()["error"] == "invalid_grant"


async def test_cancel_returns_access_denied(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    params = authorization_params(challenge)
    page = await http.get("authorize", params=params)
    answer = await http.post("authorize", data={**form_fields(page.text), "action": "cancel"})
    returned = redirect_params(answer)
    assert returned["error"] == "access_denied" and returned["state"] == params["state"]
    assert "code" not in returned


async def test_missing_code_challenge_is_refused(provider: Provider) -> None:
    """authlib's CodeChallenge(required=True) would let this through; we must not."""
    http = provider.http()
    params = authorization_params(None)
    answer = redirect_params(await http.get("authorize", params=params))
    assert answer["error"] == "invalid_request"
    assert "code_challenge" in answer["error_description"]
    assert answer["state"] == params["state"]


async def test_missing_challenge_on_the_form_post_issues_no_code(provider: Provider) -> None:
    """A forged form post without a challenge gets no code even with good credentials."""
    http = provider.http()
    _, challenge = pkce()
    page = await http.get("authorize", params=authorization_params(challenge))
    fields = form_fields(page.text)
    del fields["code_challenge"], fields["code_challenge_method"]
    fields.update(login=CITIZEN, password="demo-" + CITIZEN, action="login")
    answer = redirect_params(await http.post("authorize", data=fields))
    assert answer["error"] == "invalid_request"
    assert "code" not in answer


async def test_plain_code_challenge_is_refused(provider: Provider) -> None:
    http = provider.http()
    verifier, _ = pkce()
    params = authorization_params(verifier, code_challenge_method="plain")
    answer = redirect_params(await http.get("authorize", params=params))
    assert answer["error"] == "invalid_request"
    assert "S256" in answer["error_description"]
    # A challenge without a method would default to plain in authlib: refused too.
    params = authorization_params(verifier)
    del params["code_challenge_method"]
    answer = redirect_params(await http.get("authorize", params=params))
    assert answer["error"] == "invalid_request"


async def test_wrong_or_missing_code_verifier_is_refused(provider: Provider) -> None:
    http = provider.http()
    code, _, _ = await authorize_code(http)
    wrong = await exchange_code(http, code, pkce()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    code, _, _ = await authorize_code(http)
    missing = await exchange_code(http, code, None)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


async def test_wrong_redirect_uri_is_refused_without_redirecting(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    for uri in ("https://evil.example/callback", DEMO_REDIRECT_URI + "/x", ""):
        params = authorization_params(challenge, redirect_uri=uri)
        answer = await http.get("authorize", params=params)
        assert answer.status_code == 400, uri
        assert "location" not in answer.headers
        assert answer.json()["error"] == "invalid_request"
    page = await http.get(
        "authorize",
        params=authorization_params(challenge, redirect_uri="https://evil.example/cb"),
        headers={"accept": "text/html"},
    )
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]


async def test_token_exchange_with_another_redirect_uri_is_refused(provider: Provider) -> None:
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    answer = await exchange_code(http, code, verifier, redirect_uri="http://127.0.0.1:8000/other")
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


async def test_unknown_client_on_authorize(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    answer = await http.get("authorize", params=authorization_params(challenge, client_id="nobody"))
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_client"
    system = await http.get(
        "authorize", params=authorization_params(challenge, client_id="police-system")
    )
    assert system.status_code == 400 and "location" not in system.headers


async def test_unknown_scope_is_refused(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    answer = redirect_params(
        await http.get("authorize", params=authorization_params(challenge, scope="admin"))
    )
    assert answer["error"] == "invalid_scope"


async def test_wrong_password_shows_the_form_again(provider: Provider) -> None:
    http = provider.http()
    _, challenge = pkce()
    answer = await sign_in(http, authorization_params(challenge), password="wrong")
    assert answer.status_code == 401
    assert 'role="alert"' in answer.text and "Wrong account or password" in answer.text
    assert form_fields(answer.text)["code_challenge"] == challenge


async def test_prompt_none_asks_for_an_interactive_sign_in(provider: Provider) -> None:
    http = provider.http()
    params = authorization_params(pkce()[1], prompt="none")
    answer = redirect_params(await http.get("authorize", params=params))
    assert answer["error"] == "login_required" and answer["state"] == params["state"]


def test_id_number_logins_are_normalized() -> None:
    assert normalize_login(" 35042419900101123x ") == "35042419900101123X"
    assert normalize_login("police.ninghua.officer") == "police.ninghua.officer"
