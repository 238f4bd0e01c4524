"""Reading public records for visitors who have not signed in: the web's own system client.

The pages call the gateway only with a token; a visitor has none, so the web signs in as its
own agency system (`web-system`, `client_credentials` with a `private_key_jwt` assertion) to
read what every actor may read (the service catalogue). Its key never leaves the server.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import orjson
from joserfc.jwk import ECKey

from authz.client_assertion import ASSERTION_TYPE, client_assertion
from web.oidc import FORM, ProviderError
from web.settings import WebSettings

MARGIN = 30


class VisitorAccess:
    """Keeps one access token of the web's system client, renewed before it expires."""

    def __init__(self, settings: WebSettings, http: httpx.AsyncClient, key_path: Path) -> None:
        self.settings = settings
        self.http = http
        self.key_path = key_path
        self.token: str | None = None
        self.expires = 0.0
        self.lock = asyncio.Lock()

    async def access_token(self) -> str:
        """A live access token of the web's system client."""
        async with self.lock:
            if self.token is None or time.time() > self.expires - MARGIN:
                self.token, self.expires = await self._grant()
            return self.token

    async def _grant(self) -> tuple[str, float]:
        try:
            pem = await asyncio.to_thread(self.key_path.read_bytes)
        except OSError as error:
            raise ProviderError(f"no key for {self.settings.visitor_client_id}: {error}") from error
        key = ECKey.import_key(pem)
        key = ECKey.import_key(pem, {"kid": key.thumbprint(), "alg": "ES256"})
        endpoint = self.settings.issuer.rstrip("/") + "/token"
        assertion = client_assertion(
            key, client_id=self.settings.visitor_client_id, token_endpoint=endpoint
        )
        body = {
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
        }
        url = self.settings.backend(self.settings.issuer_path + "/token")
        try:
            answer = await self.http.post(url, data=body, headers=FORM)
            granted = orjson.loads(answer.content)
        except (httpx.HTTPError, orjson.JSONDecodeError) as error:
            raise ProviderError(f"token endpoint: {error}") from error
        if answer.status_code != 200 or "access_token" not in granted:
            raise ProviderError(f"token refused ({answer.status_code})")
        return str(granted["access_token"]), time.time() + float(granted.get("expires_in", 600))
