"""`tongban token`: an access token for a demo account, for scripts in development."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from identity.development import development_token
from identity.models import identity_metadata
from identity.settings import IdentitySettings, local_issuer
from subgraph.database import Database


def add_identity_commands(commands: Any, positive: Any) -> None:
    """Register the identity provider's subcommands on the `tongban` parser."""
    token = commands.add_parser(
        "token", help="print an access token for a demo account (development only)"
    )
    token.add_argument("--user", required=True, metavar="LOGIN", help="account login")
    token.add_argument("--audience", help="token audience (default: the gateway's)")
    token.add_argument("--ttl", type=positive, help="lifetime in seconds (default: 600)")
    token.add_argument(
        "--port",
        type=positive,
        default=8000,
        help="the port of `tongban serve`, whose issuer the token names (default 8000)",
    )
    token.set_defaults(run=run_token)


def run_token(args: argparse.Namespace) -> int:
    """`tongban token --user LOGIN`: print the token; refuse when the settings say production."""
    settings = IdentitySettings.from_env(default_issuer=local_issuer("127.0.0.1", args.port))
    if settings.is_production:
        raise ValueError("`tongban token` is for development only; this is production")

    async def mint() -> str:
        database = Database(
            url=settings.database_url,
            metadata=identity_metadata(),
            schema=settings.database_schema,
        )
        try:
            if await database.is_empty():
                raise ValueError("no accounts yet: start `tongban serve` once to create them")
            return await development_token(
                settings, database, args.user, audience=args.audience, ttl=args.ttl
            )
        finally:
            await database.dispose()

    print(asyncio.run(mint()))
    return 0
