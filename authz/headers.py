"""The header an actor token travels in, and minting it per call: shared by every signer."""

from __future__ import annotations

from authz.actor import Actor
from authz.keys import KeySet
from authz.tokens import mint_actor_token

ACTOR_HEADER = "Tongban-Actor"
DEFAULT_ACTOR_ISSUER = "tongban-gateway"
DEFAULT_TTL_SECONDS = 60


def actor_headers(
    actor: Actor,
    audience: str,
    *,
    keys: KeySet,
    issuer: str = DEFAULT_ACTOR_ISSUER,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
) -> dict[str, str]:
    """Return the header carrying a fresh token for one call of subgraph `audience`."""
    token = mint_actor_token(
        actor, audience=audience, key=keys.current, issuer=issuer, ttl_seconds=ttl_seconds
    )
    return {ACTOR_HEADER: token}


class ActorHeaders:
    """`actor_headers` bound to a signing key set: `headers(actor, audience)` per call.

    Shaped like the gateway's ActorSigner (`headers(actor, audience)`, `keys`), so either can
    be handed to whatever mints per call. Every call returns a new token (a new `jti`): a
    retry must not resend the first attempt's token, which the subgraph would refuse.
    """

    def __init__(
        self,
        keys: KeySet,
        *,
        issuer: str = DEFAULT_ACTOR_ISSUER,
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
    ) -> None:
        self.keys = keys
        self.issuer = issuer
        self.ttl_seconds = ttl_seconds

    def headers(self, actor: Actor, audience: str) -> dict[str, str]:
        """Return the header carrying a fresh token for one call of subgraph `audience`."""
        return actor_headers(
            actor, audience, keys=self.keys, issuer=self.issuer, ttl_seconds=self.ttl_seconds
        )

    __call__ = headers
