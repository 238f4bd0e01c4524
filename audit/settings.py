"""Where the audit log lives: its database (like any subgraph's) and its checkpoint key file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from audit.models import Base
from subgraph.database import Database
from subgraph.settings import DEFAULT_DATA_DIR, SubgraphSettings, positive_seconds

NAME = "audit"
KEY_FILE_NAME = "audit-checkpoint.pem"
CHECKPOINT_SECONDS = 300.0


@dataclass(frozen=True, kw_only=True)
class AuditSettings:
    """The audit subgraph's settings, the checkpoint signing key's path and how often it signs."""

    subgraph: SubgraphSettings
    key_file: Path
    checkpoint_seconds: float = CHECKPOINT_SECONDS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AuditSettings:
        """Read `TONGBAN_AUDIT_*`, then `TONGBAN_*`; the key defaults to DATA_DIR/keys/.

        `TONGBAN_AUDIT_CHECKPOINT_SECONDS` (300) is how often a running platform signs one.
        """
        env = os.environ if environ is None else environ
        data_dir = Path(
            env.get("TONGBAN_AUDIT_DATA_DIR") or env.get("TONGBAN_DATA_DIR") or DEFAULT_DATA_DIR
        )
        key_file = env.get("TONGBAN_AUDIT_KEY_FILE")
        return cls(
            subgraph=SubgraphSettings.from_env(NAME, env),
            key_file=Path(key_file) if key_file else data_dir / "keys" / KEY_FILE_NAME,
            checkpoint_seconds=positive_seconds(
                env.get("TONGBAN_AUDIT_CHECKPOINT_SECONDS"), CHECKPOINT_SECONDS
            ),
        )


def audit_database(*, url: str, schema: str | None) -> Database:
    """Open the audit log's database (a SQLite file, or a PostgreSQL schema)."""
    return Database(url=url, metadata=Base.metadata, schema=schema)
