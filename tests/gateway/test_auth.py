"""The edge accepts only valid access tokens of trusted issuers, and signs actor tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import AsyncIterator
from typing import Any

import orjson
import pytest
import pytest_asyncio
from joserfc import jwt
from joserfc.jwk import ECKey

from authz.actor import Actor, ActorKind
from authz.keys import KeySet, generate_key
from authz.tokens import verify_actor_token
from gateway.auth.actor_tokens import ActorSigner
from gateway.auth.authenticate import Authenticator, LookupUnavailable
from gateway.auth.config import ActorSigning, AuthConfig, IssuerConfig
from tests.gateway.inprocess import InProcessGateway, in_process_gateway

ISSUER = "https://id.tongban.test"
AUDIENCE = "tongban-gateway"
PROVIDER_KEY = ECKey.generate_key("P-256", parameters={"kid": "provider-1"}, private=True)
OTHER_KEY = ECKey.generate_key("P-256", parameters={"kid": "provider-1"}, private=True)
ACTOR_KEYS = KeySet(current=generate_key())
QUERY = {"query": "{ me { id } }"}


def access_token(
    key: Any = PROVIDER_KEY, header: dict[str, Any] | None = None, **overrides: Any
) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "police.ninghua.officer",
        "iat": now,
        "exp": now + 600,
        "kind": "STAFF",
        "agency": "police",
        "unit": "350424510000",
        "region": "350424",
        "roles": ["officer"],
        **overrides,
    }
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(
        {"alg": "ES256", "typ": "at+jwt", "kid": "provider-1", **(header or {})}, claims, key
    )


def unsigned(claims_token: str) -> str:
    _, payload, _ = claims_token.split(".")
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"at+jwt"}').rstrip(b"=").decode()
    return f"{header}.{payload}."


def hmac_with_public_key() -> str:
    """The classic confusion attack: HS256 keyed with the provider's public key."""

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(orjson.dumps(value)).rstrip(b"=").decode()

    now = int(time.time())
    signing_input = (
        part({"alg": "HS256", "typ": "at+jwt", "kid": "provider-1"})
        + "."
        + part({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": now + 600, "kind": "STAFF"})
    )
    secret = PROVIDER_KEY.as_pem(private=False)
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


@pytest_asyncio.fixture
async def gw() -> AsyncIterator[InProcessGateway]:
    """The gateway trusting one issuer (inline JWKS), signing actor tokens."""
    issuer = IssuerConfig(ISSUER, AUDIENCE, jwks={"keys": [PROVIDER_KEY.as_dict(private=False)]})
    authenticator = Authenticator(AuthConfig(issuers=(issuer,)))
    signer = ActorSigner(ActorSigning(key_path="unused", issuer="tongban-gateway"), ACTOR_KEYS)
    async with in_process_gateway(authenticator=authenticator, signer=signer) as gateway:
        yield gateway


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", "tongban-purpose": "HOUSEHOLD_ADMINISTRATION"}


REFUSED = [
    ("missing token", {}, "missing bearer token"),
    ("not a bearer", {"authorization": "Basic dXNlcjpwdw=="}, "malformed Authorization header"),
    ("garbage", bearer("not.a.jwt"), "malformed token"),
    (
        "expired",
        bearer(access_token(exp=int(time.time()) - 120)),
        "token refused: The token is expired",
    ),
    (
        "not yet valid",
        bearer(access_token(nbf=int(time.time()) + 600)),
        "token refused: The token is not yet valid",
    ),
    (
        "wrong audience",
        bearer(access_token(aud="someone-else")),
        "token refused: Invalid claim: 'aud'",
    ),
    (
        "untrusted issuer",
        bearer(access_token(iss="https://evil.example")),
        "token from an untrusted issuer",
    ),
    (
        "alg none",
        bearer(unsigned(access_token())),
        "token refused: Algorithm of 'none' is not allowed",
    ),
    (
        "HMAC with the public key",
        bearer(hmac_with_public_key()),
        "token refused: Algorithm of 'HS256' is not allowed",
    ),
    (
        "unknown key id",
        bearer(access_token(header={"kid": "rotated-away"})),
        "token refused: No key for kid: 'rotated-away'",
    ),
    ("signed by another key", bearer(access_token(OTHER_KEY)), "token refused: bad_signature"),
    ("unknown kind", bearer(access_token(kind="ROOT")), "token names no known actor kind"),
]


@pytest.mark.parametrize(("case", "headers", "reason"), REFUSED, ids=[c[0] for c in REFUSED])
async def test_bad_tokens_are_refused_before_any_subgraph_call(
    gw: InProcessGateway, case: str, headers: dict[str, str], reason: str
) -> None:
    # given a request with a missing, malformed, expired or forged token
    response = await gw.client.post("/graphql", json=QUERY, headers=headers)
    # then it is refused with 401 and why, and no subgraph is called
    assert (
        response.status_code,
        response.headers["www-authenticate"],
        response.json(),
        gw.transport.calls,
    ) == (
        401,
        'Bearer error="invalid_token"',
        {
            "errors": [
                {
                    "message": f"Authentication required: {reason}.",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ]
        },
        [],
    )


async def test_staff_must_declare_a_purpose(gw: InProcessGateway) -> None:
    # given a valid staff token but no declared purpose, and one with an unknown purpose
    token = access_token()
    none = await gw.client.post(
        "/graphql", json=QUERY, headers={"authorization": f"Bearer {token}"}
    )
    bogus = await gw.client.post(
        "/graphql",
        json=QUERY,
        headers={"authorization": f"Bearer {token}", "tongban-purpose": "CURIOSITY"},
    )
    # then both are refused with 403
    assert [(r.status_code, r.json()["errors"][0]) for r in (none, bogus)] == [
        (
            403,
            {
                "message": "declare a purpose of access in the Tongban-Purpose header.",
                "extensions": {"code": "PURPOSE_REQUIRED"},
            },
        ),
        (
            403,
            {"message": "unknown purpose 'CURIOSITY'.", "extensions": {"code": "PURPOSE_REQUIRED"}},
        ),
    ]


async def test_subgraphs_get_a_signed_actor_token_for_them(gw: InProcessGateway) -> None:
    # given a valid staff token with purpose and case
    headers = {**bearer(access_token()), "tongban-case": "NH-2026-0042", "x-request-id": "r-9"}
    # when the gateway answers a query
    response = await gw.client.post("/graphql", json=QUERY, headers=headers)
    (request,) = gw.transport.requests
    # then the subgraph got an actor token for itself describing the caller, not the bearer
    actor = verify_actor_token(
        request.headers["tongban-actor"],
        audience="accounts",
        keys=ACTOR_KEYS,
        issuer="tongban-gateway",
    )
    assert (response.status_code, request.headers.get("authorization"), actor) == (
        200,
        None,
        Actor(
            subject="police.ninghua.officer",
            kind=ActorKind.STAFF,
            agency="police",
            unit="350424510000",
            roles=("officer",),
            region="350424",
            purpose="HOUSEHOLD_ADMINISTRATION",
            case="NH-2026-0042",
            request_id="r-9",
        ),
    )


async def test_citizens_are_identified_by_id_number(gw: InProcessGateway) -> None:
    # given a citizen's token (no purpose needed)
    token = access_token(
        kind="CITIZEN",
        sub="acct-7",
        id_number="350424201407040017",
        agency=None,
        unit=None,
        region=None,
        roles=None,
    )
    # when the gateway answers a query
    await gw.client.post("/graphql", json=QUERY, headers={"authorization": f"Bearer {token}"})
    (request,) = gw.transport.requests
    actor = verify_actor_token(
        request.headers["tongban-actor"],
        audience="accounts",
        keys=ACTOR_KEYS,
        issuer="tongban-gateway",
    )
    # then the actor's subject is the citizen's ID number
    assert (actor.kind, actor.subject, actor.purpose) == (
        ActorKind.CITIZEN,
        "350424201407040017",
        None,
    )


async def test_a_retry_carries_a_fresh_actor_token(gw: InProcessGateway) -> None:
    # given a subgraph that refuses connections (queries are retried once)
    gw.faults.down.add("accounts")
    # when a query is sent
    await gw.client.post("/graphql", json=QUERY, headers=bearer(access_token()))
    first, second = [r.headers["tongban-actor"] for r in gw.transport.requests]
    # then each attempt had its own token (a replayed one would be refused)
    claims = [
        orjson.loads(base64.urlsafe_b64decode(t.split(".")[1] + "==")) for t in (first, second)
    ]
    assert claims[0]["jti"] != claims[1]["jti"]


def test_auth_configuration_is_read_from_toml(tmp_path: Any) -> None:
    # given a configuration trusting one issuer and naming the actor key
    path = tmp_path / "gateway.toml"
    path.write_text(
        '[auth.actor]\nkey_path = "var/actor.pem"\n\n'
        '[[auth.issuers]]\nissuer = "https://id.example"\naudience = "gw"\n'
        'jwks_url = "https://id.example/jwks.json"\n[auth.issuers.claims]\nkind = "role_kind"\n'
        'agency = "agency"\nunit = "unit"\nroles = "roles"\nregion = "region"\n'
        'id_number = "idn"\n',
        encoding="utf-8",
    )
    # when it is loaded, then the auth settings are exactly those
    from gateway.config import load_config

    assert load_config(path).auth == AuthConfig(
        issuers=(
            IssuerConfig(
                "https://id.example",
                "gw",
                jwks_url="https://id.example/jwks.json",
                claims={
                    "kind": "role_kind",
                    "agency": "agency",
                    "unit": "unit",
                    "roles": "roles",
                    "region": "region",
                    "id_number": "idn",
                },
            ),
        ),
        actor=ActorSigning(key_path="var/actor.pem"),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[auth.issuers]]\nissuer = "i"\naudience = "a"\njwks_url = "https://x"\n',
            "[auth.issuers] needs [auth.actor] to sign actor tokens",
        ),
        (
            '[auth.actor]\nkey_path = "k"\n[[auth.issuers]]\nissuer = "i"\naudience = "a"\n',
            "[auth.issuers]: issuer i: give exactly one of jwks_url and jwks",
        ),
        (
            '[auth.actor]\nkey_path = "k"\nsecret = "x"\n',
            "unknown setting(s) in [auth.actor]: secret",
        ),
        ("[auth]\nmode = 1\n", "[auth] takes `actor` and `issuers`"),
    ],
)
def test_bad_auth_configuration_is_refused(tmp_path: Any, text: str, message: str) -> None:
    # given a malformed [auth] section, when it is loaded, then the error says what is wrong
    from gateway.config import ConfigError, load_config

    path = tmp_path / "gateway.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value) == message


