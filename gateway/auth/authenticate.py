"""Verifies a caller's bearer access token and turns its claims into an actor."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any

import httpx
import orjson
from joserfc import jws, jwt
from joserfc.errors import JoseError

from authz.actor import Actor, ActorKind
from authz.purposes import purpose_of
from gateway.auth.config import ALLOWED_ALGORITHMS, AuthConfig, IssuerConfig
from gateway.auth.jwks import JwksCache, JwksError
from gateway.auth.memo import TtlMemo

PURPOSE_HEADER = "tongban-purpose"
CASE_HEADER = "tongban-case"
# Staff-side callers must say why they read personal data.
PURPOSE_REQUIRED = frozenset({ActorKind.STAFF, ActorKind.SUPERVISOR, ActorKind.SYSTEM})


class AuthenticationError(Exception):
    """The request's credentials are missing or refused (HTTP 401)."""


class LookupUnavailable(Exception):
    """A lookup the edge depends on (wards, cases) could not be answered just now."""


class CaseNotAssigned(Exception):
    """A declared case is unknown, closed, or assigned to another unit (HTTP 403)."""

    def __init__(self, case: str) -> None:
        super().__init__(f"case {case[:40]} is not assigned to your unit")


class PurposeRequired(Exception):
    """A staff-side caller declared no (or an unknown) purpose (HTTP 403)."""


WardsResolver = Callable[[Actor], Awaitable[tuple[str, ...]]]
WARDS_TTL_SECONDS = 60.0
WARDS_CACHE_SIZE = 10_000
# Whether the actor's declared `case` is an open case assigned to its unit or a unit above it.
CaseResolver = Callable[[Actor], Awaitable[bool]]
CASES_TTL_SECONDS = 60.0
CASES_CACHE_SIZE = 10_000
# Whether the token with this `jti` was revoked at its issuer before it expired.
RevocationCheck = Callable[[str], Awaitable[bool]]
REVOCATION_TTL_SECONDS = 5.0
REVOCATION_CACHE_SIZE = 100_000


class Authenticator:
    """Checks access tokens from the configured issuers.

    `wards`, when given, names the minors in a citizen's guardianship; they join the actor
    so that every subgraph's SELF rule covers them. Answers are kept a minute per citizen.

    `cases`, when given, says whether the case a staff-side caller declares is an open case
    assigned to its unit (or to a unit above it); one that is not is refused with
    403 `CASE_NOT_ASSIGNED`. Answers are kept a minute per (case, unit).

    `revoked`, when given, says whether a token was revoked (by its `jti`, whatever its
    issuer); a revoked token is refused like an invalid one. Answers are kept
    `revocation_ttl` seconds per `jti`, so a revocation takes effect within that time.
    """

    def __init__(
        self,
        config: AuthConfig,
        client: httpx.AsyncClient | None = None,
        *,
        wards: WardsResolver | None = None,
        cases: CaseResolver | None = None,
        revoked: RevocationCheck | None = None,
        revocation_ttl: float = REVOCATION_TTL_SECONDS,
    ) -> None:
        self.config = config
        self.client = client or httpx.AsyncClient()
        self.issuers = {i.issuer: (i, JwksCache(i, self.client)) for i in config.issuers}
        self.wards = wards
        self._wards_memo: TtlMemo[tuple[str, ...]] = TtlMemo(
            ttl=WARDS_TTL_SECONDS, size=WARDS_CACHE_SIZE
        )
        self.cases = cases
        self._cases_memo: TtlMemo[bool] = TtlMemo(ttl=CASES_TTL_SECONDS, size=CASES_CACHE_SIZE)
        self.revoked = revoked
        self._revoked_memo: TtlMemo[bool] = TtlMemo(ttl=revocation_ttl, size=REVOCATION_CACHE_SIZE)

    async def authenticate(self, headers: Mapping[str, str], request_id: str) -> Actor:
        """Return the actor of a request.

        Raises `AuthenticationError`, `PurposeRequired` or `CaseNotAssigned`.
        """
        token = _bearer(headers.get("authorization"))
        header, claims = _unverified(token)
        found = self.issuers.get(str(claims.get("iss")))
        if found is None:
            raise AuthenticationError("token from an untrusted issuer")
        issuer, cache = found
        try:
            keys = await cache.keys(header.get("kid"))
        except JwksError as error:
            raise AuthenticationError(str(error)) from None
        verified = _verify(token, keys, issuer)
        if await self._is_revoked(verified):
            raise AuthenticationError("token revoked")
        actor = _actor(verified, issuer, headers, request_id)
        if actor.kind is ActorKind.CITIZEN and self.wards is not None:
            actor = replace(actor, guardian_of=await self._wards_of(actor))
        # System actors are not checked: the case an agency system declares is its own
        # reference, such as the online service hall's application number (SYSTEM@hall,
        # purpose SERVICE_APPLICATION), not a police case.
        if (
            actor.case is not None
            and actor.kind not in (ActorKind.CITIZEN, ActorKind.SYSTEM)
            and self.cases is not None
            and not await self._case_assigned(actor)
        ):
            raise CaseNotAssigned(actor.case)
        return actor

    async def _is_revoked(self, claims: dict[str, Any]) -> bool:
        revoked = self.revoked
        jti = claims.get("jti")
        if revoked is None or not isinstance(jti, str) or not jti:
            return False
        return await self._revoked_memo.get(jti, lambda: revoked(jti))

    async def _case_assigned(self, actor: Actor) -> bool:
        cases = self.cases
        assert actor.case is not None and cases is not None
        return await self._cases_memo.get((actor.case, actor.unit), lambda: cases(actor))

    async def _wards_of(self, actor: Actor) -> tuple[str, ...]:
        wards = self.wards
        assert wards is not None
        try:
            return await self._wards_memo.get(actor.subject, lambda: wards(actor))
        except LookupUnavailable:
            return ()  # no wards for now (not remembered): the citizen still reads their own

    async def close(self) -> None:
        """Close the key-fetching client."""
        await self.client.aclose()


