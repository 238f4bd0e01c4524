"""Tokens a client presents to revoke or introspect: our access tokens and refresh tokens.

Used from authlib's synchronous endpoints, in the worker thread of `exchange.run_in_worker`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Request, TokenMixin

from identity import denylist, exchange, store
from identity.tokens import TokenError, digest, verify_access_token
from identity.views import ClientView, RefreshView

if TYPE_CHECKING:
    from identity.server import IdentityServer

# The gateway reads no longer bearer tokens; refresh tokens are 43 characters.
MAX_ACCESS_TOKEN_LENGTH = 8192
MAX_REFRESH_TOKEN_LENGTH = 200


class AccessTokenView(TokenMixin):  # type: ignore[misc]
    """A verified access token of this provider, by its claims."""

    def __init__(self, claims: dict[str, Any], *, revoked: bool, now: int) -> None:
        self.claims = claims
        self.revoked = revoked
        self.now = now

    @property
    def expires_at(self) -> int:
        """Return when the token expires (seconds since the epoch)."""
        return int(self.claims["exp"])

    def check_client(self, client: ClientView) -> bool:
        """Tell whether the token was issued to this client."""
        return self.claims.get("client_id") == client.get_client_id()

    def get_scope(self) -> str:
        """Return the scope granted with the token."""
        return str(self.claims.get("scope", ""))

    def get_expires_in(self) -> int:
        """Return the seconds left before the token expires."""
        return max(0, self.expires_at - self.now)

    def is_expired(self) -> bool:
        """Tell whether the token has expired."""
        return self.now >= self.expires_at

    def is_revoked(self) -> bool:
        """Tell whether the token was revoked."""
        return self.revoked


def require_token(request: OAuth2Request) -> str:
    """Return the `token` parameter; the `token_type_hint` is only a hint, any value is ignored."""
    token = request.form.get("token")
    if not token:
        raise InvalidRequestError("Missing 'token'.")
    return str(token)


def find_access_token(server: IdentityServer, value: str) -> AccessTokenView | None:
    """Return the access token if this provider signed it, expired or not (within leeway)."""
    if len(value) > MAX_ACCESS_TOKEN_LENGTH or value.count(".") != 2:
        return None
    current = exchange.current()
    settings = server.settings
    try:
        claims = verify_access_token(
            value,
            server.keys.public_keys(),
            issuer=settings.issuer,
            audiences=[settings.audience, settings.issuer],
            now=current.now,
        )
    except TokenError:
        return None
    revoked: bool = current.run(denylist.is_denied, str(claims["jti"]))
    return AccessTokenView(claims, revoked=revoked, now=current.now)


def find_refresh_token(value: str) -> RefreshView | None:
    """Return the refresh token stored under this value, used and revoked ones included."""
    if len(value) > MAX_REFRESH_TOKEN_LENGTH:
        return None
    current = exchange.current()
    row = current.run(store.find_refresh_token, digest(value))
    return None if row is None else RefreshView(row, current.now)
