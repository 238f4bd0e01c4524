"""`tongban token --user LOGIN`: a token for scripts in development, refused in production."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import pytest
from joserfc.jwk import KeySet

from identity.demo import DemoCitizen, create_demo_accounts
from identity.keys import SigningKeys
from identity.models import identity_metadata
from identity.settings import IdentitySettings
from identity.tokens import verify_access_token
from subgraph.database import Database
from tests.identity.conftest import CITIZEN, STAFF, UNITS
from tongban.identity_cli import add_identity_commands


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("expected a number greater than 0")
    return value


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tongban")
    add_identity_commands(parser.add_subparsers(required=True), positive)
    return parser.parse_args(argv)


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> IdentitySettings:
    for name in ("TONGBAN_DATABASE_URL", "TONGBAN_ENVIRONMENT", "TONGBAN_IDENTITY_ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TONGBAN_DATA_DIR", str(tmp_path))
    settings = IdentitySettings.from_env()

    async def prepare() -> None:
        database = Database(url=settings.database_url, metadata=identity_metadata())
        await database.create_tables()
        await create_demo_accounts(
            database,
            citizens=[DemoCitizen(CITIZEN, "张三")],
            units=UNITS,
            key_dir=settings.client_key_dir,
        )
        await database.dispose()

    asyncio.run(prepare())
    return settings


def test_settings_from_env_defaults(environment: IdentitySettings, tmp_path: Path) -> None:
    assert environment.issuer == "http://127.0.0.1:8000/identity"
    assert environment.audience == "tongban-gateway"
    assert environment.database_url.endswith(f"{tmp_path}/identity.db")
    assert environment.key_file == tmp_path / "identity" / "signing-keys.pem"
    assert environment.client_key_dir == tmp_path / "identity" / "clients"
    assert not environment.is_production


def test_token_prints_a_verifiable_access_token(
    environment: IdentitySettings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse(["token", "--user", STAFF])
    assert args.run(args) == 0
    token = capsys.readouterr().out.strip()
    keys = KeySet.import_key_set(SigningKeys.open(environment.key_file).jwks())
    claims = verify_access_token(
        token, keys, issuer=environment.issuer, audiences=[environment.audience]
    )
    assert claims["sub"] == STAFF and claims["agency"] == "police" and claims["kind"] == "STAFF"
    assert claims["exp"] - claims["iat"] == 600


def test_token_audience_and_ttl(
    environment: IdentitySettings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse(["token", "--user", CITIZEN, "--audience", "police-subgraph", "--ttl", "60"])
    args.run(args)
    token = capsys.readouterr().out.strip()
    keys = KeySet.import_key_set(SigningKeys.open(environment.key_file).jwks())
    claims = verify_access_token(
        token, keys, issuer=environment.issuer, audiences=["police-subgraph"]
    )
    assert claims["id_number"] == CITIZEN and claims["exp"] - claims["iat"] == 60


def test_token_for_unknown_user_fails(environment: IdentitySettings) -> None:
    args = parse(["token", "--user", "nobody"])
    with pytest.raises(ValueError, match="no active account"):
        args.run(args)


def test_token_is_refused_in_production(
    environment: IdentitySettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TONGBAN_ENVIRONMENT", "production")
    monkeypatch.setenv("TONGBAN_IDENTITY_ISSUER", "https://id.tongban.example")
    args = parse(["token", "--user", STAFF])
    with pytest.raises(ValueError, match="development only"):
        args.run(args)


def test_production_needs_an_https_issuer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_ENVIRONMENT", "production")
    monkeypatch.delenv("TONGBAN_IDENTITY_ISSUER", raising=False)
    with pytest.raises(ValueError, match="https"):
        IdentitySettings.from_env()