async def test_actor_keys_are_published(gw: InProcessGateway) -> None:
    # given the gateway signing actor tokens, when its actor key set is fetched
    response = await gw.client.get("/.well-known/actor-keys.json")
    # then it holds exactly the public keys, which verify what the gateway signs
    assert response.json() == ACTOR_KEYS.jwks()
    assert all("d" not in key for key in response.json()["keys"])


async def test_citizens_carry_their_wards_resolved_once_a_minute() -> None:
    # given an authenticator whose ward lookup counts its calls
    calls: list[str] = []

    async def wards(actor: Actor) -> tuple[str, ...]:
        calls.append(actor.subject)
        return ("350424201905050028",)

    issuer = IssuerConfig(ISSUER, AUDIENCE, jwks={"keys": [PROVIDER_KEY.as_dict(private=False)]})
    authenticator = Authenticator(AuthConfig(issuers=(issuer,)), wards=wards)
    token = access_token(
        kind="CITIZEN",
        sub="acct-7",
        id_number="350424196010290006",
        agency=None,
        unit=None,
        region=None,
        roles=None,
    )
    # when the same citizen is authenticated twice
    actors = [
        await authenticator.authenticate({"authorization": f"Bearer {token}"}, f"r{n}")
        for n in range(2)
    ]
    await authenticator.close()
    # then both actors carry the ward, looked up once
    assert ([a.guardian_of for a in actors], calls) == (
        [("350424201905050028",)] * 2,
        ["350424196010290006"],
    )


