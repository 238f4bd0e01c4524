"""Accounts, clients, codes, refresh tokens, sign-in sessions, revoked access tokens, counters.

Times are whole seconds since the epoch (UTC), so SQLite and PostgreSQL agree.
Codes and refresh tokens are stored only as SHA-256 digests.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata


class Base(DeclarativeBase):
    metadata = agency_metadata()


class AccountKind(StrEnum):
    """Who an account belongs to."""

    CITIZEN = "CITIZEN"
    STAFF = "STAFF"
    SUPERVISOR = "SUPERVISOR"
    AUDITOR = "AUDITOR"


class ClientKind(StrEnum):
    """What kind of OAuth client: the public web front end or an agency's own system."""

    PUBLIC_WEB = "PUBLIC_WEB"
    AGENCY_SYSTEM = "AGENCY_SYSTEM"


def _enum(kind: type[StrEnum]) -> SqlEnum:
    return SqlEnum(kind, native_enum=False, length=16, validate_strings=True)


class Account(Base):
    """A person who signs in: a citizen (by ID number), staff, a supervisor or an auditor."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[AccountKind] = mapped_column(_enum(AccountKind))
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    agency: Mapped[str | None] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(40))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    region: Mapped[str | None] = mapped_column(String(12))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[int | None] = mapped_column(BigInteger)
    locked_until: Mapped[int | None] = mapped_column(BigInteger)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class OAuthClient(Base):
    """A registered OAuth client: the public web client (PKCE) or an agency system."""

    __tablename__ = "oauth_client"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[ClientKind] = mapped_column(_enum(ClientKind))
    display_name: Mapped[str] = mapped_column(String(100))
    redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list)
    post_logout_redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list)
    jwks: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    grant_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    agency: Mapped[str | None] = mapped_column(String(40))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class AuthorizationCode(Base):
    """A one-time authorization code bound to a client, redirect URI and PKCE challenge."""

    __tablename__ = "authorization_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("oauth_client.client_id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    redirect_uri: Mapped[str] = mapped_column(String(500))
    scope: Mapped[str] = mapped_column(String(500))
    code_challenge: Mapped[str] = mapped_column(String(128))
    code_challenge_method: Mapped[str] = mapped_column(String(8))
    nonce: Mapped[str | None] = mapped_column(String(255))
    auth_time: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    family_id: Mapped[str | None] = mapped_column(String(32))
    sid: Mapped[str | None] = mapped_column(String(32))


class RefreshToken(Base):
    """A refresh token; each use revokes it, and reusing a revoked one revokes its family."""

    __tablename__ = "refresh_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(32), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("oauth_client.client_id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    scope: Mapped[str] = mapped_column(String(500))
    auth_time: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[int] = mapped_column(BigInteger)
    family_expires_at: Mapped[int] = mapped_column(BigInteger, index=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_reason: Mapped[str | None] = mapped_column(String(16))
    sid: Mapped[str | None] = mapped_column(String(32), index=True)


class SignInSession(Base):
    """A browser's sign-in at the provider: its cookie (as a digest) and the public `sid`.

    ID tokens carry the `sid`; codes and refresh tokens issued in the session keep it, so
    that signing out revokes them.
    """

    __tablename__ = "sign_in_session"

    sid: Mapped[str] = mapped_column(String(32), primary_key=True)
    cookie_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    created_at: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)
    ended_at: Mapped[int | None] = mapped_column(BigInteger)


class RevokedAccessToken(Base):
    """An access token revoked before its end (RFC 7009), by `jti`, kept until it expires."""

    __tablename__ = "revoked_access_token"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)


class ClientAssertion(Base):
    """A `jti` of a private_key_jwt assertion already seen, kept until the assertion expires."""

    __tablename__ = "client_assertion"
    __table_args__ = (UniqueConstraint("client_id", "jti"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(64))
    jti: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)


class LoginThrottle(Base):
    """Failed sign-ins from one client address, for throttling by IP."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[int] = mapped_column(BigInteger, index=True)
    locked_until: Mapped[int | None] = mapped_column(BigInteger)


def identity_metadata() -> MetaData:
    """Return the MetaData holding every identity table (for `Database`)."""
    return Base.metadata
