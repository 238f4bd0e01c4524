"""Actor tokens: short-lived JWTs the gateway signs per subgraph call, and their verification.

A token is a JWS (compact) with header `{"typ": "actor+jwt", "alg": <the key's alg>, "kid":
<RFC 7638 thumbprint>}` and claims `iss`, `sub`, `aud` (one subgraph), `iat`, `nbf`, `exp`,
`jti` and the actor's attributes under `urn:tongban:*` (see authz/claims.py). Verification
follows RFC 8725: the type is explicit, the algorithm is the one of the key the `kid` names
(never taken from the token alone, never `none`, never HMAC), and every claim is checked.

Integration: the gateway mints one token per HTTP attempt to a subgraph (a retry needs a new
one, since the subgraph refuses a `jti` twice) with `audience` = the subgraph's name, and sends
it in its own header (say `Tongban-Actor`), never forwarding the end user's bearer token; the
subgraph verifies it with its own name as `audience`, one ReplayGuard per process, and the
gateway's KeySet (same process) or JWKS (other processes).
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from joserfc import jws, jwt
from joserfc.errors import BadSignatureError, JoseError

from authz.actor import Actor
from authz.claims import actor_claims, actor_from_claims
from authz.errors import ActorTokenError
from authz.keys import KeySet, SigningKey, VerificationKey
from authz.replay import ReplayGuard

TOKEN_TYPE = "actor+jwt"
MAX_LIFETIME_SECONDS = 300
MAX_TOKEN_LENGTH = 8_192
ALLOWED_HEADERS = frozenset({"alg", "typ", "kid"})
REGISTERED_CLAIMS = ("iss", "sub", "aud", "iat", "nbf", "exp", "jti")


def mint_actor_token(
    actor: Actor,
    *,
    audience: str,
    key: SigningKey,
    issuer: str,
    ttl_seconds: int = 60,
    now: float | None = None,
) -> str:
    """Sign a token telling subgraph `audience` who the actor is, valid for `ttl_seconds`."""
    if not 0 < ttl_seconds <= MAX_LIFETIME_SECONDS:
        raise ValueError(f"ttl_seconds must be in 1..{MAX_LIFETIME_SECONDS}")
    issued = int(time.time() if now is None else now)
    claims = {
        "iss": issuer,
        "sub": actor.subject,
        "aud": audience,
        "iat": issued,
        "nbf": issued,
        "exp": issued + ttl_seconds,
        "jti": secrets.token_urlsafe(18),
        **actor_claims(actor),
    }
    header = {"typ": TOKEN_TYPE, "alg": key.alg, "kid": key.kid}
    return jwt.encode(header, claims, key.key, algorithms=[key.alg])


def verify_actor_token(
    token: str,
    *,
    audience: str,
    keys: KeySet,
    issuer: str,
    replay_guard: ReplayGuard | None = None,
    now: float | None = None,
    leeway: int = 5,
) -> Actor:
    """Return the actor of a valid token for `audience`; raise ActorTokenError(reason) if not."""
    moment = time.time() if now is None else now
    signed = _extract(token)
    header = signed.headers()
    _check_header(header)
    key = _key_for(header, keys)
    claims = _verified_claims(signed, key)
    _check_registered(claims, audience=audience, issuer=issuer, now=moment, leeway=leeway)
    actor = actor_from_claims(claims["sub"], claims)
    if replay_guard is not None and not replay_guard.first_use(
        claims["jti"], expires_at=claims["exp"] + leeway, now=moment
    ):
        raise ActorTokenError("token replayed")
    return actor


def _extract(token: str) -> jws.CompactSignature:
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH or token.count(".") != 2:
        raise ActorTokenError("malformed token")
    try:
        return jws.extract_compact(token.encode("ascii"))
    except (JoseError, ValueError, TypeError, UnicodeError):
        raise ActorTokenError("malformed token") from None


def _check_header(header: dict[str, Any]) -> None:
    typ = header.get("typ")
    if not isinstance(typ, str) or typ.lower().removeprefix("application/") != TOKEN_TYPE:
        raise ActorTokenError("wrong token type")
    alg = header.get("alg")
    if not isinstance(alg, str):
        raise ActorTokenError("malformed token")
    if alg.lower() == "none":
        raise ActorTokenError("unsigned token (alg none)")
    if not set(header) <= ALLOWED_HEADERS:
        raise ActorTokenError("malformed token")


def _key_for(header: dict[str, Any], keys: KeySet) -> VerificationKey:
    kid = header.get("kid")
    key = keys.get(kid) if isinstance(kid, str) else None
    if key is None:
        raise ActorTokenError("unknown key id")
    if header["alg"] != key.alg:
        raise ActorTokenError("algorithm not allowed")
    return key


def _verified_claims(signed: jws.CompactSignature, key: VerificationKey) -> dict[str, Any]:
    try:
        if not jws.validate_compact(signed, key.key, algorithms=[key.alg]):
            raise ActorTokenError("bad signature")
    except BadSignatureError:
        raise ActorTokenError("bad signature") from None
    except (JoseError, ValueError, TypeError):
        raise ActorTokenError("malformed token") from None
    try:
        claims = json.loads(signed.payload or b"")
    except (ValueError, UnicodeError):
        raise ActorTokenError("malformed token") from None
    if not isinstance(claims, dict):
        raise ActorTokenError("malformed token")
    return claims


def _check_registered(
    claims: dict[str, Any], *, audience: str, issuer: str, now: float, leeway: int
) -> None:
    for name in REGISTERED_CLAIMS:
        if name not in claims:
            raise ActorTokenError(f"missing claim: {name}")
    for name in ("iss", "sub", "jti"):
        if not isinstance(claims[name], str) or not claims[name]:
            raise ActorTokenError(f"invalid claim: {name}")
    for name in ("iat", "nbf", "exp"):
        if isinstance(claims[name], bool) or not isinstance(claims[name], int | float):
            raise ActorTokenError(f"invalid claim: {name}")
    if claims["iss"] != issuer:
        raise ActorTokenError("wrong issuer")
    if claims["aud"] != audience and claims["aud"] != [audience]:
        raise ActorTokenError("wrong audience")
    if now >= claims["exp"] + leeway:
        raise ActorTokenError("token expired")
    if now + leeway < claims["nbf"] or now + leeway < claims["iat"]:
        raise ActorTokenError("token not yet valid")
    if claims["exp"] - claims["iat"] > MAX_LIFETIME_SECONDS:
        raise ActorTokenError("token lifetime too long")
