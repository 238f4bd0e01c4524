"""Async reads and writes of identity records, one short statement each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from identity.models import (
    Account,
    AuthorizationCode,
    Base,
    ClientAssertion,
    LoginThrottle,
    OAuthClient,
    RefreshToken,
    RevokedAccessToken,
    SignInSession,
)

MAX_IDENTIFIER_LENGTH = 64


async def get_client(session: AsyncSession, client_id: str) -> OAuthClient | None:
    """Return the enabled client with this id, or None."""
    if not client_id or len(client_id) > MAX_IDENTIFIER_LENGTH:
        return None
    client = await session.get(OAuthClient, client_id)
    return None if client is None or client.disabled else client


async def get_account(session: AsyncSession, account_id: int) -> Account | None:
    """Return the account with this id, or None."""
    return await session.get(Account, account_id)


async def get_account_by_login(session: AsyncSession, login: str) -> Account | None:
    """Return the account signing in as `login`, or None."""
    if not login or len(login) > MAX_IDENTIFIER_LENGTH:
        return None
    return await session.scalar(select(Account).where(Account.login == login))


async def add(session: AsyncSession, row: object) -> None:
    """Insert one row and flush, so its generated id is known."""
    session.add(row)
    await session.flush()


async def find_code(session: AsyncSession, code_hash: str) -> AuthorizationCode | None:
    """Return the authorization code stored under this digest, or None."""
    return await session.scalar(
        select(AuthorizationCode).where(AuthorizationCode.code_hash == code_hash)
    )


async def claim_code(session: AsyncSession, code_id: int) -> bool:
    """Mark a code used; False when another request used it first."""
    result = await session.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.id == code_id, AuthorizationCode.used.is_(False))
        .values(used=True)
        .execution_options(synchronize_session=False)
    )
    return _changed(result)


async def link_code_family(session: AsyncSession, code_id: int, family_id: str) -> None:
    """Remember which refresh token family a code produced, to revoke it if the code is reused."""
    await session.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.id == code_id)
        .values(family_id=family_id)
        .execution_options(synchronize_session=False)
    )


async def find_refresh_token(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    """Return the refresh token stored under this digest, or None."""
    return await session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))


async def claim_refresh_token(session: AsyncSession, token_id: int) -> bool:
    """Revoke a refresh token as used; False when it was already revoked."""
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token_id, RefreshToken.revoked.is_(False))
        .values(revoked=True, revoked_reason="rotated")
        .execution_options(synchronize_session=False)
    )
    return _changed(result)


async def revoke_family(session: AsyncSession, family_id: str, reason: str = "reuse") -> int:
    """Revoke every live refresh token of a family; return how many were live."""
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked.is_(False))
        .values(revoked=True, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount if isinstance(result, CursorResult) else 0


async def remember_assertion(
    session: AsyncSession, client_id: str, jti: str, expires_at: int, now: int
) -> bool:
    """Record a client assertion's jti; False when the same client already used it."""
    await session.execute(delete(ClientAssertion).where(ClientAssertion.expires_at < now))
    values = {"client_id": client_id, "jti": jti, "expires_at": expires_at}
    return await insert_if_absent(session, ClientAssertion, values)


async def insert_if_absent(
    session: AsyncSession, model: type[Base], values: dict[str, Any]
) -> bool:
    """Insert one row unless its key exists; False when it did."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(model).values(values).on_conflict_do_nothing()
    return _changed(await session.execute(statement))


async def purge_expired(session: AsyncSession, now: int, grace: int) -> None:
    """Delete codes, tokens, sessions and throttling rows that ended more than `grace` ago."""
    cutoff = now - grace
    await session.execute(delete(AuthorizationCode).where(AuthorizationCode.expires_at < cutoff))
    await session.execute(delete(RefreshToken).where(RefreshToken.family_expires_at < cutoff))
    await session.execute(delete(SignInSession).where(SignInSession.expires_at < cutoff))
    await session.execute(delete(RevokedAccessToken).where(RevokedAccessToken.expires_at < cutoff))
    await session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.last_failed_at < cutoff,
            (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < now),
        )
    )


def _changed(result: object) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1
