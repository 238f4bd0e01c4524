"""Sign-out (OpenID Connect RP-Initiated Logout 1.0): authlib's endpoint on our sessions."""

from __future__ import annotations

import logging
from typing import Any

from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Request
from authlib.oidc.rpinitiated import EndSessionEndpoint, EndSessionRequest
from joserfc.jwk import KeySet

from identity import exchange
from identity.keys import ID_TOKEN_ALGORITHM
from identity.sign_in_sessions import SESSION_COOKIE, end_sessions

log = logging.getLogger(__name__)
LOGOUT_PARAMETERS = (
    "id_token_hint",
    "client_id",
    "post_logout_redirect_uri",
    "state",
    "logout_hint",
    "ui_locales",
)


class EndSession(EndSessionEndpoint):  # type: ignore[misc]
    """Ends the browser's session and the session the ID token names; revokes their tokens.

    `id_token_hint` must be an ID token of this provider (RS256, our issuer; an expired one
    is accepted). The browser is sent to `post_logout_redirect_uri` only when that URI is
    registered for the client named by `client_id` or by the hint's audience.
    """

    def get_server_jwks(self) -> KeySet:
        """Return the provider's public keys (current and previous)."""
        keys: KeySet = self.server.keys.public_keys()
        return keys

    def get_algorithms(self) -> list[str]:
        """Accept ID tokens only (access tokens are signed with another algorithm)."""
        return [ID_TOKEN_ALGORITHM]

    def validate_request(self, request: OAuth2Request) -> EndSessionRequest:
        """Validate like authlib, then require the hint to come from this issuer."""
        try:
            validated: EndSessionRequest = super().validate_request(request)
        except (ValueError, TypeError, KeyError):
            raise InvalidRequestError("Invalid 'id_token_hint'.") from None
        claims = validated.id_token_claims
        if claims is not None and claims.get("iss") != self.server.settings.issuer:
            raise InvalidRequestError("The 'id_token_hint' was issued by another provider.")
        return validated

    def is_post_logout_redirect_uri_legitimate(
        self, request: OAuth2Request, post_logout_redirect_uri: str, client: Any, hint: Any
    ) -> bool:
        """Redirect on `client_id` alone: the URI is registered and the user confirmed."""
        return True

    def end_session(self, end_session_request: EndSessionRequest) -> None:
        """End the sessions and revoke the refresh tokens issued in them."""
        current = exchange.current()
        claims = end_session_request.id_token_claims or {}
        cookies: dict[str, str] = getattr(end_session_request.request, "cookies", {})
        sid, login = claims.get("sid"), claims.get("sub")
        revoked = current.run(
            end_sessions,
            cookie=cookies.get(SESSION_COOKIE),
            sid=sid if isinstance(sid, str) else None,
            login=login if isinstance(login, str) else None,
            now=current.now,
        )
        log.info("sign-out: %d refresh token(s) revoked", revoked)
