"""Token revocation (RFC 7009) at `/revoke`: refresh tokens by family, access tokens by `jti`."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from authlib.oauth2.rfc6749 import OAuth2Request
from authlib.oauth2.rfc7009 import RevocationEndpoint

from identity import denylist, exchange, store
from identity.presented import (
    AccessTokenView,
    find_access_token,
    find_refresh_token,
    require_token,
)
from identity.views import ClientView, RefreshView

log = logging.getLogger(__name__)
PresentedToken = AccessTokenView | RefreshView


class TokenRevocation(RevocationEndpoint):  # type: ignore[misc]
    """The web client (`none`) and agency systems (private_key_jwt) revoke their own tokens.

    A token that is unknown, expired, or another client's is left alone, and the answer
    is the same 200 (RFC 7009 §2.2). An unknown `token_type_hint` is ignored (§2.1).
    """

    CLIENT_AUTH_METHODS: ClassVar[list[str]] = ["none", "private_key_jwt"]

    def check_params(self, request: OAuth2Request, client: ClientView) -> None:
        """Require the `token` parameter."""
        require_token(request)

    def authenticate_token(self, request: OAuth2Request, client: ClientView) -> Any:
        """Return the presented token if it was issued to this client, else None."""
        token = self.query_token(require_token(request), request.form.get("token_type_hint"))
        if token is None or not token.check_client(client):
            return None
        return token

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        """Find the token, trying the hinted type first."""
        if token_type_hint == "refresh_token":
            return find_refresh_token(token_string) or find_access_token(self.server, token_string)
        return find_access_token(self.server, token_string) or find_refresh_token(token_string)

    def revoke_token(self, token: PresentedToken, request: OAuth2Request) -> None:
        """Revoke a refresh token's whole family, or deny an access token until it expires."""
        current = exchange.current()
        if isinstance(token, RefreshView):
            revoked = current.run(store.revoke_family, token.row.family_id, "revoked")
            log.info("client %s revoked %d refresh token(s)", token.row.client_id, revoked)
            return
        client_id = str(token.claims["client_id"])
        current.run(
            denylist.deny,
            jti=str(token.claims["jti"]),
            client_id=client_id,
            expires_at=token.expires_at,
            now=current.now,
        )
        log.info("client %s revoked an access token", client_id)
