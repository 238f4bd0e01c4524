"""The hall's background worker, wired to a gateway: in the platform's process or on its own.

In process (the embedded default) the worker reaches the gateway and the token endpoint
through the platform app itself; `tongban worker` reaches them over HTTP. Either way the hall
is a client like any other: its own client credentials, its own access token.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import httpx
from starlette.types import ASGIApp

from hall.gateway_client import GatewayAccess, GatewayClient
from hall.notices import LogSender
from hall.worker import HallWorker
from identity.settings import IdentitySettings
from subgraph.database import Database

CLIENT_ID = "hall-system"
IN_PROCESS_BASE = "http://tongban"


def in_process_worker(
    platform: ASGIApp, database: Database, identity: IdentitySettings
) -> tuple[HallWorker, httpx.AsyncClient]:
    """A worker that calls the gateway and the token endpoint of `platform` in process."""
    http = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=platform), base_url=IN_PROCESS_BASE, timeout=30.0
    )
    access = GatewayAccess(
        gateway_url=f"{IN_PROCESS_BASE}/graphql",
        token_url=f"{IN_PROCESS_BASE}/identity/token",
        audience_url=identity.endpoint("/token"),
        client_id=CLIENT_ID,
        key_path=identity.client_key_dir / f"{CLIENT_ID}.pem",
    )
    worker = HallWorker(
        sessions=database.sessions,
        gateway=GatewayClient(access=access, http=http),
        sender=LogSender(),
    )
    return worker, http


def remote_access(environ: Mapping[str, str] | None = None) -> GatewayAccess:
    """Where a `tongban worker` process finds the gateway and its key, from the environment.

    TONGBAN_HALL_GATEWAY_URL (default http://127.0.0.1:8000/graphql), TONGBAN_HALL_TOKEN_URL
    (default: the identity issuer's /token), TONGBAN_HALL_CLIENT_KEY (default: the demo key
    the platform made for `hall-system`).
    """
    env = os.environ if environ is None else environ
    identity = IdentitySettings.from_env(env)
    token_url = env.get("TONGBAN_HALL_TOKEN_URL") or identity.endpoint("/token")
    return GatewayAccess(
        gateway_url=env.get("TONGBAN_HALL_GATEWAY_URL") or "http://127.0.0.1:8000/graphql",
        token_url=token_url,
        audience_url=identity.endpoint("/token"),
        client_id=CLIENT_ID,
        key_path=Path(
            env.get("TONGBAN_HALL_CLIENT_KEY") or identity.client_key_dir / f"{CLIENT_ID}.pem"
        ),
    )


@contextlib.asynccontextmanager
async def working(worker: HallWorker, *, interval: float = 0.5) -> AsyncIterator[None]:
    """Run the worker in the background for the duration of the block."""
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop, interval=interval), name="hall-worker")
    try:
        yield
    finally:
        stop.set()
        await task
