"""Sealed cookies: JSON values encrypted and authenticated with the web's secret (JWE, A256GCM)."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

import orjson
from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

HEADER = {"alg": "dir", "enc": "A256GCM"}


class Sealer:
    """Encrypts values for the browser to keep and opens them again, refusing stale ones."""

    def __init__(self, secret: bytes, *, purpose: str) -> None:
        # One key per purpose, so a login cookie can never be replayed as a session cookie.
        self.key = OctKey.import_key(_derive(secret, purpose))

    def seal(self, value: dict[str, Any], *, ttl: int) -> str:
        """Return `value` encrypted, valid for `ttl` seconds."""
        payload = orjson.dumps({"v": value, "exp": int(time.time()) + ttl})
        return jwe.encrypt_compact(HEADER, payload, self.key)

    def open(self, sealed: str | None) -> dict[str, Any] | None:
        """Return the value sealed in `sealed`, or None if it is missing, forged or expired."""
        if not sealed or len(sealed) > 8192:
            return None
        try:
            plaintext = jwe.decrypt_compact(sealed, self.key).plaintext
            payload = orjson.loads(plaintext or b"null")
        except (JoseError, ValueError):
            return None
        if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
            return None
        value = payload.get("v")
        return value if isinstance(value, dict) else None


def _derive(secret: bytes, purpose: str) -> bytes:
    return hmac.new(secret, b"tongban-web:" + purpose.encode(), hashlib.sha256).digest()
