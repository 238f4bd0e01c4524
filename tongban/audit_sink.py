"""The platform's audit sink: audit/'s hash-chained access log on its own database.

By default `audit.db` under the data dir (or TONGBAN_AUDIT_DATABASE_URL, as `tongban audit`
reads it). The audit subgraph is served on that same database (`subgraph_settings`) and
verifies checkpoints with the sink's checkpoint key files. While the platform runs, the sink
signs a checkpoint of the log every `checkpoint_seconds` with its checkpoint key, a file
outside the database (`checkpointing`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path

from audit.log import AuditLog
from audit.settings import CHECKPOINT_SECONDS, KEY_FILE_NAME, AuditSettings, audit_database
from audit.signing import CheckpointSigner
from audit.triggers import create_audit_tables
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.settings import SubgraphSettings, sqlite_url


class PlatformAudit:
    """The audit sink of the platform: audit/'s hash-chained access log on its own database."""

    def __init__(
        self,
        database: Database,
        *,
        checkpoint_key: Path | None = None,
        checkpoint_seconds: float = CHECKPOINT_SECONDS,
    ) -> None:
        self.database = database
        self.log = AuditLog(database)
        self.checkpoint_key = checkpoint_key
        self.checkpoint_seconds = checkpoint_seconds

    @property
    def key_files(self) -> tuple[Path, ...]:
        """The checkpoint keys the audit subgraph verifies with."""
        return () if self.checkpoint_key is None else (self.checkpoint_key,)

    @classmethod
    def under(cls, data_dir: Path) -> PlatformAudit:
        """The access log in `audit.db` under the data dir (its key in `keys/` there)."""
        return cls(
            audit_database(url=sqlite_url(data_dir / "audit.db"), schema=None),
            checkpoint_key=data_dir / "keys" / KEY_FILE_NAME,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PlatformAudit:
        """The access log where `tongban audit` looks for it (TONGBAN_AUDIT_*, DATA_DIR)."""
        audit = AuditSettings.from_env(environ)
        settings = audit.subgraph
        return cls(
            audit_database(url=settings.database_url, schema=settings.database_schema),
            checkpoint_key=audit.key_file,
            checkpoint_seconds=audit.checkpoint_seconds,
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

    @contextlib.asynccontextmanager
    async def checkpointing(self) -> AsyncIterator[None]:
        """Sign a checkpoint of the log every `checkpoint_seconds` while the block runs."""
        if self.checkpoint_key is None:
            yield
            return
        signer = CheckpointSigner.from_file(self.checkpoint_key)
        task = asyncio.create_task(
            self.log.run_checkpoints(signer, every_seconds=self.checkpoint_seconds)
        )
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def record(self, records: Sequence[AccessRecord]) -> None:
        """Append the records (the subgraph withholds its answer if this raises)."""
        await self.log.record(records)

    async def close(self) -> None:
        """Close the audit database's connections."""
        await self.database.dispose()
