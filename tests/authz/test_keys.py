"""Signing keys: PEM files created 0600, RFC 7638 key ids, JWKS export and rotation."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from joserfc.jwk import OKPKey

from authz.actor import Actor, ActorKind
from authz.errors import KeyFileError
from authz.keys import (
    Algorithm,
    KeySet,
    SigningKey,
    generate_key,
    load_key,
    load_key_set,
    load_or_create_key,
    previous_path,
    rotate_key_file,
)
from authz.tokens import mint_actor_token, verify_actor_token

NOW = 1_800_000_000.0
SYSTEM = Actor(subject="hall", kind=ActorKind.SYSTEM, agency="hall", purpose="SERVICE_APPLICATION")


def round_trips(key: SigningKey, keys: KeySet) -> bool:
    token = mint_actor_token(SYSTEM, audience="police", key=key, issuer="gw", now=NOW)
    actor = verify_actor_token(token, audience="police", keys=keys, issuer="gw", now=NOW)
    return actor == SYSTEM


@pytest.mark.parametrize(("algorithm", "kty"), [("Ed25519", "OKP"), ("ES256", "EC")])
def test_missing_key_is_created_private_and_reloads_identically(
    tmp_path: Path, algorithm: Algorithm, kty: str
) -> None:
    # given no key file, when the gateway starts twice, then one 0600 key serves both
    path = tmp_path / "keys" / "actor.pem"
    first = load_or_create_key(path, algorithm=algorithm)
    again = load_or_create_key(path, algorithm=algorithm)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (first.kid, first.alg, again.kid) == (first.kid, algorithm, first.kid)
    assert first.public().as_jwk()["kty"] == kty
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "actor.pem"
    load_or_create_key(path)
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="accessible to group or others"):
        load_key(path)


def test_public_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "actor.pem"
    path.write_bytes(generate_key().key.as_pem(private=False))
    path.chmod(0o600)
    with pytest.raises(KeyFileError, match="holds a public key"):
        load_key(path)


def test_kid_is_the_rfc7638_thumbprint() -> None:
    # RFC 8037 appendix A.1 key; A.3 gives its RFC 7638 thumbprint
    key = OKPKey.import_key(
        {
            "kty": "OKP",
            "crv": "Ed25519",
            "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
            "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        }
    )
    path_free = SigningKey(key=key, alg="Ed25519", kid=key.thumbprint())
    assert path_free.kid == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


def test_jwks_holds_public_keys_and_verifies_tokens() -> None:
    # given a gateway key set with a previous key, when a subgraph loads its JWKS
    old, new = generate_key(), generate_key("ES256")
    gateway = KeySet(current=old).rotated(new)
    document = gateway.jwks()
    subgraph = KeySet.from_jwks(document)
    # then the JWKS lists both public keys, current first, and tokens of both verify
    assert [entry["kid"] for entry in document["keys"]] == [new.kid, old.kid]
    assert all("d" not in entry for entry in document["keys"])
    assert [entry["alg"] for entry in document["keys"]] == ["ES256", "Ed25519"]
    assert round_trips(old, subgraph) and round_trips(new, subgraph)


def test_jwks_with_private_material_or_foreign_kid_is_refused() -> None:
    key = generate_key()
    private = {**key.key.as_dict(private=True), "kid": key.kid, "alg": "Ed25519"}
    with pytest.raises(KeyFileError, match="must not carry private keys"):
        KeySet.from_jwks({"keys": [private]})
    foreign = {**key.public().as_jwk(), "kid": "someone-else"}
    with pytest.raises(KeyFileError, match="not its RFC 7638 thumbprint"):
        KeySet.from_jwks({"keys": [foreign]})


def test_verify_only_set_cannot_sign() -> None:
    keys = KeySet.from_jwks(KeySet(current=generate_key()).jwks())
    with pytest.raises(KeyFileError, match="public keys only"):
        _ = keys.current


def test_rotating_the_key_file_keeps_the_previous_key(tmp_path: Path) -> None:
    # given a gateway key file, when it is rotated
    path = tmp_path / "actor.pem"
    before = load_key_set(path)
    after = rotate_key_file(path)
    # then the new set signs with a new key and still trusts the old one
    assert after.current.kid != before.current.kid
    assert after.kids == (after.current.kid, before.current.kid)
    assert stat.S_IMODE(previous_path(path).stat().st_mode) == 0o600
    assert round_trips(before.current, after)
    # and a process started afterwards loads the same two keys
    assert load_key_set(path).kids == after.kids
