"""The checkpoint key: an Ed25519 key in a PEM file outside the database, its id, signatures."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

logger = logging.getLogger("tongban.audit")


class CheckpointSigner:
    """Signs checkpoints with an Ed25519 private key."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self.private_key = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id_of(self.public_key)

    @classmethod
    def from_file(cls, path: Path, *, create: bool = True) -> CheckpointSigner:
        """Load the PEM key at `path`; when missing and `create`, generate one (mode 0600)."""
        if not path.exists():
            if not create:
                raise ValueError(f"no checkpoint key at {path}")
            try:
                return cls(_create_key_file(path))
            except FileExistsError:
                pass  # another process created it first: use theirs
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            logger.warning("checkpoint key %s is readable by others (mode %o)", path, mode)
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError):
            key = None
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an unencrypted Ed25519 private key in PEM")
        return cls(key)

    def sign(self, payload: bytes) -> str:
        """Return the base64url (unpadded) Ed25519 signature of `payload`."""
        return _b64(self.private_key.sign(payload))

    def public_pem(self) -> str:
        """Return the public key as PEM, for auditors who verify without the private key."""
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """Return the RFC 7638 JWK thumbprint (base64url SHA-256) of an Ed25519 public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}, sort_keys=True, separators=(",", ":")
    )
    return _b64(hashlib.sha256(jwk.encode("ascii")).digest())


def load_public_keys(paths: Iterable[Path]) -> dict[str, Ed25519PublicKey]:
    """Read Ed25519 keys (private or public PEM) and index their public halves by key id."""
    keys: dict[str, Ed25519PublicKey] = {}
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ValueError(f"cannot read key file {path}: {error.strerror}") from None
        public = _public_key_from_pem(data)
        if public is None:
            raise ValueError(f"{path} holds no Ed25519 key in PEM form")
        keys[key_id_of(public)] = public
    return keys


def signature_is_valid(public_key: Ed25519PublicKey, payload: bytes, signature: str) -> bool:
    """Tell whether `signature` (base64url) is the key's signature of `payload`."""
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        public_key.verify(raw, payload)
    except (InvalidSignature, ValueError):
        return False
    return True


def _public_key_from_pem(data: bytes) -> Ed25519PublicKey | None:
    if b"PRIVATE KEY" in data:
        try:
            private = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError):
            return None
        return private.public_key() if isinstance(private, Ed25519PrivateKey) else None
    try:
        public = serialization.load_pem_public_key(data)
    except ValueError:
        return None
    return public if isinstance(public, Ed25519PublicKey) else None


def _create_key_file(path: Path) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # O_EXCL: two processes racing to create the key must not both succeed.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
