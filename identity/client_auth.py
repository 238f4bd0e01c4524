"""private_key_jwt (RFC 7523 §2.2): agency systems sign an assertion instead of sharing a secret."""

from __future__ import annotations

import logging
from typing import Any, cast

from authlib.oauth2.rfc6749 import InvalidClientError, OAuth2Request
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from identity import exchange, store
from identity.settings import IdentitySettings
from identity.views import ClientView

ASSERTION_ALGORITHMS = ["ES256", "EdDSA", "RS256", "PS256"]
MAX_JTI_LENGTH = 255
log = logging.getLogger(__name__)


class PrivateKeyJWT(JWTBearerClientAssertion):  # type: ignore[misc]
    """Verify a client assertion against the client's registered JWKS, once per jti."""

    CLIENT_AUTH_METHOD = "private_key_jwt"

    def __init__(self, settings: IdentitySettings, leeway: int = 30) -> None:
        super().__init__(validate_jti=True, leeway=leeway)
        self.settings = settings

    def __call__(self, query_client: Any, request: OAuth2Request) -> ClientView | None:
        """Authenticate the client of `request`, or return None when it sent no assertion."""
        client: ClientView | None = super().__call__(query_client, request)
        named = request.form.get("client_id")
        if client is not None and named and named != client.get_client_id():
            raise InvalidClientError(description="'client_id' differs from the assertion.")
        return client

    def get_audiences(self) -> list[str]:
        """Accept the token endpoint URL (and the issuer identifier) as audience."""
        return [self.settings.endpoint("/token"), self.settings.issuer]

    def resolve_client_public_key(self, client: ClientView) -> KeySet:
        """Return the public keys the client registered."""
        if not client.row.jwks:
            raise InvalidClientError(description="The client has no registered keys.")
        try:
            return KeySet.import_key_set(cast(Any, client.row.jwks))
        except (JoseError, ValueError, KeyError, TypeError):
            raise InvalidClientError(
                description="The client's registered keys are invalid."
            ) from None

    def process_assertion_claims(self, assertion: str, resolve_key: KeySet) -> dict[str, Any]:
        """Verify the signature (asymmetric algorithms only) and the claims."""
        try:
            token = jwt.decode(assertion, resolve_key, algorithms=ASSERTION_ALGORITHMS)
        except (JoseError, ValueError) as error:
            log.info("client assertion refused: %s", type(error).__name__)
            raise InvalidClientError(description="Invalid client assertion.") from None
        claims = dict(token.claims)
        self.verify_claims(claims)
        return claims

    def verify_claims(self, claims: Any) -> None:
        """Check iss, sub, aud, exp, a bounded lifetime and a never-seen jti."""
        now = exchange.current().now
        expires = claims.get("exp")
        if (
            isinstance(expires, int | float)
            and expires - now > self.settings.assertion_max_lifetime
        ):
            raise InvalidClientError(description="The client assertion lives too long.")
        issued = claims.get("iat")
        if issued is not None and (
            not isinstance(issued, int | float) or issued > now + self.leeway
        ):
            raise InvalidClientError(description="Invalid 'iat' in the client assertion.")
        super().verify_claims(claims)

    def validate_jti(self, claims: Any, jti: Any) -> bool:
        """Record the assertion's jti; False when the client used it before."""
        if not isinstance(jti, str) or not jti or len(jti) > MAX_JTI_LENGTH:
            return False
        current = exchange.current()
        return current.run(
            store.remember_assertion, str(claims["sub"]), jti, int(claims["exp"]), current.now
        )
