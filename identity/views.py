"""authlib's views of our rows: the client, authorization code and refresh token mixins."""

from __future__ import annotations

from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, TokenMixin
from authlib.oauth2.rfc6749.util import scope_to_list

from identity.models import AuthorizationCode, ClientKind, OAuthClient, RefreshToken

AUTH_METHOD_OF_KIND = {ClientKind.PUBLIC_WEB: "none", ClientKind.AGENCY_SYSTEM: "private_key_jwt"}


class ClientView(ClientMixin):  # type: ignore[misc]
    """A registered client as authlib asks about it."""

    def __init__(self, row: OAuthClient) -> None:
        self.row = row

    def get_client_id(self) -> str:
        """Return the client identifier."""
        return self.row.client_id

    def get_default_redirect_uri(self) -> None:
        """Return no default: every authorization request must name its redirect URI."""
        return None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """Return the requested scope if the client may have all of it (all scopes if none)."""
        allowed = list(self.row.scopes or [])
        if not scope:
            return " ".join(allowed)
        requested = list(dict.fromkeys(scope_to_list(scope)))
        if any(item not in allowed for item in requested):
            return None
        return " ".join(requested)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """Tell whether the URI is registered, compared exactly."""
        return redirect_uri in (self.row.redirect_uris or [])

    def check_client_secret(self, client_secret: str) -> bool:
        """No client has a shared secret: public clients use PKCE, systems private_key_jwt."""
        return False

    @property
    def client_metadata(self) -> dict[str, list[str]]:
        """Return the registered metadata authlib's logout endpoint reads."""
        return {"post_logout_redirect_uris": list(self.row.post_logout_redirect_uris or [])}

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        """Public web clients authenticate with `none`, agency systems with private_key_jwt.

        Only agency systems may introspect tokens.
        """
        if endpoint == "introspection" and self.row.kind is not ClientKind.AGENCY_SYSTEM:
            return False
        return AUTH_METHOD_OF_KIND[self.row.kind] == method

    def check_response_type(self, response_type: str) -> bool:
        """Only the code flow, and only for clients allowed the authorization_code grant."""
        return response_type == "code" and self.check_grant_type("authorization_code")

    def check_grant_type(self, grant_type: str) -> bool:
        """Tell whether the client is registered for this grant type."""
        return grant_type in (self.row.grant_types or [])


class CodeView(AuthorizationCodeMixin):  # type: ignore[misc]
    """A stored authorization code with its PKCE challenge."""

    def __init__(self, row: AuthorizationCode) -> None:
        self.row = row
        self.code_challenge = row.code_challenge
        self.code_challenge_method = row.code_challenge_method

    def get_redirect_uri(self) -> str:
        """Return the redirect URI the code was issued for."""
        return self.row.redirect_uri

    def get_scope(self) -> str:
        """Return the scope granted with the code."""
        return self.row.scope


class RefreshView(TokenMixin):  # type: ignore[misc]
    """A stored refresh token."""

    def __init__(self, row: RefreshToken, now: int) -> None:
        self.row = row
        self.now = now

    def check_client(self, client: ClientView) -> bool:
        """Tell whether the token was issued to this client."""
        return self.row.client_id == client.get_client_id()

    def get_scope(self) -> str:
        """Return the scope granted with the token."""
        return self.row.scope

    def get_expires_in(self) -> int:
        """Return the seconds left before the token expires."""
        return max(0, self.row.expires_at - self.now)

    def is_expired(self) -> bool:
        """Tell whether the token or its family has expired."""
        return self.now >= min(self.row.expires_at, self.row.family_expires_at)

    def is_revoked(self) -> bool:
        """Tell whether the token was used or revoked."""
        return self.row.revoked
