"""The OpenID Connect discovery document (also served as RFC 8414 metadata)."""

from __future__ import annotations

from typing import Any

from identity.client_auth import ASSERTION_ALGORITHMS
from identity.keys import ID_TOKEN_ALGORITHM
from identity.server import SCOPES
from identity.settings import IdentitySettings

CLAIMS = (
    "iss",
    "sub",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "sid",
    "name",
    "kind",
    "agency",
    "unit",
    "roles",
    "region",
    "id_number",
)


def provider_metadata(settings: IdentitySettings) -> dict[str, Any]:
    """Return the provider's metadata: endpoints, and what each of them supports."""
    return {
        "issuer": settings.issuer,
        "authorization_endpoint": settings.endpoint("/authorize"),
        "token_endpoint": settings.endpoint("/token"),
        "userinfo_endpoint": settings.endpoint("/userinfo"),
        "jwks_uri": settings.endpoint("/jwks.json"),
        "revocation_endpoint": settings.endpoint("/revoke"),
        "introspection_endpoint": settings.endpoint("/introspect"),
        "end_session_endpoint": settings.endpoint("/logout"),
        "scopes_supported": list(SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ID_TOKEN_ALGORITHM],
        "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": list(ASSERTION_ALGORITHMS),
        "revocation_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
        "revocation_endpoint_auth_signing_alg_values_supported": list(ASSERTION_ALGORITHMS),
        "introspection_endpoint_auth_methods_supported": ["private_key_jwt"],
        "introspection_endpoint_auth_signing_alg_values_supported": list(ASSERTION_ALGORITHMS),
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": list(CLAIMS),
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
        "ui_locales_supported": ["zh-CN", "en"],
    }
