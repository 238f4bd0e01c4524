"""The embedded provider in the platform: revoked tokens refused at /graphql, issuer per port."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from authz.client_assertion import ASSERTION_TYPE, client_assertion
from identity.demo import DEMO_WEB_CLIENT_ID, system_client_key
from identity.models import OAuthClient, identity_metadata
from identity.settings import IdentitySettings
from subgraph.database import Database
from tests.tongban.platform import bearer, running_platform
from tongban.cli import main
from tongban.identity_setup import prepare_identity

ISSUER_9127 = "http://127.0.0.1:9127/identity"

PAGE = '{ searchPersons(regionCode: "350424", first: 1) { items { idNumber } } }'


async def test_a_revoked_access_token_is_refused_at_graphql(tmp_path: Path) -> None:
    # given the platform and two access tokens of the police system
    async with running_platform(tmp_path, demo_people=60) as platform:
        kept = await platform.system_token("police")
        revoked = await platform.system_token("police")
        settings = platform.identity
        key = system_client_key(settings.client_key_dir, "police-system")
        assertion = client_assertion(
            key, client_id="police-system", token_endpoint=settings.endpoint("/token")
        )
        # when the police system revokes one of them at the provider
        revocation = await platform.client.post(
            "/identity/revoke",
            data={
                "token": revoked,
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": assertion,
            },
        )
        # and calls the gateway with each
        refused = await platform.client.post(
            "/graphql", json={"query": PAGE}, headers=bearer(revoked)
        )
        accepted = await platform.client.post(
            "/graphql", json={"query": PAGE}, headers=bearer(kept)
        )
    # then the revoked token is refused as unauthenticated, and the other one still works
    error = refused.json()["errors"][0]
    assert (revocation.status_code, refused.status_code, accepted.status_code) == (200, 401, 200)
    assert (refused.headers["www-authenticate"], error["message"], error["extensions"]["code"]) == (
        'Bearer error="invalid_token"',
        "Authentication required: token revoked.",
        "UNAUTHENTICATED",
    )


@pytest.mark.parametrize(
    ("options", "environment", "issuer"),
    [
        (["--port", "9123"], {}, "http://127.0.0.1:9123/identity"),
        (["--host", "0.0.0.0", "--port", "9124"], {}, "http://127.0.0.1:9124/identity"),
        (["--host", "localhost", "--port", "9125"], {}, "http://localhost:9125/identity"),
        (
            ["--port", "9126"],
            {"TONGBAN_IDENTITY_ISSUER": "https://id.example.gov.cn/identity"},
            "https://id.example.gov.cn/identity",
        ),
    ],
    ids=["port", "wildcard host", "localhost", "configured issuer"],
)
async def test_serve_names_its_own_address_in_the_default_issuer(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    environment: dict[str, str],
    issuer: str,
) -> None:
    # given `tongban serve` with these options and no other issuer setting
    for name in ("TONGBAN_DATABASE_URL", "TONGBAN_IDENTITY_DATABASE_URL", "TONGBAN_ISSUER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("TONGBAN_IDENTITY_ISSUER", raising=False)
    monkeypatch.setenv("TONGBAN_DATA_DIR", str(tmp_path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    # when it starts and its discovery document is read
    status = main(["serve", *options, "--demo-people", "0"])
    transport = httpx.ASGITransport(app=served.pop("app"))
    async with httpx.AsyncClient(transport=transport, base_url="http://tongban") as client:
        document = (await client.get("/identity/.well-known/openid-configuration")).json()
    # then the issuer and every endpoint are at that address, and only the provider
    # decides which proxies' X-Forwarded-For to believe
    endpoints = ("issuer", "authorization_endpoint", "token_endpoint", "end_session_endpoint")
    assert (status, {name: document[name] for name in endpoints}) == (
        0,
        {
            "issuer": issuer,
            "authorization_endpoint": issuer + "/authorize",
            "token_endpoint": issuer + "/token",
            "end_session_endpoint": issuer + "/logout",
        },
    )
    assert served["proxy_headers"] is False


async def test_the_demo_web_client_returns_to_the_platform_it_is_served_by(
    tmp_path: Path,
) -> None:
    # given the provider of a platform whose issuer is on port 9127, seeding its demo accounts
    settings = IdentitySettings.from_env(
        {"TONGBAN_DATA_DIR": str(tmp_path), "TONGBAN_IDENTITY_ISSUER": ISSUER_9127}
    )
    database = Database(url=settings.database_url, metadata=identity_metadata())
    try:
        await prepare_identity(settings, database, [], demo_people=1)
        # when the web client's registration is read
        async with database.sessions() as session:
            client = await session.get(OAuthClient, DEMO_WEB_CLIENT_ID)
            assert client is not None
            uris = (client.redirect_uris, client.post_logout_redirect_uris)
    finally:
        await database.dispose()
    # then it signs in and out back to that port, not the default 8000
    assert uris == (["http://127.0.0.1:9127/callback"], ["http://127.0.0.1:9127/"])
