"""Which identity providers the gateway trusts, and how their claims map onto an actor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Asymmetric algorithms only: an HMAC token "signed" with a public key must never verify.
ALLOWED_ALGORITHMS = ("ES256", "ES384", "EdDSA", "RS256", "PS256")

DEFAULT_CLAIMS: Mapping[str, str] = {
    "kind": "kind",
    "agency": "agency",
    "unit": "unit",
    "roles": "roles",
    "region": "region",
    "id_number": "id_number",
}


@dataclass(frozen=True)
class IssuerConfig:
    """One trusted OpenID provider: issuer, where its keys are, the audience it issues for."""

    issuer: str
    audience: str
    jwks_url: str | None = None
    jwks: Mapping[str, object] | None = None  # inline keys, for tests and air-gapped setups
    claims: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CLAIMS))
    leeway_seconds: int = 30

    def __post_init__(self) -> None:
        if (self.jwks_url is None) == (self.jwks is None):
            raise ValueError(f"issuer {self.issuer}: give exactly one of jwks_url and jwks")


@dataclass(frozen=True)
class ActorSigning:
    """How the gateway signs the actor tokens it sends to subgraphs."""

    key_path: str
    issuer: str = "tongban-gateway"
    ttl_seconds: int = 60


@dataclass(frozen=True)
class AuthConfig:
    """Authentication at the edge; without issuers the gateway serves anonymous callers."""

    issuers: tuple[IssuerConfig, ...] = ()
    actor: ActorSigning | None = None
