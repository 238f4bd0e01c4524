"""A signed-in browser's session (kept sealed in its cookie), and refreshing its tokens once
however many of its requests ask at the same moment."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from web.oidc import Provider, Tokens
from web.users import User

# A refresh token is good for one use (the provider rotates it and revokes the family on
# reuse); a page and its images may all find the access token expiring at once, so the result
# of one refresh is shared by every request that presents the same refresh token meanwhile.
SHARED_FOR = 60.0


@dataclass
class Session:
    """A signed-in browser: the account, its tokens and its CSRF token (kept sealed)."""

    user: User
    access_token: str
    refresh_token: str | None
    expires_at: int
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def as_dict(self) -> dict[str, Any]:
        """The cookie form."""
        return {
            "user": self.user.as_dict(),
            "at": self.access_token,
            "rt": self.refresh_token,
            "exp": self.expires_at,
            "csrf": self.csrf,
        }

    @classmethod
    def from_dict(cls, value: dict[str, Any] | None) -> Session | None:
        """Read the cookie form back; None when absent or malformed."""
        if not value or not isinstance(value.get("user"), dict) or not value.get("at"):
            return None
        return cls(
            user=User.from_claims(value["user"]),
            access_token=str(value["at"]),
            refresh_token=value.get("rt"),
            expires_at=int(value.get("exp", 0)),
            csrf=str(value.get("csrf") or secrets.token_urlsafe(24)),
        )

    def renewed(self, tokens: Tokens) -> Session:
        """The same session with refreshed tokens."""
        return Session(
            self.user, tokens.access_token, tokens.refresh_token, tokens.expires_at, self.csrf
        )


class Refreshes:
    """Refreshes tokens through the provider, once per refresh token."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self.pending: dict[str, tuple[float, asyncio.Future[Tokens]]] = {}

    async def refresh(self, refresh_token: str) -> Tokens:
        """New tokens for `refresh_token`; concurrent and repeated calls share one refresh."""
        now = time.monotonic()
        self.pending = {k: v for k, v in self.pending.items() if now - v[0] < SHARED_FOR}
        if refresh_token not in self.pending:
            task = asyncio.ensure_future(self.provider.refresh(refresh_token))
            self.pending[refresh_token] = (now, task)
        return await asyncio.shield(self.pending[refresh_token][1])
