"""Revoked access tokens (by `jti`), kept until they expire, and the check resource servers make."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from identity import store
from identity.models import RevokedAccessToken

MAX_JTI_LENGTH = 64


async def deny(
    session: AsyncSession, *, jti: str, client_id: str, expires_at: int, now: int
) -> bool:
    """Record an access token as revoked; False when it already was."""
    values = {"jti": jti, "client_id": client_id, "revoked_at": now, "expires_at": expires_at}
    return await store.insert_if_absent(session, RevokedAccessToken, values)


async def is_denied(session: AsyncSession, jti: str) -> bool:
    """Tell whether the access token with this `jti` was revoked."""
    if not jti or len(jti) > MAX_JTI_LENGTH:
        return False
    found = await session.scalar(
        select(RevokedAccessToken.jti).where(RevokedAccessToken.jti == jti)
    )
    return found is not None


class AccessDenylist:
    """The provider's revoked access tokens, for a resource server in the same process."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def is_revoked(self, jti: str) -> bool:
        """Tell whether the access token with this `jti` was revoked."""
        async with self.sessions() as session:
            return await is_denied(session, jti)
