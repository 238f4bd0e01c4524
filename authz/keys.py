"""Signing keys of actor tokens: generation, PEM files, key ids, JWKS and rotation."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OKPKey

from authz.errors import KeyFileError

Algorithm = Literal["Ed25519", "ES256"]
ALGORITHMS: tuple[Algorithm, ...] = ("Ed25519", "ES256")
AsymmetricKey = OKPKey | ECKey

# A verification key set keeps the current key and this many previous ones by default.
DEFAULT_KEEP_PREVIOUS = 1


@dataclass(frozen=True, kw_only=True)
class VerificationKey:
    """A public key that checks actor-token signatures, with its algorithm and key id."""

    key: AsymmetricKey
    alg: Algorithm
    kid: str

    def as_jwk(self) -> dict[str, Any]:
        """Return the public JWK, with kid, alg and use."""
        return {**self.key.as_dict(private=False), "kid": self.kid, "alg": self.alg, "use": "sig"}


@dataclass(frozen=True, kw_only=True)
class SigningKey:
    """A private key that signs actor tokens; `kid` is its RFC 7638 thumbprint."""

    key: AsymmetricKey
    alg: Algorithm
    kid: str

    def public(self) -> VerificationKey:
        """Return the public half, for verifiers and the JWKS."""
        public = _import_public(self.key.as_dict(private=False))
        return VerificationKey(key=public, alg=self.alg, kid=self.kid)

    def to_pem(self) -> bytes:
        """Return the private key as PKCS#8 PEM."""
        return self.key.as_pem(private=True)


def generate_key(algorithm: Algorithm = "Ed25519") -> SigningKey:
    """Generate a fresh Ed25519 (OKP) or ES256 (EC P-256) signing key."""
    if algorithm == "Ed25519":
        return _signing(OKPKey.generate_key("Ed25519"))
    if algorithm == "ES256":
        return _signing(ECKey.generate_key("P-256"))
    raise ValueError(f"unsupported algorithm {algorithm!r}; use one of {ALGORITHMS}")


def load_key(path: Path) -> SigningKey:
    """Load a signing key from a PEM file readable by its owner only."""
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(
                f"{path} is accessible to group or others (mode {stat.S_IMODE(mode):o}); "
                "chmod 600 it"
            )
        data = path.read_bytes()
    except OSError as error:
        raise KeyFileError(f"cannot read {path}: {error}") from error
    return _signing(_import_private(data, path))


def load_or_create_key(path: Path, *, algorithm: Algorithm = "Ed25519") -> SigningKey:
    """Load the key at `path`, creating it (mode 0600, atomically) when missing."""
    if not path.exists():
        key = generate_key(algorithm)
        if _write_new(path, key.to_pem()):
            return key
    return load_key(path)


def previous_path(path: Path) -> Path:
    """Return where the key retired by the last rotation of `path` is kept."""
    return path.with_name(path.name + ".previous")


def load_key_set(path: Path, *, algorithm: Algorithm = "Ed25519") -> KeySet:
    """Load (or create) the current key at `path` and, if present, the previous one beside it."""
    current = load_or_create_key(path, algorithm=algorithm)
    previous = previous_path(path)
    retired = (load_key(previous).public(),) if previous.exists() else ()
    return KeySet(current=current, previous=retired)


def rotate_key_file(path: Path, *, algorithm: Algorithm = "Ed25519") -> KeySet:
    """Retire the key at `path` to `<path>.previous` and put a new one in its place."""
    if path.exists():
        os.replace(path, previous_path(path))
    return load_key_set(path, algorithm=algorithm)


