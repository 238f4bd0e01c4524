"""Identity provider fixtures: a SQLite database, demo accounts, the app mounted at /identity."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import re
import secrets
import shutil
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio
from argon2 import PasswordHasher, Type
from joserfc.jwk import ECKey, KeySet
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.routing import Mount

from authz.client_assertion import ASSERTION_TYPE, client_assertion
from identity.app import create_identity_app
from identity.demo import (
    DEMO_REDIRECT_URI,
    DEMO_WEB_CLIENT_ID,
    DemoCitizen,
    DemoUnit,
    create_demo_accounts,
    demo_password,
    system_client_key,
)
from identity.keys import SigningKeys
from identity.models import identity_metadata
from identity.passwords import Passwords
from identity.settings import IdentitySettings
from subgraph.database import Database
from subgraph.idnumber import make_id_number
from subgraph.settings import normalize_database_url, sqlite_url
from tests.conftest import BACKENDS, POSTGRES_URL

ISSUER = "http://127.0.0.1:8000/identity"
TOKEN_ENDPOINT = ISSUER + "/token"
CITIZEN = make_id_number("350424", date(1990, 1, 1), 123)
OTHER_CITIZEN = make_id_number("350404", date(1985, 6, 30), 44)
STAFF = "police.ninghua.officer"
UNITS = [
    DemoUnit("police", "350400000000", "三明市公安局", "350400"),
    DemoUnit("police", "350424000000", "宁化县公安局", "350424"),
    DemoUnit("police", "350424510000", "翠江派出所", "350424"),
]
# Cheaper than production parameters, but different from the demo ones, so a first
# sign-in rehashes.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1, type=Type.ID)


def identity_settings(tmp: Path, **overrides: object) -> IdentitySettings:
    """Settings for a provider whose files live under `tmp`."""
    options: dict[str, object] = {
        "issuer": ISSUER,
        "database_url": sqlite_url(tmp / "identity.db"),
        "key_file": tmp / "keys" / "signing-keys.pem",
        "secret_file": tmp / "keys" / "form-secret",
        "client_key_dir": tmp / "clients",
        **overrides,
    }
    return IdentitySettings(**options)  # type: ignore[arg-type]


@dataclass
class Clock:
    """A settable clock for the app."""

    now: float

    def __call__(self) -> float:
        return self.now


@dataclass
class Provider:
    """The running provider and what the tests need to talk to it."""

    settings: IdentitySettings
    sessions: async_sessionmaker[AsyncSession]
    keys: SigningKeys
    app: Starlette
    clock: Clock
    key_dir: Path
    clients: list[httpx.AsyncClient] = field(default_factory=list)

    def http(self, address: str = "127.0.0.1") -> httpx.AsyncClient:
        """Open a client (with its own cookie jar) that connects from `address`."""
        transport = httpx.ASGITransport(app=self.app, client=(address, 40000))
        client = httpx.AsyncClient(transport=transport, base_url=ISSUER + "/")
        self.clients.append(client)
        return client

    def system_key(self, agency: str = "hall") -> ECKey:
        """Return the private key of an agency system client."""
        return system_client_key(self.key_dir, f"{agency}-system")

    def public_keys(self) -> KeySet:
        """Return the key set published at the JWKS endpoint."""
        return KeySet.import_key_set(self.keys.jwks())


@dataclass
class Template:
    """Keys on disk and a database holding the demo accounts, made once per backend."""

    root: Path
    database: Database


@pytest_asyncio.fixture(scope="session", params=BACKENDS)
async def template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Template]:
    """Create the tables and demo accounts once; tests roll back what they write."""
    root = tmp_path_factory.mktemp(f"identity-{request.param}")
    if request.param == "sqlite":
        # Transactions begin with a real BEGIN: otherwise pysqlite starts none before the
        # app's first SAVEPOINT, whose RELEASE would then commit past the test's rollback.
        database = Database(
            url=sqlite_url(root / "identity.db"), metadata=identity_metadata(), immediate=True
        )
    else:
        assert POSTGRES_URL is not None
        schema = f"t{uuid.uuid4().hex[:8]}_identity"
        database = Database(
            url=normalize_database_url(POSTGRES_URL), metadata=identity_metadata(), schema=schema
        )
    await database.create_tables()
    await create_demo_accounts(
        database,
        citizens=[DemoCitizen(CITIZEN, "张三"), DemoCitizen(OTHER_CITIZEN, "李四")],
        units=UNITS,
        key_dir=root / "clients",
    )
    SigningKeys.open(identity_settings(root).key_file)
    yield Template(root, database)
    await database.drop_tables()
    await database.dispose()


@contextlib.asynccontextmanager
async def running_provider(
    template: Template, root: Path, **overrides: object
) -> AsyncIterator[Provider]:
    """The provider (settings changed by `overrides`) mounted at /identity, rolled back after."""
    shutil.copytree(template.root / "keys", root / "keys")
    shutil.copytree(template.root / "clients", root / "clients")
    settings = identity_settings(root, **overrides)
    database = template.database
    keys = SigningKeys.open(settings.key_file)
    clock = Clock(time.time())
    async with database.engine.connect() as connection:
        transaction = await connection.begin()
        sessions = database.bound_sessions(connection)
        identity = create_identity_app(
            settings,
            database,
            sessions=sessions,
            keys=keys,
            passwords=Passwords(TEST_HASHER),
            clock=clock,
        )
        app = Starlette(routes=[Mount("/identity", app=identity)])
        running = Provider(settings, sessions, keys, app, clock, root / "clients")
        try:
            yield running
        finally:
            for client in running.clients:
                await client.aclose()
            await transaction.rollback()


@pytest_asyncio.fixture
async def provider(template: Template, tmp_path: Path) -> AsyncIterator[Provider]:
    """The provider mounted at /identity; whatever a test writes is rolled back."""
    async with running_provider(template, tmp_path / "provider") as running:
        yield running


def pkce() -> tuple[str, str]:
    """Return a fresh (code_verifier, S256 code_challenge) pair."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def authorization_params(challenge: str | None, **extra: str) -> dict[str, str]:
    """Return a valid authorization request for the demo web client."""
    params = {
        "response_type": "code",
        "client_id": DEMO_WEB_CLIENT_ID,
        "redirect_uri": DEMO_REDIRECT_URI,
        "scope": "openid profile gateway",
        "state": "state-" + secrets.token_hex(4),
        "nonce": "nonce-" + secrets.token_hex(4),
    }
    if challenge is not None:
        params["code_challenge"] = challenge
        params["code_challenge_method"] = "S256"
    params.update(extra)
    return params


