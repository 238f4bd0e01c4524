"""Browser sessions at the provider: begun at sign-in (a cookie), ended at sign-out.

The session does not sign anyone in silently (every authorization asks for the password);
it names what a sign-out ends: the refresh tokens issued while it lasted.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from identity.models import Account, RefreshToken, SignInSession
from identity.tokens import digest

SESSION_COOKIE = "tongban_session"
MAX_COOKIE_LENGTH = 64
MAX_SID_LENGTH = 32


@dataclass(frozen=True, slots=True)
class BrowserSession:
    """A live session: its public id (the ID tokens' `sid`) and the cookie that names it."""

    sid: str
    cookie: str


async def begin_or_continue(
    session: AsyncSession, *, account_id: int, cookie: str | None, now: int, ttl: int
) -> BrowserSession:
    """Continue the browser's live session of this account, or begin a new one."""
    if cookie and len(cookie) <= MAX_COOKIE_LENGTH:
        row = await session.scalar(
            select(SignInSession).where(SignInSession.cookie_hash == digest(cookie))
        )
        if (
            row is not None
            and row.account_id == account_id
            and row.ended_at is None
            and row.expires_at > now
        ):
            row.expires_at = now + ttl
            await session.flush()
            return BrowserSession(row.sid, cookie)
    fresh = secrets.token_urlsafe(32)
    row = SignInSession(
        sid=secrets.token_hex(16),
        cookie_hash=digest(fresh),
        account_id=account_id,
        created_at=now,
        expires_at=now + ttl,
        ended_at=None,
    )
    session.add(row)
    await session.flush()
    return BrowserSession(row.sid, fresh)


async def has_ended(session: AsyncSession, sid: str) -> bool:
    """Tell whether the session was signed out (codes issued in it are then refused)."""
    ended = await session.scalar(select(SignInSession.ended_at).where(SignInSession.sid == sid))
    return ended is not None


async def end_sessions(
    session: AsyncSession, *, cookie: str | None, sid: str | None, login: str | None, now: int
) -> int:
    """End the session of the cookie and the `sid` of `login`; return the refresh tokens revoked."""
    named: list[ColumnElement[bool]] = []
    if cookie and len(cookie) <= MAX_COOKIE_LENGTH:
        named.append(SignInSession.cookie_hash == digest(cookie))
    if sid and login and len(sid) <= MAX_SID_LENGTH:
        account = select(Account.id).where(Account.login == login).scalar_subquery()
        named.append((SignInSession.sid == sid) & (SignInSession.account_id == account))
    if not named:
        return 0
    sids = list(
        await session.scalars(
            select(SignInSession.sid).where(or_(*named), SignInSession.ended_at.is_(None))
        )
    )
    if not sids:
        return 0
    await session.execute(
        update(SignInSession)
        .where(SignInSession.sid.in_(sids))
        .values(ended_at=now)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.sid.in_(sids), RefreshToken.revoked.is_(False))
        .values(revoked=True, revoked_reason="logout")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount if isinstance(result, CursorResult) else 0
