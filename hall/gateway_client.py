"""The hall as a client of the gateway, with its own system credentials.

The hall reaches other agencies only through the gateway, like any client: it obtains an
access token from the identity provider by `client_credentials` with a `private_key_jwt`
assertion (its key never leaves the hall), and sends every query with purpose
SERVICE_APPLICATION and the application's number as the case, so each agency decides and
logs the access against that application.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from joserfc.jwk import ECKey

from authz.client_assertion import ASSERTION_TYPE, client_assertion

PURPOSE = "SERVICE_APPLICATION"
TOKEN_MARGIN_SECONDS = 30


class GatewayUnavailable(Exception):
    """The gateway or the token endpoint did not answer usefully; try again later."""


@dataclass(frozen=True, kw_only=True)
class GatewayAccess:
    """Where the gateway and the token endpoint are, and the hall's client identity."""

    gateway_url: str
    token_url: str
    client_id: str
    key_path: Path
    audience_url: str | None = None

    def key(self) -> ECKey:
        """Load the client's private signing key (kid = its JWK thumbprint)."""
        pem = self.key_path.read_bytes()
        key = ECKey.import_key(pem)
        return ECKey.import_key(pem, {"kid": key.thumbprint(), "alg": "ES256", "use": "sig"})


@dataclass(kw_only=True)
class GatewayClient:
    """Runs GraphQL operations on the gateway as the hall's system client."""

    access: GatewayAccess
    http: httpx.AsyncClient
    _token: str | None = field(default=None, repr=False)
    _expires: float = field(default=0.0, repr=False)
    _key: ECKey | None = field(default=None, repr=False)

    async def execute(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """Run one operation for an application; return the whole GraphQL response body."""
        token = await self._access_token()
        try:
            answer = await self.http.post(
                self.access.gateway_url,
                json={"query": document, "variables": variables},
                headers={
                    "authorization": f"Bearer {token}",
                    "tongban-purpose": PURPOSE,
                    "tongban-case": case,
                },
            )
        except httpx.HTTPError as error:
            raise GatewayUnavailable(f"gateway unreachable: {error}") from error
        if answer.status_code == 401:
            self._token = None
        if answer.status_code != 200:
            raise GatewayUnavailable(f"gateway answered {answer.status_code}: {answer.text[:200]}")
        body: dict[str, Any] = answer.json()
        return body

    async def _access_token(self) -> str:
        if self._token is not None and time.time() < self._expires - TOKEN_MARGIN_SECONDS:
            return self._token
        if self._key is None:
            self._key = self.access.key()
        assertion = client_assertion(
            self._key,
            client_id=self.access.client_id,
            token_endpoint=self.access.audience_url or self.access.token_url,
        )
        try:
            answer = await self.http.post(
                self.access.token_url,
                data={
                    "grant_type": "client_credentials",
                    "client_assertion_type": ASSERTION_TYPE,
                    "client_assertion": assertion,
                },
            )
        except httpx.HTTPError as error:
            raise GatewayUnavailable(f"token endpoint unreachable: {error}") from error
        if answer.status_code != 200:
            raise GatewayUnavailable(f"token refused ({answer.status_code}): {answer.text[:200]}")
        grant = answer.json()
        self._token = str(grant["access_token"])
        self._expires = time.time() + float(grant.get("expires_in", 300))
        return self._token
