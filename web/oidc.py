"""The web client's side of OpenID Connect: authorization code with PKCE (S256), refresh,
userinfo and revocation against the provider's endpoints."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from web.settings import WebSettings

SCOPE = "openid profile gateway"
FORM = {"content-type": "application/x-www-form-urlencoded"}


class ProviderError(Exception):
    """The provider refused a grant or could not be reached."""


@dataclass(frozen=True)
class Tokens:
    """What the token endpoint granted."""

    access_token: str
    refresh_token: str | None
    expires_at: int


@dataclass(frozen=True)
class PendingLogin:
    """What the browser keeps (sealed) between leaving for the provider and coming back."""

    state: str
    code_verifier: str
    next_path: str

    def as_dict(self) -> dict[str, str]:
        """The cookie form."""
        return {"state": self.state, "verifier": self.code_verifier, "next": self.next_path}

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> PendingLogin | None:
        """Read the cookie form back; None when incomplete."""
        state, verifier, next_path = value.get("state"), value.get("verifier"), value.get("next")
        if not (isinstance(state, str) and isinstance(verifier, str)):
            return None
        return cls(state, verifier, next_path if isinstance(next_path, str) else "/")


class Provider:
    """The OpenID provider as the web client sees it."""

    def __init__(self, settings: WebSettings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = http

    def begin(self, next_path: str, language: str) -> tuple[str, PendingLogin]:
        """Return the authorization URL to send the browser to, and what to keep meanwhile."""
        pending = PendingLogin(generate_token(32), generate_token(64), next_path)
        url = prepare_grant_uri(
            self.settings.issuer.rstrip("/") + "/authorize",
            self.settings.client_id,
            "code",
            redirect_uri=self.settings.redirect_uri,
            scope=SCOPE,
            state=pending.state,
            code_challenge=create_s256_code_challenge(pending.code_verifier),
            code_challenge_method="S256",
            ui_locales=language,
        )
        return url, pending

    async def exchange(self, code: str, pending: PendingLogin) -> Tokens:
        """Redeem an authorization code with its PKCE verifier."""
        body = prepare_token_request(
            "authorization_code",
            code=code,
            redirect_uri=self.settings.redirect_uri,
            client_id=self.settings.client_id,
            code_verifier=pending.code_verifier,
        )
        return await self._grant(body)

    async def refresh(self, refresh_token: str) -> Tokens:
        """Trade a refresh token for new tokens (the provider rotates it)."""
        body = prepare_token_request(
            "refresh_token", refresh_token=refresh_token, client_id=self.settings.client_id
        )
        return await self._grant(body)

    async def userinfo(self, access_token: str) -> dict[str, Any]:
        """The signed-in account's claims."""
        answer = await self._send(
            "GET", "/userinfo", headers={"authorization": f"Bearer {access_token}"}
        )
        if answer.status_code != 200:
            raise ProviderError(f"userinfo answered {answer.status_code}")
        claims: dict[str, Any] = orjson.loads(answer.content)
        return claims

    async def revoke(self, token: str, hint: str) -> None:
        """Revoke a token of ours (RFC 7009); failures are only logged by the provider."""
        body = urlencode(
            {"token": token, "token_type_hint": hint, "client_id": self.settings.client_id}
        )
        await self._send("POST", "/revoke", content=body, headers=FORM)

    def end_session_url(self) -> str:
        """The provider's sign-out page, returning to our home page afterwards."""
        query = {
            "client_id": self.settings.client_id,
            "post_logout_redirect_uri": self.settings.post_logout_redirect_uri,
        }
        return self.settings.issuer.rstrip("/") + "/logout?" + urlencode(query)

    async def _grant(self, body: str) -> Tokens:
        answer = await self._send("POST", "/token", content=body, headers=FORM)
        try:
            granted = orjson.loads(answer.content)
        except orjson.JSONDecodeError as error:
            raise ProviderError(f"token endpoint answered {answer.status_code}") from error
        if answer.status_code != 200 or "access_token" not in granted:
            raise ProviderError(str(granted.get("error", answer.status_code)))
        return Tokens(
            access_token=granted["access_token"],
            refresh_token=granted.get("refresh_token"),
            expires_at=int(time.time()) + int(granted.get("expires_in", 600)),
        )

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        url = self.settings.backend(self.settings.issuer_path + path)
        try:
            return await self.http.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            raise ProviderError(str(error)) from error
