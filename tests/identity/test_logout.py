"""Sign-out (OpenID Connect RP-Initiated Logout 1.0) at /logout: confirm, end, redirect."""

from __future__ import annotations

import html
import time
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from identity.demo import DEMO_POST_LOGOUT_REDIRECT_URI, DEMO_WEB_CLIENT_ID
from identity.tokens import mint_id_token
from tests.identity.conftest import (
    CITIZEN,
    ISSUER,
    Provider,
    authorize_code,
    exchange_code,
    form_fields,
    system_token,
    web_tokens,
)

WEB = {"client_id": DEMO_WEB_CLIENT_ID}


async def refresh(http: httpx.AsyncClient, token: str) -> int:
    """Try a refresh token; return the status (200 while its session lasts)."""
    answer = await http.post(
        "token", data={"grant_type": "refresh_token", "refresh_token": token, **WEB}
    )
    return answer.status_code


async def confirmation(http: httpx.AsyncClient, params: dict[str, str]) -> dict[str, str]:
    """Open the confirmation page for `params`; return its form's fields."""
    page = await http.get("logout", params=params)
    assert page.status_code == 200, page.text
    return {name: html.unescape(value) for name, value in form_fields(page.text).items()}


async def sign_out(http: httpx.AsyncClient, params: dict[str, str]) -> httpx.Response:
    """Confirm the sign-out the relying party asked for with `params`."""
    return await http.post("logout", data=await confirmation(http, params))


def claims_of(provider: Provider, token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, provider.public_keys()).claims)


def id_token_like(provider: Provider, key: RSAKey, issuer: str, sid: str, age: int = 0) -> str:
    """An ID token for the citizen's session, signed with `key`, issued `age` seconds ago."""
    return mint_id_token(
        key,
        issuer=issuer,
        client_id=DEMO_WEB_CLIENT_ID,
        subject=CITIZEN,
        attributes={},
        now=int(time.time()) - age,
        ttl=600,
        auth_time=int(time.time()) - age,
        nonce=None,
        sid=sid,
    )


async def test_get_asks_to_confirm_and_ends_nothing(provider: Provider) -> None:
    # given a signed-in browser, and the web client's sign-out request
    http = provider.http()
    tokens = await web_tokens(http)
    params = {
        "id_token_hint": tokens["id_token"],
        "post_logout_redirect_uri": DEMO_POST_LOGOUT_REDIRECT_URI,
        "state": "s-1",
        "client_id": DEMO_WEB_CLIENT_ID,
        "unrelated": "dropped",
    }
    # when the browser follows it
    page = await http.get("logout", params=params, headers={"accept": "text/html"})
    # then a bilingual form posts the request back with a CSRF token bound to a cookie,
    # may end at the client's origin, and nothing is signed out yet
    fields = {name: html.unescape(value) for name, value in form_fields(page.text).items()}
    cookie = page.headers["set-cookie"]
    assert (page.status_code, "退出通办登录" in page.text, "Sign out of Tongban" in page.text) == (
        200,
        True,
        True,
    )
    assert fields == {
        **{name: value for name, value in params.items() if name != "unrelated"},
        "csrf_token": fields["csrf_token"],
    }
    assert len(fields["csrf_token"]) == 64
    assert ("tongban_csrf=" in cookie, "Path=/identity/logout" in cookie, "HttpOnly" in cookie) == (
        True,
        True,
        True,
    )
    assert "form-action 'self' http://127.0.0.1:8000;" in page.headers["content-security-policy"]
    assert await refresh(http, tokens["refresh_token"]) == 200


async def test_confirmed_sign_out_revokes_the_session_and_returns_to_the_client(
    provider: Provider,
) -> None:
    # given a signed-in browser
    http = provider.http()
    tokens = await web_tokens(http)
    # when the user confirms the web client's sign-out request
    answer = await sign_out(
        http,
        {
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": DEMO_POST_LOGOUT_REDIRECT_URI,
            "state": "s-2",
        },
    )
    # then the browser returns to the client with its state, the session cookie is cleared,
    # and the session's refresh token no longer works
    assert (answer.status_code, answer.headers["location"]) == (
        302,
        DEMO_POST_LOGOUT_REDIRECT_URI + "?state=s-2",
    )
    assert 'tongban_session="";' in answer.headers["set-cookie"]
    assert await refresh(http, tokens["refresh_token"]) == 400


