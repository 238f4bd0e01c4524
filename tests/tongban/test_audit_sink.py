"""The platform's audit sink signs checkpoints of the log while the platform runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from audit.models import Checkpoint
from audit.signing import load_public_keys
from audit.verify import verify
from tests.audit.conftest import access
from tongban.audit_sink import PlatformAudit


async def checkpoint_seqs(audit: PlatformAudit) -> list[int]:
    """The seq of every stored checkpoint, oldest first."""
    async with audit.database.engine.connect() as connection:
        return list(await connection.scalars(select(Checkpoint.seq).order_by(Checkpoint.seq)))


async def test_checkpoints_are_signed_while_running_and_stop_after(tmp_path: Path) -> None:
    # given the sink under a data dir, signing every 20 ms, and two entries in its log
    audit = PlatformAudit.under(tmp_path)
    audit.checkpoint_seconds = 0.02
    await audit.start()
    await audit.record([access(1), access(2)])
    try:
        # when it runs until a checkpoint of the head is stored, then stops
        async with audit.checkpointing():
            for _ in range(500):  # up to 10 s
                if await checkpoint_seqs(audit) == [2]:
                    break
                await asyncio.sleep(0.02)
        await audit.record([access(3)])
        await asyncio.sleep(0.2)
        # then the head was sealed once, by the key file outside the database, and no more
        seqs = await checkpoint_seqs(audit)
        report = await verify(audit.database, load_public_keys(list(audit.key_files)))
    finally:
        await audit.close()
    assert (seqs, report.ok, report.checkpoints_checked, audit.key_files) == (
        [2],
        True,
        1,
        (tmp_path / "keys" / "audit-checkpoint.pem",),
    )
