"""The hall as a client of the gateway, with its own system credentials.

The hall reaches other agencies only through the gateway, like any client: it obtains an
access token from the identity provider by `client_credentials` with a `private_key_jwt`
assertion (its key never leaves the hall), and sends every query with purpose
SERVICE_APPLICATION and the application's number as the case, so each agency decides and
logs the access against that application.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx

from authz.system_tokens import SystemCredentials, SystemTokens, TokenUnavailable

PURPOSE = "SERVICE_APPLICATION"


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

    @property
    def credentials(self) -> SystemCredentials:
        """The hall's system client at its token endpoint."""
        return SystemCredentials(
            client_id=self.client_id,
            key_path=self.key_path,
            token_url=self.token_url,
            audience_url=self.audience_url,
        )


@dataclass(kw_only=True)
class GatewayClient:
    """Runs GraphQL operations on the gateway as the hall's system client."""

    access: GatewayAccess
    http: httpx.AsyncClient

    @cached_property
    def tokens(self) -> SystemTokens:
        """The hall's access tokens, kept until shortly before they expire."""
        return SystemTokens(self.access.credentials, self.http)

    async def execute(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """Run one operation for an application; return the whole GraphQL response body."""
        try:
            token = await self.tokens.access_token()
        except TokenUnavailable as error:
            raise GatewayUnavailable(str(error)) from error
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
            self.tokens.forget()
        if answer.status_code != 200:
            raise GatewayUnavailable(f"gateway answered {answer.status_code}: {answer.text[:200]}")
        body: dict[str, Any] = answer.json()
        return body
