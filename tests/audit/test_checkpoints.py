"""Checkpoints: signed by a key in a file outside the database, stored, made periodically."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from audit.chain import GENESIS_HASH
from audit.log import AuditLog
from audit.models import Checkpoint
from audit.settings import AuditSettings
from audit.signing import CheckpointSigner, load_public_keys
from audit.verify import verify
from subgraph.database import Database
from tests.audit.conftest import access, fill


def test_the_key_file_is_created_private_and_reloaded(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "checkpoint.pem"
    signer = CheckpointSigner.from_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert CheckpointSigner.from_file(path).key_id == signer.key_id
    assert len(signer.key_id) == 43  # base64url SHA-256 thumbprint


def test_a_missing_key_is_not_created_when_told_not_to(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no checkpoint key"):
        CheckpointSigner.from_file(tmp_path / "absent.pem", create=False)
    assert not (tmp_path / "absent.pem").exists()


def test_public_keys_load_from_private_or_public_pem(tmp_path: Path) -> None:
    signer = CheckpointSigner.from_file(tmp_path / "private.pem")
    (tmp_path / "public.pem").write_text(signer.public_pem())
    for name in ("private.pem", "public.pem"):
        assert list(load_public_keys([tmp_path / name])) == [signer.key_id]
    (tmp_path / "junk.pem").write_text("not a key")
    with pytest.raises(ValueError, match="holds no Ed25519 key"):
        load_public_keys([tmp_path / "junk.pem"])
    with pytest.raises(ValueError, match="cannot read key file"):
        load_public_keys([tmp_path / "missing.pem"])
    with pytest.raises(ValueError, match="Ed25519 private key"):
        CheckpointSigner.from_file(tmp_path / "public.pem")


def test_settings_put_the_key_outside_the_database(tmp_path: Path) -> None:
    settings = AuditSettings.from_env({"TONGBAN_DATA_DIR": str(tmp_path)})
    assert settings.key_file == tmp_path / "keys" / "audit-checkpoint.pem"
    assert settings.subgraph.database_url.endswith(f"{tmp_path}/audit.db")
    explicit = AuditSettings.from_env({"TONGBAN_AUDIT_KEY_FILE": "/etc/tongban/audit.pem"})
    assert explicit.key_file == Path("/etc/tongban/audit.pem")


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(None, 300.0), ("60", 60.0), ("0.5", 0.5), ("0", ValueError), ("often", ValueError)],
)
def test_settings_read_how_often_a_checkpoint_is_signed(
    value: str | None, seconds: float | type[ValueError]
) -> None:
    # given the checkpoint interval variable unset, a number, zero or a word
    env = {} if value is None else {"TONGBAN_AUDIT_CHECKPOINT_SECONDS": value}
    # when the settings are read
    try:
        read: float | type[ValueError] = AuditSettings.from_env(env).checkpoint_seconds
    except ValueError:
        read = ValueError
    # then a positive number of seconds is taken (300 by default) and anything else refused
    assert read == seconds


async def test_a_checkpoint_signs_the_head_once(
    database: Database, log: AuditLog, signer: CheckpointSigner
) -> None:
    # given an empty log, a checkpoint vouches for the genesis state
    empty = await log.checkpoint(signer)
    assert (empty.seq, empty.head_hash) == (0, GENESIS_HASH)
    # when entries are appended and two checkpoints taken without new entries in between
    await fill(log, 5)
    first = await log.checkpoint(signer)
    again = await log.checkpoint(signer)
    # then the second returns the first, which names the head and verifies
    assert again == first
    assert (first.seq, first.head_hash, first.key_id) == (5, (await log.head()).hash, signer.key_id)
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(Checkpoint)) == 2
    report = await verify(database, {signer.key_id: signer.public_key})
    assert (report.ok, report.checkpoints_checked) == (True, 2)


async def test_checkpoints_run_periodically(
    database: Database, log: AuditLog, signer: CheckpointSigner
) -> None:
    async def sealed() -> list[int]:
        async with database.engine.connect() as connection:
            return list(await connection.scalars(select(Checkpoint.seq).order_by(Checkpoint.seq)))

    # given a log with one entry and a checkpointer every 10 ms
    await log.record([access(0)])
    task = asyncio.create_task(log.run_checkpoints(signer, every_seconds=0.01))
    try:
        for n in range(1, 4):
            # when the head moves, then a checkpoint of the new head follows
            for _ in range(1_000):  # up to 10 s
                if (await sealed())[-1:] == [n]:
                    break
                await asyncio.sleep(0.01)
            if n < 3:
                await log.record([access(n)])
    finally:
        task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # and an unchanged head is not signed again
    assert await sealed() == [1, 2, 3]


async def test_a_cancel_during_a_checkpoint_lets_its_write_finish(
    log: AuditLog, signer: CheckpointSigner, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release, finished = asyncio.Event(), asyncio.Event(), []

    async def slow_checkpoint(signer: CheckpointSigner) -> None:
        started.set()
        await release.wait()
        finished.append(signer.key_id)

    # given a checkpointer in the middle of writing a checkpoint
    monkeypatch.setattr(log, "checkpoint", slow_checkpoint)
    task = asyncio.create_task(log.run_checkpoints(signer, every_seconds=0.01))
    await started.wait()
    # when it is cancelled
    task.cancel()
    await asyncio.sleep(0.05)
    running_after_cancel = not task.done()
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    # then it ends only once the write has finished
    assert (running_after_cancel, finished) == (True, [signer.key_id])
