"""Actor tokens: round trip, every refusal with its reason, key rotation and replay."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from joserfc import jwt

from authz.actor import Actor, ActorKind
from authz.claims import KIND
from authz.errors import ActorTokenError
from authz.keys import KeySet, SigningKey, generate_key
from authz.replay import ReplayGuard
from authz.tokens import mint_actor_token, verify_actor_token

NOW = 1_800_000_000.0
ISSUER = "https://gateway.tongban.test"
AUDIENCE = "police"

CLERK = Actor(
    subject="staff-0042",
    kind=ActorKind.STAFF,
    agency="police",
    unit="350424-cuijiang",
    roles=("household_clerk", "officer"),
    region="350424",
    purpose="HOUSEHOLD_ADMINISTRATION",
    case=None,
    request_id="req-1",
)
MOTHER = Actor(
    subject="350424199001010026",
    kind=ActorKind.CITIZEN,
    request_id="req-2",
    guardian_of=("350424201501010015",),
)


@dataclass(frozen=True)
class Keys:
    current: SigningKey
    other: SigningKey
    keys: KeySet


@pytest.fixture(scope="module")
def keys() -> Keys:
    current, other = generate_key("Ed25519"), generate_key("Ed25519")
    return Keys(current=current, other=other, keys=KeySet(current=current))


def mint(keys: Keys, **overrides: Any) -> str:
    arguments: dict[str, Any] = {
        "audience": AUDIENCE,
        "key": keys.current,
        "issuer": ISSUER,
        "now": NOW,
    }
    return mint_actor_token(CLERK, **(arguments | overrides))


def verify(token: str, keys: Keys, **overrides: Any) -> Actor:
    arguments: dict[str, Any] = {
        "audience": AUDIENCE,
        "keys": keys.keys,
        "issuer": ISSUER,
        "now": NOW,
    }
    return verify_actor_token(token, **(arguments | overrides))


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * 4))
    return decoded


def forge(
    keys: Keys,
    *,
    header: dict[str, Any] | None = None,
    claims: dict[str, Any] | None = None,
    drop: tuple[str, ...] = (),
    key: SigningKey | None = None,
) -> str:
    """Sign a token like the gateway's, with header and claims changed."""
    signer = key or keys.current
    base = claims_of(mint(keys))
    body = {k: v for k, v in (base | (claims or {})).items() if k not in drop}
    head = {"typ": "actor+jwt", "alg": signer.alg, "kid": keys.current.kid} | (header or {})
    head = {name: value for name, value in head.items() if value is not None}
    return jwt.encode(head, body, signer.key, algorithms=[signer.alg])


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(keys: Keys) -> str:
    header = {"typ": "actor+jwt", "alg": "none", "kid": keys.current.kid}
    body = claims_of(mint(keys))
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(body).encode())}."


def hmac_with_public_key(keys: Keys) -> str:
    """The classic confusion: HS256 keyed with the verifier's public key."""
    header = {"typ": "actor+jwt", "alg": "HS256", "kid": keys.current.kid}
    body = claims_of(mint(keys))
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(body).encode())}"
    secret = keys.current.public().key.as_pem(private=False)
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def tampered(keys: Keys) -> str:
    head, _body, signature = mint(keys).split(".")
    body = claims_of(mint(keys)) | {"urn:tongban:region": "350400"}
    return f"{head}.{b64(json.dumps(body).encode())}.{signature}"


REFUSALS: list[tuple[str, Callable[[Keys], str], dict[str, Any], str]] = [
    ("not a JWS", lambda k: "not-a-token", {}, "malformed token"),
    ("garbage segments", lambda k: "a.b.c", {}, "malformed token"),
    ("JWE-shaped", lambda k: "a.b.c.d.e", {}, "malformed token"),
    ("plain JWT type", lambda k: forge(k, header={"typ": "JWT"}), {}, "wrong token type"),
    ("no type", lambda k: forge(k, header={"typ": "at+jwt"}), {}, "wrong token type"),
    ("alg none", unsigned, {}, "unsigned token (alg none)"),
    ("HMAC with the public key", hmac_with_public_key, {}, "algorithm not allowed"),
    (
        "ES256 claimed for an Ed25519 key",
        lambda k: forge(k, key=generate_key("ES256")),
        {},
        "algorithm not allowed",
    ),
    ("unknown kid", lambda k: forge(k, header={"kid": k.other.kid}), {}, "unknown key id"),
    ("no kid", lambda k: forge(k, header={"kid": None}), {}, "unknown key id"),
    ("signed by another key", lambda k: forge(k, key=k.other), {}, "bad signature"),
    ("tampered claims", tampered, {}, "bad signature"),
    ("expired", lambda k: mint(k, now=NOW - 66), {}, "token expired"),
    ("not yet valid", lambda k: mint(k, now=NOW + 6), {}, "token not yet valid"),
    ("wrong audience", lambda k: mint(k, audience="tax"), {}, "wrong audience"),
    ("wrong issuer", lambda k: mint(k, issuer="https://evil.test"), {}, "wrong issuer"),
    ("no exp", lambda k: forge(k, drop=("exp",)), {}, "missing claim: exp"),
    ("no jti", lambda k: forge(k, drop=("jti",)), {}, "missing claim: jti"),
    ("no aud", lambda k: forge(k, drop=("aud",)), {}, "missing claim: aud"),
    ("no kind", lambda k: forge(k, drop=(KIND,)), {}, f"missing claim: {KIND}"),
    ("bad kind", lambda k: forge(k, claims={KIND: "ROOT"}), {}, f"invalid claim: {KIND}"),
    (
        "roles not a list",
        lambda k: forge(k, claims={"urn:tongban:roles": "officer"}),
        {},
        "invalid claim: urn:tongban:roles",
    ),
    (
        "lifetime too long",
        lambda k: forge(k, claims={"exp": int(NOW) + 3600}),
        {},
        "token lifetime too long",
    ),
    (
        "extra header",
        lambda k: forge(k, header={"jku": "https://evil.test"}),
        {},
        "malformed token",
    ),
]


