"""Signs, per subgraph call, the short-lived token that tells the subgraph who is asking."""

from __future__ import annotations

from pathlib import Path

from authz.actor import Actor
from authz.headers import ActorHeaders
from authz.keys import KeySet, load_key_set
from gateway.auth.config import ActorSigning


class ActorSigner:
    """Mints actor tokens with the gateway's key, audience = the subgraph called."""

    def __init__(self, config: ActorSigning, keys: KeySet | None = None) -> None:
        self.config = config
        self.keys = keys or load_key_set(Path(config.key_path))
        self._headers = ActorHeaders(
            self.keys, issuer=config.issuer, ttl_seconds=config.ttl_seconds
        )

    def headers(self, actor: Actor, audience: str) -> dict[str, str]:
        """The header carrying a fresh token for one call (each retry gets its own)."""
        return self._headers.headers(actor, audience)
