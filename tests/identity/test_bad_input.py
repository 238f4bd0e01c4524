"""Bad input on every endpoint: an OAuth error in JSON with a 4xx status, never a 500."""

from __future__ import annotations

import random
import time
from typing import Any

import httpx
import pytest
from joserfc import jwt

from authz.client_assertion import ASSERTION_TYPE
from identity.demo import DEMO_REDIRECT_URI, DEMO_WEB_CLIENT_ID
from identity.keys import new_signing_key
from identity.tokens import mint_access_token
from tests.identity.conftest import (
    ISSUER,
    TOKEN_ENDPOINT,
    Provider,
    authorization_params,
    pkce,
)

FORM = "application/x-www-form-urlencoded"
CODE = {"grant_type": "authorization_code", "client_id": DEMO_WEB_CLIENT_ID}


def oauth_error(response: httpx.Response, status: int | set[int], *errors: str) -> None:
    expected = {status} if isinstance(status, int) else status
    assert response.status_code in expected, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    if errors:
        assert body["error"] in errors, body
    assert isinstance(body.get("error"), str)


def raw(content: bytes | str, content_type: str | None = FORM) -> dict[str, Any]:
    headers = {"content-type": content_type} if content_type else {}
    return {"content": content, "headers": headers}


TOKEN_CASES: list[tuple[str, dict[str, Any], int, tuple[str, ...]]] = [
    ("json body", raw(b'{"grant_type": "client_credentials"}', "application/json"), 400, ()),
    ("no content type", raw(b"grant_type=client_credentials", None), 400, ()),
    ("oversized", raw(b"grant_type=x&pad=" + b"a" * 20_000), 413, ()),
    ("bad utf-8", raw(b"grant_type=%ff%fe"), 400, ()),
    ("raw bytes", raw(b"\xff\xfe\x00garbage"), 400, ()),
    ("nul", raw(b"grant_type=authorization_code&code=a%00b"), 400, ()),
    ("too many fields", raw("&".join(f"f{i}=1" for i in range(100))), 400, ()),
    ("repeated", raw(b"grant_type=client_credentials&grant_type=client_credentials"), 400, ()),
    ("empty", raw(b""), 400, ("unsupported_grant_type", "invalid_request")),
    ("unknown grant", {"data": {"grant_type": "password"}}, 400, ("unsupported_grant_type",)),
    ("odd grant", {"data": {"grant_type": 'ü"\\'}}, 400, ("invalid_request",)),
    ("no client", {"data": {"grant_type": "authorization_code", "code": "x"}}, 400, ()),
    (
        "unknown client",
        {"data": {**CODE, "client_id": "nobody", "code": "x"}},
        400,
        ("invalid_client",),
    ),
    ("long client id", {"data": {**CODE, "client_id": "c" * 5000, "code": "x"}}, 400, ()),
    ("missing code", {"data": {**CODE, "redirect_uri": DEMO_REDIRECT_URI}}, 400, ()),
    (
        "unknown code",
        {"data": {**CODE, "code": "nope", "redirect_uri": DEMO_REDIRECT_URI}},
        400,
        ("invalid_grant",),
    ),
    (
        "huge code",
        {"data": {**CODE, "code": "c" * 10_000, "redirect_uri": DEMO_REDIRECT_URI}},
        400,
        ("invalid_grant",),
    ),
    (
        "missing refresh token",
        {"data": {"grant_type": "refresh_token", "client_id": DEMO_WEB_CLIENT_ID}},
        400,
        ("invalid_request",),
    ),
    (
        "unknown refresh token",
        {
            "data": {
                "grant_type": "refresh_token",
                "client_id": DEMO_WEB_CLIENT_ID,
                "refresh_token": "x",
            }
        },
        400,
        ("invalid_grant",),
    ),
    (
        "secret for a public client",
        {"data": {**CODE, "code": "x", "client_secret": "guess"}},
        {400, 401},
        ("invalid_client",),
    ),
    (
        "basic auth garbage",
        {"data": {**CODE, "code": "x"}, "headers": {"authorization": "Basic !!!"}},
        400,
        (),
    ),
    (
        "assertion type without assertion",
        {"data": {"grant_type": "client_credentials", "client_assertion_type": ASSERTION_TYPE}},
        400,
        ("invalid_client",),
    ),
    (
        "client credentials without authentication",
        {"data": {"grant_type": "client_credentials"}},
        400,
        ("invalid_client",),
    ),
]