@pytest.mark.parametrize(
    ("make", "options", "reason"),
    [pytest.param(make, options, reason, id=name) for name, make, options, reason in REFUSALS],
)
def test_refused_tokens_say_why(
    keys: Keys, make: Callable[[Keys], str], options: dict[str, Any], reason: str
) -> None:
    # given a token wrong in exactly one respect, when a subgraph verifies it, then it says why
    with pytest.raises(ActorTokenError) as refused:
        verify(make(keys), keys, **options)
    assert refused.value.reason == reason


def test_round_trip_keeps_every_attribute(keys: Keys) -> None:
    # given a staff actor and a citizen guardian, when minted and verified, then they come back
    assert verify(mint(keys), keys) == CLERK
    assert (
        verify(
            mint_actor_token(MOTHER, audience=AUDIENCE, key=keys.current, issuer=ISSUER, now=NOW),
            keys,
        )
        == MOTHER
    )


def test_header_and_claims_are_as_specified(keys: Keys) -> None:
    token = mint(keys)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=" * 4))
    claims = claims_of(token)
    assert header == {"typ": "actor+jwt", "alg": "Ed25519", "kid": keys.current.kid}
    assert {k: claims[k] for k in ("iss", "sub", "aud", "iat", "nbf", "exp")} == {
        "iss": ISSUER,
        "sub": "staff-0042",
        "aud": "police",
        "iat": int(NOW),
        "nbf": int(NOW),
        "exp": int(NOW) + 60,
    }
    assert claims["urn:tongban:roles"] == ["household_clerk", "officer"]
    assert claims["jti"] != claims_of(mint(keys))["jti"]


def test_leeway_tolerates_small_clock_skew(keys: Keys) -> None:
    # a token minted 4 s "in the future" or expired 4 s ago still passes with the 5 s leeway
    assert verify(mint(keys, now=NOW + 4), keys) == CLERK
    assert verify(mint(keys, now=NOW - 64), keys) == CLERK


def test_es256_keys_sign_and_verify() -> None:
    key = generate_key("ES256")
    token = mint_actor_token(CLERK, audience=AUDIENCE, key=key, issuer=ISSUER, now=NOW)
    actor = verify_actor_token(
        token, audience=AUDIENCE, keys=KeySet(current=key), issuer=ISSUER, now=NOW
    )
    assert actor == CLERK


def test_ttl_is_bounded() -> None:
    with pytest.raises(ValueError, match="ttl_seconds"):
        mint_actor_token(
            CLERK, audience=AUDIENCE, key=generate_key(), issuer=ISSUER, ttl_seconds=3600
        )


def test_rotation_keeps_in_flight_tokens_valid() -> None:
    # given a token signed just before the gateway rotated its key
    old, new = generate_key(), generate_key()
    in_flight = mint_actor_token(CLERK, audience=AUDIENCE, key=old, issuer=ISSUER, now=NOW)
    rotated = KeySet(current=old).rotated(new)
    # then it still verifies, and so do tokens signed with the new key
    for token in (
        in_flight,
        mint_actor_token(CLERK, audience=AUDIENCE, key=new, issuer=ISSUER, now=NOW),
    ):
        assert (
            verify_actor_token(token, audience=AUDIENCE, keys=rotated, issuer=ISSUER, now=NOW)
            == CLERK
        )
    # but after the next rotation the oldest key is gone and its tokens are refused
    twice = rotated.rotated(generate_key())
    with pytest.raises(ActorTokenError) as refused:
        verify_actor_token(in_flight, audience=AUDIENCE, keys=twice, issuer=ISSUER, now=NOW)
    assert refused.value.reason == "unknown key id"


def test_a_token_is_accepted_once(keys: Keys) -> None:
    # given one process's replay guard, when the same token arrives twice, then the second fails
    guard = ReplayGuard(clock=lambda: NOW)
    token = mint(keys)
    assert verify(token, keys, replay_guard=guard) == CLERK
    with pytest.raises(ActorTokenError) as refused:
        verify(token, keys, replay_guard=guard)
    assert refused.value.reason == "token replayed"
    # while a fresh token for the same actor passes
    assert verify(mint(keys), keys, replay_guard=guard) == CLERK


def test_refused_tokens_are_not_remembered(keys: Keys) -> None:
    guard = ReplayGuard(clock=lambda: NOW)
    with pytest.raises(ActorTokenError):
        verify(mint(keys), keys, replay_guard=guard, audience="tax")
    assert len(guard) == 0