class KeySet:
    """Verification keys by key id: the current key first, then retired ones still trusted.

    The gateway builds one with its current signing key (`current`) and signs with it; every
    verifier looks keys up by the token's `kid`, so tokens signed just before a rotation keep
    verifying while the previous key is kept. A subgraph in another process builds its set
    from the gateway's JWKS (`from_jwks`) and holds no private key.
    """

    def __init__(
        self,
        *,
        current: SigningKey | None = None,
        previous: Sequence[VerificationKey] = (),
        keys: Iterable[VerificationKey] = (),
    ) -> None:
        self._signing = current
        ordered = ([current.public()] if current else []) + list(previous) + list(keys)
        self._keys: dict[str, VerificationKey] = {}
        for key in ordered:
            self._keys.setdefault(key.kid, key)
        if not self._keys:
            raise ValueError("a key set needs at least one key")

    @property
    def current(self) -> SigningKey:
        """The signing key new tokens are signed with (gateway side only)."""
        if self._signing is None:
            raise KeyFileError("this key set holds public keys only")
        return self._signing

    @property
    def kids(self) -> tuple[str, ...]:
        """The key ids, current first."""
        return tuple(self._keys)

    def get(self, kid: str) -> VerificationKey | None:
        """Return the verification key of a key id, or None."""
        return self._keys.get(kid)

    def rotated(self, new: SigningKey, *, keep: int = DEFAULT_KEEP_PREVIOUS) -> KeySet:
        """Return a set signing with `new` that still trusts the `keep` most recent keys."""
        retained = [key for key in self._keys.values() if key.kid != new.kid][:keep]
        return KeySet(current=new, previous=retained)

    def jwks(self) -> dict[str, Any]:
        """Return the public keys as a JWK Set document."""
        return {"keys": [key.as_jwk() for key in self._keys.values()]}

    @classmethod
    def from_jwks(cls, document: Mapping[str, Any]) -> KeySet:
        """Build a verify-only set from a JWK Set; each kid must be its key's thumbprint."""
        entries = document.get("keys")
        if not isinstance(entries, list):
            raise KeyFileError("a JWK Set needs a 'keys' list")
        keys = [_verification_from_jwk(entry) for entry in entries]
        return cls(keys=keys)


def _verification_from_jwk(entry: Any) -> VerificationKey:
    if not isinstance(entry, dict):
        raise KeyFileError("a JWK must be an object")
    if "d" in entry:
        raise KeyFileError("a JWK Set for verifiers must not carry private keys")
    public = _import_public({k: v for k, v in entry.items() if k in {"kty", "crv", "x", "y"}})
    alg = _algorithm_of(public)
    if entry.get("alg", alg) != alg:
        raise KeyFileError(f"JWK {entry.get('kid')!r} declares alg {entry.get('alg')!r}")
    kid = public.thumbprint()
    if entry.get("kid") != kid:
        raise KeyFileError(f"JWK kid {entry.get('kid')!r} is not its RFC 7638 thumbprint")
    return VerificationKey(key=public, alg=alg, kid=kid)


def _signing(key: AsymmetricKey) -> SigningKey:
    return SigningKey(key=key, alg=_algorithm_of(key), kid=key.thumbprint())


def _algorithm_of(key: AsymmetricKey) -> Algorithm:
    curve = key.curve_name
    if isinstance(key, OKPKey) and curve == "Ed25519":
        return "Ed25519"
    if isinstance(key, ECKey) and curve == "P-256":
        return "ES256"
    raise KeyFileError(f"unsupported key: {key.key_type} {curve}; use Ed25519 or EC P-256")


def _import_private(data: bytes, path: Path) -> AsymmetricKey:
    errors: list[str] = []
    for kind in (OKPKey, ECKey):
        try:
            key: AsymmetricKey = kind.import_key(data)
        except (JoseError, ValueError, TypeError) as error:
            errors.append(str(error) or type(error).__name__)
            continue
        if not key.is_private:
            raise KeyFileError(f"{path} holds a public key; a signing key is private")
        return key
    raise KeyFileError(f"{path} is not an Ed25519 or EC P-256 PEM key ({'; '.join(errors)})")


def _import_public(value: dict[str, Any]) -> AsymmetricKey:
    try:
        if value.get("kty") == "OKP":
            return OKPKey.import_key(value)
        if value.get("kty") == "EC":
            return ECKey.import_key(value)
    except (JoseError, ValueError, TypeError) as error:
        raise KeyFileError(f"invalid public key: {error}") from error
    raise KeyFileError(f"unsupported key type {value.get('kty')!r}")


def _write_new(path: Path, data: bytes) -> bool:
    """Write a new file with mode 0600 without ever exposing a partial one; False if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        os.unlink(temporary)
