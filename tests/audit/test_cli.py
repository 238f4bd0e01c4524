"""`tongban audit verify` and `tongban audit checkpoint`: 0 intact, 1 bad, 2 misuse."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import pytest

from audit.log import AuditLog
from audit.signing import CheckpointSigner
from subgraph.database import Database
from tests.audit.conftest import Attack, fill
from tongban.audit_cli import add_audit_commands


def tongban(argv: list[str]) -> int:
    """Run `tongban ARGV` as `tongban.cli.main` does once the audit commands are wired in."""
    parser = argparse.ArgumentParser(prog="tongban")
    add_audit_commands(parser.add_subparsers(required=True, metavar="COMMAND"))
    try:
        args = parser.parse_args(argv)
        status: int = args.run(args)
    except SystemExit as exit:
        return int(exit.code or 0)
    except ValueError as error:  # what main() does
        print(f"tongban: error: {error}", file=sys.stderr)
        return 2
    return status


async def run(argv: list[str]) -> int:
    """Run the command in a thread (it starts its own event loop)."""
    return await asyncio.to_thread(tongban, argv)


def where(database: Database) -> list[str]:
    url = ["--database-url", database.url.render_as_string(hide_password=False)]
    return url + (["--schema", database.schema] if database.schema else [])


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the commands away from the developer's var/ and environment."""
    for name in ("DATABASE_URL", "KEY_FILE", "DATA_DIR", "DATABASE_SCHEMA"):
        monkeypatch.delenv(f"TONGBAN_AUDIT_{name}", raising=False)
    monkeypatch.delenv("TONGBAN_DATABASE_URL", raising=False)
    monkeypatch.setenv("TONGBAN_DATA_DIR", str(tmp_path / "data"))


async def test_checkpoint_then_verify_ok(
    database: Database, log: AuditLog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a log of 7 entries and no key yet
    await fill(log, 7)
    key = tmp_path / "secret" / "audit.pem"
    # when a checkpoint is taken (creating the key) and the log verified with that key
    assert await run(["audit", "checkpoint", *where(database), "--key", str(key)]) == 0
    signer = CheckpointSigner.from_file(key, create=False)
    head = (await log.head()).hash
    assert capsys.readouterr().out == (f"checkpoint at entry 7: head {head}, key {signer.key_id}\n")
    status = await run(["audit", "verify", *where(database), "--key", str(key)])
    # then it exits 0 with a one-line summary
    assert status == 0
    assert capsys.readouterr().out == f"audit log OK: 7 entries, 1 checkpoints, head {head}\n"


async def test_verify_uses_the_configured_key_file_by_default(
    database: Database,
    log: AuditLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TONGBAN_AUDIT_KEY_FILE", str(tmp_path / "configured.pem"))
    await fill(log, 2)
    assert await run(["audit", "checkpoint", *where(database)]) == 0
    assert (tmp_path / "configured.pem").exists()
    assert await run(["audit", "verify", *where(database)]) == 0
    assert "2 entries, 1 checkpoints" in capsys.readouterr().out


async def test_verify_names_the_first_bad_entry_and_exits_1(
    database: Database,
    log: AuditLog,
    attack: Attack,
    signer: CheckpointSigner,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await fill(log, 6)
    async with attack() as attacker:
        await attacker.run("UPDATE {access_entry} SET actor = 'nobody' WHERE seq = 4")
    status = await run(["audit", "verify", *where(database)])
    assert status == 1
    assert capsys.readouterr().out == (
        "audit log BAD at entry 4: entry 4: entry_hash does not match its content (edited)\n"
    )


async def test_verify_without_the_key_reports_the_checkpoint_unknown(
    database: Database, log: AuditLog, signer: CheckpointSigner, capsys: pytest.CaptureFixture[str]
) -> None:
    await fill(log, 1)
    await log.checkpoint(signer)
    assert await run(["audit", "verify", *where(database)]) == 1
    assert f"checkpoint 1 is signed by unknown key {signer.key_id}" in capsys.readouterr().out


async def test_verify_reports_a_missing_table_and_exits_1(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    await database.drop_tables()
    assert await run(["audit", "verify", *where(database)]) == 1
    assert capsys.readouterr().out.startswith("audit log cannot be read: ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["audit"], "the following arguments are required: ACTION"),
        (["audit", "verify", "--bogus"], "unrecognized arguments: --bogus"),
        (["audit", "verify", "--database-url", "sqlite:///nowhere/x.db"], "no audit database"),
        (["audit", "verify", "--database-url", "::not a url::"], "bad audit database URL"),
        (["audit", "verify", "--key", "/nonexistent.pem"], "cannot read key file"),
        (["audit", "checkpoint", "--database-url", "sqlite:///nowhere/x.db"], "no audit database"),
    ],
)
def test_bad_arguments_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tongban(argv) == 2
    assert message in capsys.readouterr().err