def case_checking_authenticator(assigned: set[str], calls: list[tuple[str, str]]) -> Authenticator:
    """An authenticator whose case check counts its calls: only `assigned` cases are open."""

    async def cases(actor: Actor) -> bool:
        assert actor.case is not None and actor.unit is not None
        calls.append((actor.case, actor.unit))
        return actor.case in assigned

    issuer = IssuerConfig(ISSUER, AUDIENCE, jwks={"keys": [PROVIDER_KEY.as_dict(private=False)]})
    return Authenticator(AuthConfig(issuers=(issuer,)), cases=cases)


async def test_declared_cases_are_checked_once_a_minute_per_case_and_unit() -> None:
    # given an authenticator whose case check counts its calls
    calls: list[tuple[str, str]] = []
    authenticator = case_checking_authenticator({"NH-2026-5101"}, calls)
    station, bureau = access_token(), access_token(unit="350424000000")

    async def as_staff(token: str, case: str | None) -> Actor:
        headers = {**bearer(token), **({"tongban-case": case} if case else {})}
        return await authenticator.authenticate(headers, "r")

    # when staff of a station declare the same case twice, no case, and staff of another
    # unit declare it once
    actors = [
        await as_staff(station, "NH-2026-5101"),
        await as_staff(station, "NH-2026-5101"),
        await as_staff(station, None),
        await as_staff(bureau, "NH-2026-5101"),
    ]
    await authenticator.close()
    # then every actor carries its case, checked once per (case, unit)
    assert ([a.case for a in actors], calls) == (
        ["NH-2026-5101", "NH-2026-5101", None, "NH-2026-5101"],
        [("NH-2026-5101", "350424510000"), ("NH-2026-5101", "350424000000")],
    )