@pytest.mark.parametrize(
    ("request_options", "status", "errors"),
    [case[1:] for case in TOKEN_CASES],
    ids=[case[0] for case in TOKEN_CASES],
)
async def test_token_endpoint_bad_input(
    provider: Provider, request_options: dict[str, Any], status: int, errors: tuple[str, ...]
) -> None:
    answer = await provider.http().post("token", **request_options)
    oauth_error(answer, status, *errors)
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_token_endpoint_wants_post(provider: Provider, method: str) -> None:
    answer = await provider.http().request(method, "token")
    oauth_error(answer, 405, "invalid_request")
    assert answer.headers["allow"] == "POST"


def odd_assertion(claims: dict[str, Any]) -> str:
    key = new_signing_key()
    return jwt.encode({"alg": "ES256"}, claims, key)


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": 123},
        {"sub": ["hall-system"]},
        {"iss": "hall-system"},
        {"sub": "hall-system"},
        {"sub": "x" * 300},
    ],
)
async def test_odd_assertion_claims(provider: Provider, claims: dict[str, Any]) -> None:
    answer = await provider.http().post(
        "token",
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": odd_assertion(claims),
        },
    )
    oauth_error(answer, 400, "invalid_client")


async def test_assertion_with_odd_jti_and_times(provider: Provider) -> None:
    key = provider.system_key()
    now = int(time.time())
    base = {"iss": "hall-system", "sub": "hall-system", "aud": TOKEN_ENDPOINT}
    for extra in (
        {"exp": now + 60, "jti": 5},
        {"exp": now + 60, "jti": "j" * 1000},
        {"exp": now + 60},
        {"exp": "soon", "jti": "a"},
        {"exp": now + 60, "jti": "b", "iat": now + 3600},
        {"exp": now + 60, "jti": "c", "iat": "now"},
    ):
        assertion = jwt.encode({"alg": "ES256", "kid": key.kid}, {**base, **extra}, key)
        answer = await provider.http().post(
            "token",
            data={
                "grant_type": "client_credentials",
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": assertion,
            },
        )
        oauth_error(answer, 400, "invalid_client")


async def test_random_bodies_never_fail_the_server(provider: Provider) -> None:
    http = provider.http()
    generator = random.Random(2011)
    names = ["grant_type", "code", "client_id", "refresh_token", "client_assertion", "scope"]
    values = ["", "x", "%00", "%ff", "authorization_code", "refresh_token", "client_credentials"]
    for _ in range(80):
        pairs = [
            f"{generator.choice(names)}={generator.choice(values)}"
            for _ in range(generator.randint(0, 6))
        ]
        body = "&".join(pairs).encode() + bytes(generator.getrandbits(8) for _ in range(3))
        answer = await http.post("token", content=body, headers={"content-type": FORM})
        assert 400 <= answer.status_code < 500, (body, answer.text)
        assert "error" in answer.json()


def authorize_query(**changes: str | None) -> dict[str, str]:
    params = authorization_params(pkce()[1])
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return params


AUTHORIZE_CASES: list[tuple[str, dict[str, str] | str, str]] = [
    ("nothing", {}, "unsupported_response_type"),
    ("no client", authorize_query(client_id=None), "invalid_client"),
    ("unknown client", authorize_query(client_id="nobody"), "invalid_client"),
    ("odd redirect uri", authorize_query(redirect_uri='http://x/"\\ü'), "invalid_request"),
    ("no redirect uri", authorize_query(redirect_uri=None), "invalid_request"),
    ("odd response type", authorize_query(response_type="ü\\"), "invalid_request"),
    ("repeated state", "response_type=code&client_id=tongban-web&state=a&state=b", ""),
    ("bad utf-8", "client_id=%ff", "invalid_request"),
    ("nul", "client_id=tongban-web%00", "invalid_request"),
]


