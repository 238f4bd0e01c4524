"""An agency system's access tokens: `client_credentials` with a `private_key_jwt` assertion,
kept until shortly before they expire (the hall's worker, the web's visitor access)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson
from joserfc.jwk import ECKey

from authz.client_assertion import ASSERTION_TYPE, client_assertion

MARGIN_SECONDS = 30


class TokenUnavailable(Exception):
    """The key could not be read, or the token endpoint refused or did not answer."""


@dataclass(frozen=True, kw_only=True)
class SystemCredentials:
    """A system client: its id, its private key file, and its provider's token endpoint."""

    client_id: str
    key_path: Path
    token_url: str
    # The token endpoint as the provider names it (the assertion's audience), when the URL
    # used to reach it differs (in process, behind a proxy).
    audience_url: str | None = None

    def key(self) -> ECKey:
        """Load the client's private signing key (kid = its JWK thumbprint)."""
        pem = self.key_path.read_bytes()
        key = ECKey.import_key(pem)
        return ECKey.import_key(pem, {"kid": key.thumbprint(), "alg": "ES256", "use": "sig"})


class SystemTokens:
    """Obtains and keeps one access token of a system client, renewing it before it expires."""

    def __init__(self, credentials: SystemCredentials, http: httpx.AsyncClient) -> None:
        self.credentials = credentials
        self.http = http
        self.token: str | None = None
        self.expires = 0.0
        self.lock = asyncio.Lock()

    async def access_token(self) -> str:
        """A live access token; raise TokenUnavailable when none can be had."""
        async with self.lock:
            if self.token is None or time.time() > self.expires - MARGIN_SECONDS:
                self.token, self.expires = await self._grant()
            return self.token

    def forget(self) -> None:
        """Drop the kept token (the gateway refused it), so the next call asks anew."""
        self.token = None

    async def _grant(self) -> tuple[str, float]:
        credentials = self.credentials
        try:
            key = await asyncio.to_thread(credentials.key)
        except OSError as error:
            raise TokenUnavailable(f"no key for {credentials.client_id}: {error}") from error
        assertion = client_assertion(
            key,
            client_id=credentials.client_id,
            token_endpoint=credentials.audience_url or credentials.token_url,
        )
        body = {
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
        }
        try:
            answer = await self.http.post(credentials.token_url, data=body)
            granted = orjson.loads(answer.content)
        except (httpx.HTTPError, orjson.JSONDecodeError) as error:
            raise TokenUnavailable(f"token endpoint unreachable: {error}") from error
        if (
            answer.status_code != 200
            or not isinstance(granted, dict)
            or "access_token" not in granted
        ):
            raise TokenUnavailable(f"token refused ({answer.status_code}): {answer.text[:200]}")
        return str(granted["access_token"]), time.time() + float(granted.get("expires_in", 300))