@pytest.mark.parametrize(
    "redirect",
    [{}, {"post_logout_redirect_uri": "https://evil.example/"}],
    ids=["none asked", "not registered"],
)
async def test_without_a_registered_redirect_the_signed_out_page_is_shown(
    provider: Provider, redirect: dict[str, str]
) -> None:
    # given a signed-in browser
    http = provider.http()
    tokens = await web_tokens(http)
    # when the user confirms a sign-out with no (or an unregistered) redirect URI
    answer = await sign_out(http, {"id_token_hint": tokens["id_token"], **redirect})
    # then the bilingual signed-out page is shown, and the session has ended
    assert (
        answer.status_code,
        "location" in answer.headers,
        "您已退出登录" in answer.text,
        "You have signed out" in answer.text,
        await refresh(http, tokens["refresh_token"]),
    ) == (200, False, True, True, 400)


async def test_the_cookie_alone_signs_out_this_browser_only(provider: Provider) -> None:
    # given the same citizen signed in in two browsers
    first, second = provider.http(), provider.http("10.1.1.1")
    first_tokens, second_tokens = await web_tokens(first), await web_tokens(second)
    # when the first browser signs out without naming a session
    answer = await sign_out(first, {})
    # then only the first browser's session ends
    assert (
        answer.status_code,
        await refresh(first, first_tokens["refresh_token"]),
        await refresh(second, second_tokens["refresh_token"]),
    ) == (200, 400, 200)


async def test_a_code_issued_before_sign_out_is_refused_after_it(provider: Provider) -> None:
    # given a browser that signed in and got a code, but has not exchanged it yet
    http = provider.http()
    code, verifier, _ = await authorize_code(http)
    # when the browser signs out, and the code is exchanged afterwards
    signed_out = await sign_out(http, {})
    answer = await exchange_code(http, code, verifier)
    # then the code is no longer valid
    assert (signed_out.status_code, answer.status_code, answer.json()["error"]) == (
        200,
        400,
        "invalid_grant",
    )


async def test_the_id_token_hint_ends_its_session_from_another_browser(
    provider: Provider,
) -> None:
    # given a signed-in browser, and a second browser holding the first one's ID token
    signed_in = provider.http()
    tokens = await web_tokens(signed_in)
    # when the second browser signs out with that hint
    answer = await sign_out(provider.http(), {"id_token_hint": tokens["id_token"]})
    # then the session the ID token names has ended
    assert (answer.status_code, await refresh(signed_in, tokens["refresh_token"])) == (200, 400)


async def test_an_expired_id_token_hint_is_accepted(provider: Provider) -> None:
    # given a signed-in browser, and an ID token of its session that expired an hour ago
    http = provider.http()
    tokens = await web_tokens(http)
    sid = claims_of(provider, tokens["id_token"])["sid"]
    expired = id_token_like(provider, provider.keys.current_rsa(), ISSUER, sid, age=3600)
    # when another browser signs out with it
    answer = await sign_out(provider.http(), {"id_token_hint": expired})
    # then the session has ended
    assert (answer.status_code, await refresh(http, tokens["refresh_token"])) == (200, 400)


async def test_id_tokens_name_the_browser_session(provider: Provider) -> None:
    # given a citizen signed in twice in one browser (refreshing once) and once in another
    http, other = provider.http(), provider.http("10.2.2.2")
    first = await web_tokens(http)
    renewed = (
        await http.post(
            "token",
            data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"], **WEB},
        )
    ).json()
    again, elsewhere = await web_tokens(http), await web_tokens(other)
    # when their ID tokens' session ids are compared
    sids = [claims_of(provider, t["id_token"])["sid"] for t in (first, renewed, again, elsewhere)]
    # then one browser keeps one session, the other has its own
    assert [sid == sids[0] for sid in sids] == [True, True, True, False]
    assert len(sids[0]) == 32