def _bearer(value: str | None) -> str:
    if not value:
        raise AuthenticationError("missing bearer token")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip() or len(token) > 8_192:
        raise AuthenticationError("malformed Authorization header")
    return token.strip()


def _unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read header and claims before verifying, to find the issuer and its key."""
    try:
        signed = jws.extract_compact(token.encode())
        payload = orjson.loads(signed.payload)
    except (JoseError, ValueError, UnicodeError):
        raise AuthenticationError("malformed token") from None
    if not isinstance(payload, dict):
        raise AuthenticationError("malformed token")
    return dict(signed.headers()), payload


def _verify(token: str, keys: Any, issuer: IssuerConfig) -> dict[str, Any]:
    try:
        decoded = jwt.decode(token, keys, algorithms=list(ALLOWED_ALGORITHMS))
    except JoseError as error:
        raise AuthenticationError(f"token refused: {error.description or error.error}") from None
    if decoded.header.get("typ", "").lower() not in ("at+jwt", "application/at+jwt", "jwt"):
        raise AuthenticationError("not an access token")
    registry = jwt.JWTClaimsRegistry(
        now=lambda: int(time.time()),
        leeway=issuer.leeway_seconds,
        iss={"essential": True, "value": issuer.issuer},
        aud={"essential": True, "value": issuer.audience},
        exp={"essential": True},
        sub={"essential": True},
    )
    try:
        registry.validate(decoded.claims)
    except JoseError as error:
        raise AuthenticationError(f"token refused: {error.description or error.error}") from None
    return dict(decoded.claims)


def _actor(
    claims: dict[str, Any], issuer: IssuerConfig, headers: Mapping[str, str], request_id: str
) -> Actor:
    mapping = issuer.claims
    try:
        kind = ActorKind(str(claims.get(mapping["kind"], "")).upper())
    except ValueError:
        raise AuthenticationError("token names no known actor kind") from None
    subject = str(claims["sub"])
    if kind is ActorKind.CITIZEN:
        subject = str(claims.get(mapping["id_number"]) or "")
        if not subject:
            raise AuthenticationError("a citizen token carries no ID number")
    purpose = headers.get(PURPOSE_HEADER)
    if kind in PURPOSE_REQUIRED and purpose_of(purpose) is None:
        raise PurposeRequired(
            "declare a purpose of access in the Tongban-Purpose header"
            if not purpose
            else f"unknown purpose {purpose[:40]!r}"
        )
    roles = claims.get(mapping["roles"]) or ()
    return Actor(
        subject=subject,
        kind=kind,
        agency=_text(claims.get(mapping["agency"])),
        unit=_text(claims.get(mapping["unit"])),
        roles=tuple(str(r) for r in roles) if isinstance(roles, list | tuple) else (),
        region=_text(claims.get(mapping["region"])),
        purpose=purpose if kind is not ActorKind.CITIZEN else None,
        case=_text(headers.get(CASE_HEADER)),
        request_id=request_id,
    )


def _text(value: Any) -> str | None:
    return str(value)[:128] if value not in (None, "") else None