@pytest.mark.parametrize(
    ("params", "error"),
    [case[1:] for case in AUTHORIZE_CASES],
    ids=[case[0] for case in AUTHORIZE_CASES],
)
async def test_authorize_bad_input_without_a_trusted_redirect(
    provider: Provider, params: dict[str, str] | str, error: str
) -> None:
    url = "authorize?" + params if isinstance(params, str) else "authorize"
    answer = await provider.http().get(url, params=None if isinstance(params, str) else params)
    assert "location" not in answer.headers
    if error:
        oauth_error(answer, 400, error)
    else:
        oauth_error(answer, 400)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"code_challenge": "short"}, "invalid_request"),
        ({"code_challenge": "x" * 200}, "invalid_request"),
        ({"nonce": "n" * 300}, "invalid_request"),
        ({"scope": "openid admin"}, "invalid_scope"),
    ],
)
async def test_authorize_bad_input_goes_back_to_the_client(
    provider: Provider, changes: dict[str, str], error: str
) -> None:
    answer = await provider.http().get("authorize", params=authorize_query(**changes))
    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(DEMO_REDIRECT_URI + "?")
    assert f"error={error}" in answer.headers["location"]


async def test_authorize_limits(provider: Provider) -> None:
    http = provider.http()
    long_query = await http.get("authorize", params=authorize_query(state="s" * 20_000))
    oauth_error(long_query, 414, "invalid_request")
    params = authorize_query()
    wrong_type = await http.post("authorize", json=params)
    oauth_error(wrong_type, 400, "invalid_request")
    huge = await http.post("authorize", data={**params, "password": "p" * 20_000})
    oauth_error(huge, 413, "invalid_request")
    odd = await http.post("authorize", content=b"\xff\xfe", headers={"content-type": FORM})
    oauth_error(odd, 400, "invalid_request")
    page = await http.get("authorize", params={"client_id": "%"}, headers={"accept": "text/html"})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]


async def test_authorize_post_with_odd_credentials(provider: Provider) -> None:
    http = provider.http()
    params = authorize_query()
    page = await http.get("authorize", params=params)
    assert page.status_code == 200
    from tests.identity.conftest import form_fields

    fields = form_fields(page.text)
    for login, password in (("", "x"), ("x" * 500, "pw"), ("login", "p" * 2000), ("张三", "密码")):
        answer = await http.post(
            "authorize", data={**fields, "login": login, "password": password, "action": "login"}
        )
        assert answer.status_code in {400, 401}, answer.text
        assert "text/html" in answer.headers["content-type"]


def forged_token(provider: Provider, **changes: Any) -> str:
    key = changes.pop("key", None) or provider.keys.current()
    options: dict[str, Any] = {
        "issuer": ISSUER,
        "audience": "tongban-gateway",
        "subject": "350424199001011237",
        "client_id": DEMO_WEB_CLIENT_ID,
        "scope": "openid",
        "attributes": {},
        "now": int(time.time()),
        "ttl": 600,
        **changes,
    }
    return mint_access_token(key, **options)


async def test_userinfo_bad_tokens(provider: Provider) -> None:
    http = provider.http()
    cases = {
        "Basic abc": 401,
        "Bearer": 401,
        "Bearer    ": 401,
        "Bearer not-a-jwt": 401,
        "Bearer " + forged_token(provider, key=new_signing_key()): 401,
        "Bearer " + forged_token(provider, now=int(time.time()) - 7200): 401,
        "Bearer " + forged_token(provider, issuer="https://elsewhere.example"): 401,
        "Bearer " + forged_token(provider, audience="someone-else"): 401,
        "Bearer " + forged_token(provider, subject="ghost"): 401,
        "Bearer " + forged_token(provider, scope="gateway"): 403,
    }
    for header, status in cases.items():
        answer = await http.get("userinfo", headers={"authorization": header})
        assert answer.status_code == status, header
        assert answer.headers["www-authenticate"].startswith("Bearer")
        assert "error" in answer.json()


async def test_unknown_paths_and_methods_answer_json(provider: Provider) -> None:
    http = provider.http()
    oauth_error(await http.get("nowhere"), 404)
    oauth_error(await http.post("jwks.json"), 405)
    oauth_error(await http.delete(".well-known/openid-configuration"), 405)
