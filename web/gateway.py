"""The pages' only data source: the gateway's GraphQL API, called with the user's token."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson


class GatewayUnavailable(Exception):
    """The gateway could not be reached or answered something that is not GraphQL."""


class SignedOut(Exception):
    """The gateway refused the user's token (expired or revoked): sign in again."""


@dataclass(frozen=True)
class GraphQLResult:
    """What the gateway answered: data (possibly partial) and errors."""

    data: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def codes(self) -> set[str]:
        """The `extensions.code` of every error."""
        return {str((e.get("extensions") or {}).get("code", "")) for e in self.errors}

    def error_at(self, *path: str | int) -> dict[str, Any] | None:
        """The first error whose path begins with `path`."""
        for error in self.errors:
            if tuple(error.get("path") or ())[: len(path)] == path:
                return error
        return None


class Gateway:
    """Sends operations to the gateway over HTTP (in process or across the network)."""

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http = http
        self.url = url

    async def run(
        self,
        document: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str,
        purpose: str | None = None,
        case: str | None = None,
    ) -> GraphQLResult:
        """Run one operation as the user; raise SignedOut on 401, GatewayUnavailable on failure."""
        headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
        if purpose:
            headers["tongban-purpose"] = purpose
        if case:
            headers["tongban-case"] = case
        body = orjson.dumps({"query": document, "variables": variables or {}})
        try:
            answer = await self.http.post(self.url, content=body, headers=headers)
        except httpx.HTTPError as error:
            raise GatewayUnavailable(str(error)) from error
        if answer.status_code == 401:
            raise SignedOut()
        try:
            payload = orjson.loads(answer.content)
        except orjson.JSONDecodeError as error:
            raise GatewayUnavailable(f"HTTP {answer.status_code}: not JSON") from error
        if not isinstance(payload, dict):
            raise GatewayUnavailable(f"HTTP {answer.status_code}: not a GraphQL response")
        return GraphQLResult(data=payload.get("data") or {}, errors=payload.get("errors") or [])
