"""Per-subgraph settings read from the environment with an agency prefix."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from authz.headers import DEFAULT_ACTOR_ISSUER

DEFAULT_DATA_DIR = Path("var")
# Who signs the actor tokens subgraphs accept: the gateway (gateway/auth/config.py ActorSigning).


@dataclass(frozen=True, kw_only=True)
class SubgraphSettings:
    """Everything a subgraph process needs to know about its deployment."""

    name: str
    database_url: str
    database_schema: str | None = None
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5_000
    max_body_bytes: int = 1_000_000
    graphiql: bool = False
    data_dir: Path = DEFAULT_DATA_DIR
    # Calls must carry an actor token signed by `actor_issuer`. Turning this off is for local
    # development only: the app then logs a warning and serves token-less calls as the
    # development actor it is explicitly given (see subgraph/app.py).
    require_actor: bool = True
    actor_issuer: str = DEFAULT_ACTOR_ISSUER
    policy_reload_seconds: float = 2.0

    @classmethod
    def from_env(cls, name: str, environ: Mapping[str, str] | None = None) -> SubgraphSettings:
        """Read `TONGBAN_<NAME>_*` variables, falling back to `TONGBAN_*`, then defaults."""
        env = os.environ if environ is None else environ
        prefix = f"TONGBAN_{name.upper()}_"

        def read(key: str) -> str | None:
            return env.get(prefix + key) or env.get("TONGBAN_" + key)

        data_dir = Path(read("DATA_DIR") or DEFAULT_DATA_DIR)
        url = normalize_database_url(read("DATABASE_URL") or sqlite_url(data_dir / f"{name}.db"))
        schema = None if url.startswith("sqlite") else env.get(prefix + "DATABASE_SCHEMA", name)
        return cls(
            name=name,
            database_url=url,
            database_schema=schema,
            max_depth=positive_int(read("MAX_DEPTH"), cls.max_depth),
            max_aliases=positive_int(read("MAX_ALIASES"), cls.max_aliases),
            max_tokens=positive_int(read("MAX_TOKENS"), cls.max_tokens),
            max_body_bytes=positive_int(read("MAX_BODY_BYTES"), cls.max_body_bytes),
            graphiql=(read("GRAPHIQL") or "").lower() in {"1", "true", "yes"},
            data_dir=data_dir,
            require_actor=(read("REQUIRE_ACTOR") or "").lower() not in {"0", "false", "no"},
            actor_issuer=read("ACTOR_ISSUER") or DEFAULT_ACTOR_ISSUER,
            policy_reload_seconds=positive_seconds(read("POLICY_RELOAD_SECONDS"), 2.0),
        )


def sqlite_url(path: Path) -> str:
    """Return the async SQLAlchemy URL of a SQLite file."""
    return f"sqlite+aiosqlite:///{path}"


def normalize_database_url(url: str) -> str:
    """Map plain `postgresql://` and `sqlite://` URLs to their async drivers."""
    for plain, driver in (
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


def positive_int(value: str | None, default: int) -> int:
    """Parse a setting that must be a whole number above zero; `default` when unset."""
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"expected a whole number, got {value!r}") from None
    if number <= 0:
        raise ValueError(f"expected a positive number, got {number}")
    return number


def positive_seconds(value: str | None, default: float) -> float:
    """Parse a setting's number of seconds (`default` when unset); refuse zero and words."""
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"expected a number of seconds, got {value!r}") from None
    if not seconds > 0:
        raise ValueError(f"expected a positive number of seconds, got {value!r}")
    return seconds
