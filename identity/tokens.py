"""RFC 9068 JWT access tokens and OpenID Connect ID tokens signed with the provider key."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey

from identity.keys import ALGORITHM, ID_TOKEN_ALGORITHM
from identity.models import Account, AccountKind, OAuthClient

ACCESS_TOKEN_TYPE = "at+jwt"
SYSTEM_KIND = "SYSTEM"


class TokenError(ValueError):
    """An access token that is malformed, forged, expired or meant for someone else."""


def digest(value: str) -> str:
    """Return the SHA-256 hex digest under which an opaque code or token is stored."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def opaque_token() -> str:
    """Return a fresh random opaque value (256 bits) for codes and refresh tokens."""
    return secrets.token_urlsafe(32)


def account_claims(account: Account) -> dict[str, Any]:
    """Return the attributes of an account carried in its tokens."""
    claims: dict[str, Any] = {
        "kind": account.kind.value,
        "name": account.display_name,
        "agency": account.agency,
        "unit": account.unit,
        "roles": list(account.roles or []),
        "region": account.region,
    }
    if account.kind is AccountKind.CITIZEN:
        claims["id_number"] = account.id_number
    return {key: value for key, value in claims.items() if value is not None}


def client_claims(client: OAuthClient) -> dict[str, Any]:
    """Return the attributes of an agency system acting on its own behalf."""
    claims: dict[str, Any] = {
        "kind": SYSTEM_KIND,
        "name": client.display_name,
        "agency": client.agency,
        "roles": list(client.roles or []),
    }
    return {key: value for key, value in claims.items() if value is not None}


def mint_access_token(
    key: ECKey,
    *,
    issuer: str,
    audience: str,
    subject: str,
    client_id: str,
    scope: str,
    attributes: dict[str, Any],
    now: int,
    ttl: int,
    auth_time: int | None = None,
) -> str:
    """Sign an RFC 9068 access token (header typ `at+jwt`) for `subject`."""
    claims: dict[str, Any] = {
        **attributes,
        "iss": issuer,
        "sub": subject,
        "aud": audience,
        "exp": now + ttl,
        "iat": now,
        "jti": secrets.token_urlsafe(16),
        "client_id": client_id,
        "scope": scope,
    }
    if auth_time is not None:
        claims["auth_time"] = auth_time
    header = {"alg": ALGORITHM, "typ": ACCESS_TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


def mint_id_token(
    key: RSAKey,
    *,
    issuer: str,
    client_id: str,
    subject: str,
    attributes: dict[str, Any],
    now: int,
    ttl: int,
    auth_time: int,
    nonce: str | None,
    sid: str | None = None,
) -> str:
    """Sign an OpenID Connect ID token (RS256) for the client that asked for `openid`."""
    claims: dict[str, Any] = {
        **attributes,
        "iss": issuer,
        "sub": subject,
        "aud": client_id,
        "exp": now + ttl,
        "iat": now,
        "auth_time": auth_time,
    }
    if nonce:
        claims["nonce"] = nonce
    if sid:
        claims["sid"] = sid
    header = {"alg": ID_TOKEN_ALGORITHM, "typ": "JWT", "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=[ID_TOKEN_ALGORITHM])


def verify_access_token(
    token: str,
    keys: KeySet,
    *,
    issuer: str,
    audiences: list[str],
    now: int | None = None,
    leeway: int = 30,
) -> dict[str, Any]:
    """Check an access token the way a resource server must (RFC 9068 §4); return its claims."""
    try:
        decoded = jwt.decode(token, keys, algorithms=[ALGORITHM])
    except (JoseError, ValueError) as error:
        raise TokenError(f"invalid access token: {error}") from None
    media_type = str(decoded.header.get("typ", "")).lower()
    if media_type not in {ACCESS_TOKEN_TYPE, "application/" + ACCESS_TOKEN_TYPE}:
        raise TokenError("not an access token (typ must be at+jwt)")
    registry = jwt.JWTClaimsRegistry(
        now=now,
        leeway=leeway,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "values": audiences},
        exp={"essential": True},
        iat={"essential": True},
        sub={"essential": True},
        client_id={"essential": True},
        jti={"essential": True},
    )
    try:
        registry.validate(decoded.claims)
    except JoseError as error:
        raise TokenError(f"invalid access token: {error}") from None
    return dict(decoded.claims)