async def test_citizens_and_systems_cases_are_not_checked() -> None:
    # given an authenticator that knows no case at all
    calls: list[tuple[str, str]] = []
    authenticator = case_checking_authenticator(set(), calls)
    citizen = access_token(
        kind="CITIZEN", id_number="350424196010290006", agency=None, unit=None, roles=None
    )
    hall = access_token(kind="SYSTEM", sub="hall-system", agency="hall", unit="hall")
    # when a citizen and the service hall's system declare a case (its application number)
    actors = [
        await authenticator.authenticate(
            {"authorization": f"Bearer {token}", "tongban-case": "SQ-2026-0001", **headers},
            "r",
        )
        for token, headers in (
            (citizen, {}),
            (hall, {"tongban-purpose": "SERVICE_APPLICATION"}),
        )
    ]
    await authenticator.close()
    # then both are let through without asking
    assert ([(a.kind, a.case) for a in actors], calls) == (
        [(ActorKind.CITIZEN, "SQ-2026-0001"), (ActorKind.SYSTEM, "SQ-2026-0001")],
        [],
    )


async def test_a_case_not_assigned_to_the_callers_unit_is_refused() -> None:
    # given the gateway with a case check that knows no assigned case
    calls: list[tuple[str, str]] = []
    authenticator = case_checking_authenticator(set(), calls)
    signer = ActorSigner(ActorSigning(key_path="unused", issuer="tongban-gateway"), ACTOR_KEYS)
    async with in_process_gateway(authenticator=authenticator, signer=signer) as gateway:
        # when staff declare a case of another county
        response = await gateway.client.post(
            "/graphql",
            json=QUERY,
            headers={**bearer(access_token()), "tongban-case": "SY-2026-0001"},
        )
        # then the gateway answers 403 and why, and no subgraph is called
        assert (response.status_code, response.json(), gateway.transport.calls, calls) == (
            403,
            {
                "errors": [
                    {
                        "message": "case SY-2026-0001 is not assigned to your unit.",
                        "extensions": {"code": "CASE_NOT_ASSIGNED"},
                    }
                ]
            },
            [],
            [("SY-2026-0001", "350424510000")],
        )


async def test_an_unanswerable_case_check_is_503_and_not_remembered() -> None:
    # given a case check whose source is down for the first call only
    calls: list[str] = []

    async def cases(actor: Actor) -> bool:
        calls.append(actor.case or "")
        if len(calls) == 1:
            raise LookupUnavailable("police is down")
        return True

    issuer = IssuerConfig(ISSUER, AUDIENCE, jwks={"keys": [PROVIDER_KEY.as_dict(private=False)]})
    authenticator = Authenticator(AuthConfig(issuers=(issuer,)), cases=cases)
    signer = ActorSigner(ActorSigning(key_path="unused", issuer="tongban-gateway"), ACTOR_KEYS)
    headers = {**bearer(access_token()), "tongban-case": "NH-2026-5101"}
    async with in_process_gateway(authenticator=authenticator, signer=signer) as gateway:
        # when staff declare their case twice
        first = await gateway.client.post("/graphql", json=QUERY, headers=headers)
        second = await gateway.client.post("/graphql", json=QUERY, headers=headers)
    # then the first is 503 (retry later), and the second asks again and is answered
    assert [(r.status_code, r.json().get("errors")) for r in (first, second)] == [
        (
            503,
            [
                {
                    "message": "Your access cannot be checked just now (wards, case or "
                    "revocation); try again.",
                    "extensions": {"code": "SERVICE_UNAVAILABLE"},
                }
            ],
        ),
        (200, None),
    ]
    assert (first.headers["retry-after"], calls) == ("5", ["NH-2026-5101", "NH-2026-5101"])
