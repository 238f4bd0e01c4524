"""The platform's audit sink: audit/'s hash-chained access log on its own database.

By default `audit.db` under the data dir (or TONGBAN_AUDIT_DATABASE_URL, as `tongban audit`
reads it). The audit subgraph is served on that same database (`subgraph_settings`) and
verifies checkpoints with the sink's checkpoint key files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from audit.log import AuditLog
from audit.settings import KEY_FILE_NAME, AuditSettings, audit_database
from audit.triggers import create_audit_tables
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.settings import SubgraphSettings, sqlite_url


class PlatformAudit:
    """The audit sink of the platform: audit/'s hash-chained access log on its own database."""

    def __init__(self, database: Database, *, key_files: Sequence[Path] = ()) -> None:
        self.database = database
        self.log = AuditLog(database)
        self.key_files = tuple(key_files)  # the checkpoint keys the audit subgraph verifies with

    @classmethod
    def under(cls, data_dir: Path) -> PlatformAudit:
        """The access log in `audit.db` under the data dir (its key in `keys/` there)."""
        return cls(
            audit_database(url=sqlite_url(data_dir / "audit.db"), schema=None),
            key_files=[data_dir / "keys" / KEY_FILE_NAME],
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PlatformAudit:
        """The access log where `tongban audit` looks for it (TONGBAN_AUDIT_*, DATA_DIR)."""
        audit = AuditSettings.from_env(environ)
        settings = audit.subgraph
        return cls(
            audit_database(url=settings.database_url, schema=settings.database_schema),
            key_files=[audit.key_file],
        )

    def subgraph_settings(self, base: SubgraphSettings | None) -> SubgraphSettings:
        """The audit subgraph's settings: `base`'s limits and issuer, this log's database."""
        url = self.database.url.render_as_string(hide_password=False)
        if base is None:
            return SubgraphSettings(
                name="audit", database_url=url, database_schema=self.database.schema
            )
        return dataclasses.replace(
            base, name="audit", database_url=url, database_schema=self.database.schema
        )

    async def start(self) -> None:
        """Create the audit tables and their append-only triggers if missing."""
        await create_audit_tables(self.database)

    async def record(self, records: Sequence[AccessRecord]) -> None:
        """Append the records (the subgraph withholds its answer if this raises)."""
        await self.log.record(records)

    async def close(self) -> None:
        """Close the audit database's connections."""
        await self.database.dispose()
