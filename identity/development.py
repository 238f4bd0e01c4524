"""Tokens for scripts in development, minted directly for an existing account."""

from __future__ import annotations

import time

from identity import store
from identity.keys import SigningKeys
from identity.settings import IdentitySettings
from identity.tokens import account_claims, mint_access_token
from subgraph.database import Database

DEVELOPMENT_CLIENT_ID = "tongban-cli"
DEVELOPMENT_SCOPE = "openid profile gateway"


async def development_token(
    settings: IdentitySettings,
    database: Database,
    login: str,
    *,
    audience: str | None = None,
    ttl: int | None = None,
    keys: SigningKeys | None = None,
) -> str:
    """Return an access token for `login`, as the code flow would issue it; never in production."""
    if settings.is_production:
        raise ValueError("tokens without signing in are for development only (production here)")
    async with database.sessions() as session:
        account = await store.get_account_by_login(session, login)
    if account is None or account.disabled:
        raise ValueError(f"no active account {login!r} (demo accounts appear on first start)")
    signing_keys = keys or SigningKeys.open(settings.key_file)
    return mint_access_token(
        signing_keys.current(),
        issuer=settings.issuer,
        audience=audience or settings.audience,
        subject=account.login,
        client_id=DEVELOPMENT_CLIENT_ID,
        scope=DEVELOPMENT_SCOPE,
        attributes=account_claims(account),
        now=int(time.time()),
        ttl=ttl or settings.access_token_ttl,
    )
