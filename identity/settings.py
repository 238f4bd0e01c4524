"""Identity provider settings read from the environment (`TONGBAN_IDENTITY_*`, then `TONGBAN_*`)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from identity.proxies import TrustedProxies, parse_trusted_proxies
from subgraph.settings import DEFAULT_DATA_DIR, SubgraphSettings, positive_int

ENVIRONMENTS = ("development", "production")
ISSUER_PATH = "/identity"
DEFAULT_ISSUER = "http://127.0.0.1:8000" + ISSUER_PATH
DEFAULT_AUDIENCE = "tongban-gateway"


@dataclass(frozen=True, kw_only=True)
class IdentitySettings:
    """Everything the identity provider needs to know about its deployment."""

    issuer: str = DEFAULT_ISSUER
    audience: str = DEFAULT_AUDIENCE
    database_url: str
    database_schema: str | None = None
    key_file: Path
    secret_file: Path
    client_key_dir: Path
    environment: str = "development"
    access_token_ttl: int = 600
    refresh_token_ttl: int = 8 * 3600
    session_ttl: int = 24 * 3600
    code_ttl: int = 120
    assertion_max_lifetime: int = 300
    max_body_bytes: int = 16_384
    account_lockout_threshold: int = 5
    ip_lockout_threshold: int = 20
    lockout_base_seconds: int = 30
    lockout_max_seconds: int = 3600
    failure_window_seconds: int = 900
    trusted_proxies: TrustedProxies = ()

    def __post_init__(self) -> None:
        if self.environment not in ENVIRONMENTS:
            raise ValueError(f"environment must be one of {', '.join(ENVIRONMENTS)}")
        check_issuer(self.issuer, production=self.is_production)
        if not self.audience:
            raise ValueError("the access token audience must not be empty")

    @property
    def is_production(self) -> bool:
        """Tell whether this is a production deployment (no demo shortcuts)."""
        return self.environment == "production"

    def endpoint(self, path: str) -> str:
        """Return the absolute URL of one of the provider's endpoints."""
        return self.issuer.rstrip("/") + path

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, default_issuer: str = DEFAULT_ISSUER
    ) -> IdentitySettings:
        """Read the settings from the environment, falling back to development defaults.

        `default_issuer` is the issuer when the environment names none (`tongban serve`
        passes the one of the address it listens on).
        """
        env = os.environ if environ is None else environ

        def read(key: str) -> str | None:
            return env.get("TONGBAN_IDENTITY_" + key) or env.get("TONGBAN_" + key)

        database = SubgraphSettings.from_env("identity", env)
        data_dir = Path(read("DATA_DIR") or DEFAULT_DATA_DIR) / "identity"
        numbers = {
            name: positive_int(read(name.upper()), default)
            for name, default in (
                ("access_token_ttl", cls.access_token_ttl),
                ("refresh_token_ttl", cls.refresh_token_ttl),
                ("session_ttl", cls.session_ttl),
                ("code_ttl", cls.code_ttl),
                ("max_body_bytes", cls.max_body_bytes),
            )
        }
        return cls(
            issuer=(read("ISSUER") or default_issuer).rstrip("/"),
            audience=read("AUDIENCE") or DEFAULT_AUDIENCE,
            database_url=database.database_url,
            database_schema=database.database_schema,
            key_file=Path(read("KEY_FILE") or data_dir / "signing-keys.pem"),
            secret_file=Path(read("SECRET_FILE") or data_dir / "form-secret"),
            client_key_dir=Path(read("CLIENT_KEY_DIR") or data_dir / "clients"),
            environment=(read("ENVIRONMENT") or "development").lower(),
            trusted_proxies=parse_trusted_proxies(env.get("TONGBAN_IDENTITY_TRUSTED_PROXIES", "")),
            **numbers,
        )


def local_issuer(host: str, port: int) -> str:
    """Return the default issuer of a provider served on `host:port` (plain http, loopback).

    A wildcard or other non-loopback address is reached as 127.0.0.1, since plain http is
    allowed only on loopback (set TONGBAN_IDENTITY_ISSUER to an https URL otherwise).
    """
    name = host if host and is_loopback(host) else "127.0.0.1"
    if ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}{ISSUER_PATH}"


def check_issuer(issuer: str, *, production: bool) -> None:
    """Refuse an issuer that is not an https URL (plain http only on loopback, in development)."""
    parts = urlsplit(issuer)
    if parts.query or parts.fragment or not parts.hostname:
        raise ValueError(f"the issuer must be a URL without query or fragment, got {issuer!r}")
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and not production and is_loopback(parts.hostname):
        return
    raise ValueError(f"the issuer must use https (http only on loopback in development): {issuer}")


def is_loopback(host: str) -> bool:
    """Tell whether a host name or address is this machine's loopback."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
