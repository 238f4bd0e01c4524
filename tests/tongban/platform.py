"""The assembled platform in process, and access tokens of its embedded identity provider."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Generator
from dataclasses import dataclass
from pathlib import Path

import httpx
from starlette.applications import Starlette

from authz.client_assertion import ASSERTION_TYPE, client_assertion
from authz.headers import ActorHeaders
from identity.demo import system_client_key
from identity.development import development_token
from identity.settings import IdentitySettings
from subgraph.settings import SubgraphSettings
from tests.conftest import staff
from tongban.agencies import served_definitions
from tongban.platform import create_platform_app

SUPERVISOR = "police.sanming.supervisor"


class SubgraphStaffAuth(httpx.Auth):
    """Signs each direct call of `/subgraphs/<name>/...` as that agency's staff."""

    def __init__(self, mint: ActorHeaders) -> None:
        self.mint = mint

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        parts = request.url.path.strip("/").split("/")
        if parts[0] == "subgraphs" and len(parts) > 2:
            request.headers.update(self.mint.headers(staff(parts[1]), parts[1]))
        yield request


@dataclass
class RunningPlatform:
    """The started platform app and an HTTP client on it."""

    app: Starlette
    client: httpx.AsyncClient

    @property
    def identity(self) -> IdentitySettings:
        """The embedded provider's settings."""
        settings: IdentitySettings = self.app.state.identity_settings
        return settings

    async def token(
        self, login: str, *, audience: str | None = None, ttl: int | None = None
    ) -> str:
        """An access token for a demo account, as `tongban token --user LOGIN` mints it."""
        return await development_token(
            self.identity, self.app.state.identity_database, login, audience=audience, ttl=ttl
        )

    async def system_token(self, agency: str = "hall") -> str:
        """An agency system's token from the provider's token endpoint (private_key_jwt)."""
        client_id = f"{agency}-system"
        key = system_client_key(self.identity.client_key_dir, client_id)
        assertion = client_assertion(
            key, client_id=client_id, token_endpoint=self.identity.endpoint("/token")
        )
        answer = await self.client.post(
            "/identity/token",
            data={
                "grant_type": "client_credentials",
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": assertion,
            },
        )
        assert answer.status_code == 200, answer.text
        token: str = answer.json()["access_token"]
        return token


def bearer(token: str, purpose: str | None = "HOUSEHOLD_ADMINISTRATION") -> dict[str, str]:
    """The headers of a gateway call with `token`, declaring `purpose` (None: none)."""
    headers = {"authorization": f"Bearer {token}"}
    if purpose is not None:
        headers["tongban-purpose"] = purpose
    return headers


@contextlib.asynccontextmanager
async def running_platform(
    data_dir: Path,
    demo_people: int,
    *,
    sign_subgraph_calls: bool = True,
    hall_worker: bool = False,
) -> AsyncIterator[RunningPlatform]:
    """Start the platform app (its lifespan included) on SQLite files in `data_dir`.

    With `sign_subgraph_calls`, direct calls of a subgraph carry an actor token minted with
    the platform's key for that agency's staff. The hall's worker runs in the background only
    with `hall_worker`; otherwise tests run its rounds (`app.state.hall_worker.run_once()`).
    """
    env = {"TONGBAN_DATA_DIR": str(data_dir)}
    definitions = served_definitions()
    settings = [SubgraphSettings.from_env(d.name, env) for d in definitions]
    identity = IdentitySettings.from_env(env)
    app = create_platform_app(
        definitions, settings, demo_people=demo_people, identity=identity, hall_worker=hall_worker
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        auth = SubgraphStaffAuth(app.state.actor_headers) if sign_subgraph_calls else None
        async with httpx.AsyncClient(
            transport=transport, base_url="http://tongban", auth=auth
        ) as client:
            yield RunningPlatform(app, client)


@contextlib.asynccontextmanager
async def platform_client(data_dir: Path, demo_people: int) -> AsyncIterator[httpx.AsyncClient]:
    """The client of `running_platform`, for tests that need nothing else."""
    async with running_platform(data_dir, demo_people) as platform:
        yield platform.client
