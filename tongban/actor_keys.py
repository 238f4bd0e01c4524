"""The platform's actor-token keys: the signing key under the data dir and the key set a
subgraph in its own process verifies with; the fallback actor of local development.

One Ed25519 signing key under the data dir (`keys/actor-signing.pem`, 0600, created on first
start, rotated with `authz.keys.rotate_key_file`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from authz.actor import Actor, ActorKind
from authz.keys import KeySet, load_key_set
from subgraph.settings import SubgraphSettings

ACTOR_KEY_FILE = Path("keys") / "actor-signing.pem"
# A public key set (JWKS, e.g. a copy of the gateway's /.well-known/actor-keys.json) for a
# subgraph run in its own process; without it, the key under the data dir is used.
ACTOR_JWKS_VARIABLE = "TONGBAN_ACTOR_JWKS"


def actor_key_set(data_dir: Path) -> KeySet:
    """Load the platform's actor-token signing key under `data_dir` (created, 0600, if new)."""
    return load_key_set(data_dir / ACTOR_KEY_FILE)


def local_development_actor(agency: str) -> Actor:
    """Who a token-less call runs as when TONGBAN_REQUIRE_ACTOR=0 (local development only)."""
    return Actor(
        subject="local-development",
        kind=ActorKind.STAFF,
        agency=agency,
        region="350400",
        purpose="CASE_INVESTIGATION",
        case="LOCAL-DEVELOPMENT",
    )


def standalone_actor_keys(
    settings: SubgraphSettings, environ: Mapping[str, str] | None = None
) -> KeySet:
    """The keys a subgraph in its own process verifies with: TONGBAN_ACTOR_JWKS, or the
    platform's key under the data dir (same host)."""
    env = os.environ if environ is None else environ
    jwks = env.get(ACTOR_JWKS_VARIABLE)
    if jwks:
        try:
            document = json.loads(Path(jwks).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise ValueError(f"{ACTOR_JWKS_VARIABLE}: cannot read {jwks}: {error}") from None
        return KeySet.from_jwks(document)
    return actor_key_set(settings.data_dir)
