"""Token introspection (RFC 7662) at `/introspect`, for agency systems and their own tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from authlib.oauth2.rfc6749 import OAuth2Request
from authlib.oauth2.rfc7662 import IntrospectionEndpoint

from identity.presented import AccessTokenView, find_access_token, require_token
from identity.views import ClientView


class TokenIntrospection(IntrospectionEndpoint):  # type: ignore[misc]
    """Agency systems (private_key_jwt only) ask whether their access tokens are still active.

    Expired, revoked, unknown and other clients' tokens are `{"active": false}`; an active
    token answers with its claims. Agency systems hold no refresh tokens, so any refresh
    token is unknown here. An unknown `token_type_hint` is ignored.
    """

    CLIENT_AUTH_METHODS: ClassVar[list[str]] = ["private_key_jwt"]

    def check_params(self, request: OAuth2Request, client: ClientView) -> None:
        """Require the `token` parameter."""
        require_token(request)

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        """Return the access token if this provider signed it."""
        return find_access_token(self.server, token_string)

    def check_permission(
        self, token: AccessTokenView, client: ClientView, request: OAuth2Request
    ) -> bool:
        """Let a client introspect only the tokens issued to it."""
        return token.check_client(client)

    def introspect_token(self, token: AccessTokenView) -> dict[str, Any]:
        """Return the token's claims, marked active."""
        return {**token.claims, "active": True, "token_type": "Bearer"}