def form_fields(html: str) -> dict[str, str]:
    """Return the hidden fields of the sign-in form."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


def redirect_params(response: httpx.Response) -> dict[str, str]:
    """Return the query parameters of a redirect back to the client."""
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(DEMO_REDIRECT_URI + "?"), location
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


async def sign_in(
    http: httpx.AsyncClient,
    params: dict[str, str],
    login: str = CITIZEN,
    password: str | None = None,
) -> httpx.Response:
    """Open the sign-in form for `params` and post the credentials; return the answer."""
    page = await http.get("authorize", params=params)
    assert page.status_code == 200, page.text
    fields = {**form_fields(page.text), "login": login}
    fields["password"] = demo_password(login) if password is None else password
    fields["action"] = "login"
    return await http.post(
        "authorize", data={name: html.unescape(value) for name, value in fields.items()}
    )


async def authorize_code(
    http: httpx.AsyncClient, login: str = CITIZEN
) -> tuple[str, str, dict[str, str]]:
    """Run the browser part of the code flow; return (code, verifier, request params)."""
    verifier, challenge = pkce()
    params = authorization_params(challenge)
    answer = redirect_params(await sign_in(http, params, login))
    assert answer["state"] == params["state"]
    return answer["code"], verifier, params


async def exchange_code(
    http: httpx.AsyncClient, code: str, verifier: str | None, **extra: str
) -> httpx.Response:
    """Post the authorization code to the token endpoint."""
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": DEMO_REDIRECT_URI,
        "client_id": DEMO_WEB_CLIENT_ID,
        **extra,
    }
    if verifier is not None:
        data["code_verifier"] = verifier
    return await http.post("token", data=data)


async def web_tokens(http: httpx.AsyncClient, login: str = CITIZEN) -> dict[str, Any]:
    """Sign in through the code flow in `http`'s browser; return the token response."""
    code, verifier, _ = await authorize_code(http, login)
    answer = await exchange_code(http, code, verifier)
    assert answer.status_code == 200, answer.text
    tokens: dict[str, Any] = answer.json()
    return tokens


def system_auth(provider: Provider, agency: str = "hall") -> dict[str, str]:
    """Return the private_key_jwt parameters of an agency system (a fresh assertion)."""
    assertion = client_assertion(
        provider.system_key(agency), client_id=f"{agency}-system", token_endpoint=TOKEN_ENDPOINT
    )
    return {"client_assertion_type": ASSERTION_TYPE, "client_assertion": assertion}


async def system_token(provider: Provider, agency: str = "hall") -> str:
    """Return an access token of an agency system, from the token endpoint."""
    answer = await provider.http().post(
        "token", data={"grant_type": "client_credentials", **system_auth(provider, agency)}
    )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["access_token"]
    return token
