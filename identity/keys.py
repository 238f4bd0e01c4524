"""The provider's signing keys: a PEM file outside the database, rotation, RFC 7638 key ids.

Each generation is an ES256 key (access tokens) and an RS256 key (ID tokens: OpenID
Connect makes RS256 the default every relying party must be able to ask for).
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import threading
from pathlib import Path
from typing import Any

from joserfc.errors import InvalidKeyTypeError
from joserfc.jwk import ECKey, KeySet, RSAKey

ALGORITHM = "ES256"
ID_TOKEN_ALGORITHM = "RS256"
SigningKey = ECKey | RSAKey
_PEM_BLOCK = re.compile(
    rb"-----BEGIN PRIVATE KEY-----\r?\n.+?-----END PRIVATE KEY-----\r?\n?", re.DOTALL
)


class SigningKeys:
    """Current and previous key generations; the file lists the current generation first.

    The file is re-read when it changes on disk, so a rotation by another process
    is picked up without a restart.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._keys: list[SigningKey] = []

    @classmethod
    def open(cls, path: Path) -> SigningKeys:
        """Load the key file, creating it with one fresh key when it does not exist."""
        keys = cls(path)
        if not path.exists():
            keys._write(new_generation())
        keys._refresh()
        return keys

    def current(self) -> ECKey:
        """Return the private ES256 key that signs new access tokens."""
        return next(key for key in self._loaded() if isinstance(key, ECKey))

    def current_rsa(self) -> RSAKey:
        """Return the private RS256 key that signs new ID tokens."""
        return next(key for key in self._loaded() if isinstance(key, RSAKey))

    def public_keys(self) -> KeySet:
        """Return the published public keys (current and previous) as a key set."""
        return KeySet([public_key(key) for key in self._loaded()])

    def jwks(self) -> dict[str, Any]:
        """Return the JSON Web Key Set document served at the JWKS endpoint."""
        return {"keys": [public_key(key).as_dict(private=False) for key in self._loaded()]}

    def rotate(self) -> str:
        """Make a new key current, keep the old current as previous, drop the rest; return kid."""
        with self._lock:
            self._refresh_locked()
            fresh = new_generation()
            self._write([*fresh, *self._keys[: len(fresh)]])
            self._refresh_locked()
            return str(fresh[0].kid)

    def _loaded(self) -> list[SigningKey]:
        self._refresh()
        return self._keys

    def _refresh(self) -> None:
        with self._lock:
            self._refresh_locked()

    def _refresh_locked(self) -> None:
        info = self.path.stat()
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ValueError(f"{self.path} is readable by others; chmod 600 it")
        stamp = (info.st_mtime_ns, info.st_size)
        if stamp == self._stamp:
            return
        blocks = _PEM_BLOCK.findall(self.path.read_bytes())
        keys = [_import(block) for block in blocks]
        if not any(isinstance(k, ECKey) for k in keys) or not any(
            isinstance(k, RSAKey) for k in keys
        ):
            raise ValueError(f"{self.path} must hold an EC and an RSA private key")
        self._keys = keys
        self._stamp = stamp

    def _write(self, keys: list[SigningKey]) -> None:
        write_private_file(self.path, b"".join(key.as_pem(private=True) for key in keys))


def new_signing_key() -> ECKey:
    """Generate a P-256 key whose kid is its RFC 7638 thumbprint."""
    pem = ECKey.generate_key("P-256", private=True).as_pem(private=True)
    key = ECKey.import_key(pem)
    return ECKey.import_key(pem, {"kid": key.thumbprint(), "use": "sig", "alg": ALGORITHM})


def new_generation() -> list[SigningKey]:
    """Generate an ES256 key and an RS256 (2048-bit) key."""
    rsa = _import(RSAKey.generate_key(2048, private=True).as_pem(private=True))
    return [new_signing_key(), rsa]


def public_key(key: SigningKey) -> SigningKey:
    """Return the public half of a key with its kid, use and alg."""
    if isinstance(key, ECKey):
        return ECKey.import_key(key.as_dict(private=False))
    return RSAKey.import_key(key.as_dict(private=False))


def _import(pem: bytes) -> SigningKey:
    try:
        key = ECKey.import_key(pem)
    except InvalidKeyTypeError:
        rsa = RSAKey.import_key(pem)
        return RSAKey.import_key(
            pem, {"kid": rsa.thumbprint(), "use": "sig", "alg": ID_TOKEN_ALGORITHM}
        )
    return ECKey.import_key(pem, {"kid": key.thumbprint(), "use": "sig", "alg": ALGORITHM})


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` atomically to a file only its owner can read (0600), in a 0700 folder."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def load_or_create_secret(path: Path) -> bytes:
    """Return the 32-byte secret kept in `path`, creating it (0600) on first use."""
    if not path.exists():
        write_private_file(path, secrets.token_bytes(32))
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ValueError(f"{path} is readable by others; chmod 600 it")
    secret = path.read_bytes()
    if len(secret) < 32:
        raise ValueError(f"{path} holds a secret shorter than 32 bytes")
    return secret
