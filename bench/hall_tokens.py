"""Access tokens of the served platform's embedded identity provider, for the benchmark.

Citizens and the officer get the tokens `tongban token --user LOGIN` prints (the provider's
own key, the account's claims, as the code flow issues them), minted before any measurement;
the hall's system gets its token from the token endpoint with its private_key_jwt assertion,
over HTTP, as the hall worker does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import httpx

from authz.system_tokens import SystemCredentials, SystemTokens, TokenUnavailable
from identity.demo import system_client_key
from identity.development import development_token
from identity.keys import SigningKeys
from identity.models import identity_metadata
from identity.settings import IdentitySettings
from subgraph.database import Database

# Long enough for the slowest full-size run: no token expires while it is measured.
TOKEN_TTL_SECONDS = 3 * 3600
PURPOSE = "SERVICE_APPLICATION"


async def account_tokens(env: Mapping[str, str], logins: Iterable[str]) -> dict[str, str]:
    """An access token for each demo account login."""
    settings = IdentitySettings.from_env(env)
    database = Database(
        url=settings.database_url, metadata=identity_metadata(), schema=settings.database_schema
    )
    keys = SigningKeys.open(settings.key_file)
    try:
        return {
            login: await development_token(
                settings, database, login, ttl=TOKEN_TTL_SECONDS, keys=keys
            )
            for login in dict.fromkeys(logins)
        }
    finally:
        await database.dispose()


async def system_token(client: httpx.AsyncClient, env: Mapping[str, str]) -> str:
    """The hall system's access token, from the token endpoint (client credentials)."""
    settings = IdentitySettings.from_env(env)
    system_client_key(settings.client_key_dir, "hall-system")  # made on first use
    credentials = SystemCredentials(
        client_id="hall-system",
        key_path=settings.client_key_dir / "hall-system.pem",
        token_url="/identity/token",
        audience_url=settings.endpoint("/token"),
    )
    try:
        return await SystemTokens(credentials, client).access_token()
    except TokenUnavailable as refused:
        raise SystemExit(f"bench.hall: hall-system got no token: {refused}") from refused


def headers(token: str, case: str | None = None) -> dict[str, str]:
    """Gateway headers: the bearer token, and for a case the purpose and case number."""
    sent = {"authorization": f"Bearer {token}"}
    if case is not None:
        sent.update({"tongban-purpose": PURPOSE, "tongban-case": case})
    return sent
