"""Signing keys: a 0600 PEM file, RFC 7638 key ids, rotation with the previous key published."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from joserfc.jwk import KeySet

from identity.keys import SigningKeys, load_or_create_secret
from identity.tokens import TokenError, mint_access_token, verify_access_token

ISSUER = "https://id.example"


def token_from(keys: SigningKeys, now: int = 2_000_000_000) -> str:
    return mint_access_token(
        keys.current(),
        issuer=ISSUER,
        audience="gw",
        subject="someone",
        client_id="c",
        scope="gateway",
        attributes={"kind": "STAFF"},
        now=now,
        ttl=600,
    )


def verify(token: str, keys: SigningKeys) -> None:
    published = KeySet.import_key_set(keys.jwks())
    verify_access_token(token, published, issuer=ISSUER, audiences=["gw"], now=2_000_000_010)


def test_key_file_is_private_and_kid_is_the_thumbprint(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "signing-keys.pem"
    keys = SigningKeys.open(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    current = keys.current()
    assert current.kid == current.thumbprint()
    assert keys.current_rsa().kid == keys.current_rsa().thumbprint()
    assert SigningKeys.open(path).current().kid == current.kid  # reopened, not regenerated


def test_token_signed_before_rotation_verifies_until_the_second_rotation(tmp_path: Path) -> None:
    keys = SigningKeys.open(tmp_path / "signing-keys.pem")
    old_kid = keys.current().kid
    token = token_from(keys)
    verify(token, keys)

    old_rsa = keys.current_rsa().kid
    new_kid = keys.rotate()
    assert keys.current().kid == new_kid != old_kid
    assert keys.current_rsa().kid != old_rsa
    published = [key["kid"] for key in keys.jwks()["keys"]]
    assert published == [new_kid, keys.current_rsa().kid, old_kid, old_rsa]
    verify(token, keys)  # the previous key is still published
    verify(token_from(keys), keys)

    keys.rotate()
    assert old_kid not in [key["kid"] for key in keys.jwks()["keys"]]
    assert len(keys.jwks()["keys"]) == 4
    with pytest.raises(TokenError):
        verify(token, keys)


def test_rotation_by_another_process_is_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "signing-keys.pem"
    serving = SigningKeys.open(path)
    before = serving.current().kid
    new_kid = SigningKeys.open(path).rotate()
    assert serving.current().kid == new_kid != before
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "signing-keys.pem"
    SigningKeys.open(path)
    path.chmod(0o644)
    with pytest.raises(ValueError, match="readable by others"):
        SigningKeys.open(path).current()


def test_form_secret_is_created_once(tmp_path: Path) -> None:
    path = tmp_path / "form-secret"
    secret = load_or_create_secret(path)
    assert len(secret) == 32 and load_or_create_secret(path) == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_access_token_checks(tmp_path: Path) -> None:
    keys = SigningKeys.open(tmp_path / "signing-keys.pem")
    token = token_from(keys)
    published = KeySet.import_key_set(keys.jwks())
    with pytest.raises(TokenError):
        verify_access_token(token, published, issuer=ISSUER, audiences=["other"], now=2_000_000_010)
    with pytest.raises(TokenError):
        verify_access_token(
            token, published, issuer="https://x", audiences=["gw"], now=2_000_000_010
        )
    with pytest.raises(TokenError):
        verify_access_token(token, published, issuer=ISSUER, audiences=["gw"], now=2_000_001_000)
