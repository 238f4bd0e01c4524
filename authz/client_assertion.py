"""private_key_jwt assertions (RFC 7523 §2.2) an agency system signs to get its access token.

Shared by the identity provider's tests and every system client (the service hall).
"""

from __future__ import annotations

import secrets
import time

from joserfc import jwt
from joserfc.jwk import ECKey, OKPKey, RSAKey

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def client_assertion(
    key: ECKey | OKPKey | RSAKey,
    *,
    client_id: str,
    token_endpoint: str,
    algorithm: str = "ES256",
    ttl: int = 60,
    now: int | None = None,
) -> str:
    """Sign a fresh private_key_jwt assertion for `client_id` (what an agency system sends)."""
    issued = int(time.time()) if now is None else now
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": token_endpoint,
        "iat": issued,
        "exp": issued + ttl,
        "jti": secrets.token_urlsafe(16),
    }
    header = {"alg": algorithm, "kid": key.kid} if key.kid else {"alg": algorithm}
    return jwt.encode(header, claims, key, algorithms=[algorithm])
