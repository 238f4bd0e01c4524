"""Where the audit log lives: its database (like any subgraph's) and its checkpoint key file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from audit.models import Base
from subgraph.database import Database
from subgraph.settings import DEFAULT_DATA_DIR, SubgraphSettings

NAME = "audit"
KEY_FILE_NAME = "audit-checkpoint.pem"


@dataclass(frozen=True, kw_only=True)
class AuditSettings:
    """The audit subgraph's settings plus the path of the checkpoint signing key."""

    subgraph: SubgraphSettings
    key_file: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AuditSettings:
        """Read `TONGBAN_AUDIT_*`, then `TONGBAN_*`; the key defaults to DATA_DIR/keys/."""
        env = os.environ if environ is None else environ
        data_dir = Path(
            env.get("TONGBAN_AUDIT_DATA_DIR") or env.get("TONGBAN_DATA_DIR") or DEFAULT_DATA_DIR
        )
        key_file = env.get("TONGBAN_AUDIT_KEY_FILE")
        return cls(
            subgraph=SubgraphSettings.from_env(NAME, env),
            key_file=Path(key_file) if key_file else data_dir / "keys" / KEY_FILE_NAME,
        )


def audit_database(*, url: str, schema: str | None) -> Database:
    """Open the audit log's database (a SQLite file, or a PostgreSQL schema)."""
    return Database(url=url, metadata=Base.metadata, schema=schema)