async def test_the_session_cookie_is_http_only_and_scoped_to_the_provider(
    provider: Provider,
) -> None:
    # given the sign-in form, when the citizen signs in
    http = provider.http()
    await web_tokens(http)
    cookie = next(c for c in http.cookies.jar if c.name == "tongban_session")
    # then the browser keeps an HttpOnly, SameSite=Lax session cookie for /identity
    assert (
        cookie.path,
        cookie.has_nonstandard_attr("HttpOnly"),
        cookie.get_nonstandard_attr("SameSite"),
        cookie.secure,
    ) == ("/identity", True, "lax", False)


@pytest.mark.parametrize(
    "token", [None, "0" * 64], ids=["without the CSRF cookie", "with a forged token"]
)
async def test_a_cross_site_post_is_refused(provider: Provider, token: str | None) -> None:
    # given a signed-in browser, and a confirmation form obtained by someone else
    http = provider.http()
    tokens = await web_tokens(http)
    fields = await confirmation(provider.http(), {"id_token_hint": tokens["id_token"]})
    # when the form is posted from the signed-in browser with the other cookie's token,
    # or with a forged one
    if token is not None:
        fields["csrf_token"] = token
    answer = await http.post("logout", data=fields)
    # then it is refused with the form again, and the session goes on
    assert (
        answer.status_code,
        "The form expired" in answer.text,
        await refresh(http, tokens["refresh_token"]),
    ) == (403, True, 200)


async def test_a_relying_partys_post_asks_to_confirm(provider: Provider) -> None:
    # given a signed-in browser, when the web client's sign-out request arrives as a POST
    http = provider.http()
    tokens = await web_tokens(http)
    answer = await http.post("logout", data={"id_token_hint": tokens["id_token"]})
    # then the confirmation form is shown, and the session goes on
    assert (
        answer.status_code,
        'name="csrf_token"' in answer.text,
        await refresh(http, tokens["refresh_token"]),
    ) == (200, True, 200)


async def test_bad_hints_are_refused_without_signing_out(provider: Provider) -> None:
    # given a signed-in browser, and hints that are not its ID token from this provider
    http = provider.http()
    tokens = await web_tokens(http)
    sid = claims_of(provider, tokens["id_token"])["sid"]
    # The stranger's key claims our key id: only the signature tells them apart.
    stranger = RSAKey.generate_key(
        2048, parameters={"alg": "RS256", "kid": provider.keys.current_rsa().kid}
    )
    hints: list[dict[str, str]] = [
        {"id_token_hint": "garbage"},
        {"id_token_hint": "a.b.c"},
        {"id_token_hint": tokens["access_token"]},
        {"id_token_hint": await system_token(provider)},
        {"id_token_hint": id_token_like(provider, stranger, ISSUER, sid)},
        {
            "id_token_hint": id_token_like(
                provider, provider.keys.current_rsa(), "https://elsewhere.example", sid
            )
        },
        {"id_token_hint": tokens["id_token"], "client_id": "hall-system"},
    ]
    # when the browser asks to sign out with each
    answers = [await http.get("logout", params=params) for params in hints]
    # then each is refused with the bilingual error page, and the session goes on
    assert [(a.status_code, "Cannot sign out" in a.text) for a in answers] == [(400, True)] * 7
    assert await refresh(http, tokens["refresh_token"]) == 200


@pytest.mark.parametrize(
    ("request_options", "status"),
    [
        ({"method": "GET", "url": "logout?state=a&state=b"}, 400),
        ({"method": "GET", "url": "logout?id_token_hint=%C3%BC"}, 400),
        ({"method": "GET", "url": "logout?pad=" + "a" * 20_000}, 414),
        ({"method": "POST", "url": "logout", "content": b"pad=" + b"a" * 20_000}, 413),
        ({"method": "PUT", "url": "logout"}, 405),
    ],
    ids=["repeated", "non-ASCII hint", "long query", "oversized body", "PUT"],
)
async def test_malformed_requests_are_refused(
    provider: Provider, request_options: dict[str, Any], status: int
) -> None:
    # given a malformed sign-out request, when it is sent
    options = dict(request_options)
    if "content" in options:
        options["headers"] = {"content-type": "application/x-www-form-urlencoded"}
    answer = await provider.http().request(**options)
    # then it is refused with the status that says why
    assert answer.status_code == status
