"""authlib's `AuthorizationServer` adapted to Starlette, with our grants and JWT access tokens."""

from __future__ import annotations

from typing import Any

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import InvalidScopeError, OAuth2Request
from authlib.oauth2.rfc6749.util import scope_to_list
from starlette.responses import Response

from identity import exchange
from identity.adapter import to_response
from identity.client_auth import PrivateKeyJWT
from identity.end_session import EndSession
from identity.grants import CodeGrant, RequireS256, RotatingRefreshGrant, SystemCredentialsGrant
from identity.introspection import TokenIntrospection
from identity.keys import SigningKeys
from identity.models import Account
from identity.revocation import TokenRevocation
from identity.settings import IdentitySettings
from identity.tokens import (
    account_claims,
    client_claims,
    mint_access_token,
    mint_id_token,
    opaque_token,
)
from identity.views import ClientView

SCOPES = ("openid", "profile", "gateway")


class IdentityServer(AuthorizationServer):  # type: ignore[misc]
    """The authorization server: code + PKCE (S256), refresh rotation, client credentials,
    revocation, introspection and sign-out.

    Its methods are synchronous (authlib's design); call them through
    `exchange.run_in_worker` so that the hooks can reach the database.
    """

    def __init__(self, settings: IdentitySettings, keys: SigningKeys) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.settings = settings
        self.keys = keys
        self.register_grant(CodeGrant, [RequireS256()])
        self.register_grant(RotatingRefreshGrant)
        self.register_grant(SystemCredentialsGrant)
        self.register_token_generator("default", self.generate_bearer_token)
        self.register_client_auth_method(PrivateKeyJWT.CLIENT_AUTH_METHOD, PrivateKeyJWT(settings))
        self.register_endpoint(TokenRevocation)
        self.register_endpoint(TokenIntrospection)
        self.register_endpoint(EndSession)

    def query_client(self, client_id: Any) -> ClientView | None:
        """Return the enabled client with this id, or None."""
        if not isinstance(client_id, str):
            return None
        row = exchange.current().client(client_id)
        return None if row is None else ClientView(row)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Nothing to store for access tokens: they are self-contained JWTs."""

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        """Return the request, already adapted by the Starlette endpoint."""
        if isinstance(request, OAuth2Request):
            return request
        raise TypeError("pass a StarletteOAuth2Request")

    def create_json_request(self, request: Any) -> Any:
        """No endpoint here takes JSON bodies."""
        raise NotImplementedError

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        """Turn authlib's answer into a Starlette response."""
        return to_response(status, body, list(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signals are observed."""

    def generate_bearer_token(
        self,
        grant_type: str,
        client: ClientView,
        user: Account | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        """Issue an RFC 9068 JWT access token, and an opaque refresh token for users."""
        granted = client.get_allowed_scope(scope)
        if granted is None:
            raise InvalidScopeError()
        if user is not None:
            subject, attributes = user.login, account_claims(user)
        else:
            subject, attributes = client.get_client_id(), client_claims(client.row)
        ttl = expires_in or self.settings.access_token_ttl
        access_token = mint_access_token(
            self.keys.current(),
            issuer=self.settings.issuer,
            audience=self.settings.audience,
            subject=subject,
            client_id=client.get_client_id(),
            scope=granted,
            attributes=attributes,
            now=exchange.current().now,
            ttl=ttl,
        )
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": access_token,
            "expires_in": ttl,
            "scope": granted,
        }
        if include_refresh_token and user is not None:
            token["refresh_token"] = opaque_token()
        return token

    def add_id_token(
        self,
        token: dict[str, Any],
        *,
        client: ClientView,
        user: Account | None,
        auth_time: int,
        nonce: str | None,
        sid: str | None = None,
    ) -> None:
        """Add an OpenID Connect ID token when the granted scope includes `openid`."""
        if user is None or "openid" not in scope_to_list(token.get("scope") or ""):
            return
        token["id_token"] = mint_id_token(
            self.keys.current_rsa(),
            issuer=self.settings.issuer,
            client_id=client.get_client_id(),
            subject=user.login,
            attributes=account_claims(user),
            now=exchange.current().now,
            ttl=self.settings.access_token_ttl,
            auth_time=auth_time,
            nonce=nonce,
            sid=sid,
        )
