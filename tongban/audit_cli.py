"""`tongban audit verify` and `tongban audit checkpoint`: check and seal the access log."""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path
from typing import Any

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from audit.log import AuditLog
from audit.settings import AuditSettings, audit_database
from audit.signing import CheckpointSigner, load_public_keys
from audit.verify import verify
from subgraph.database import Database


def add_audit_commands(commands: Any) -> None:
    """Register `tongban audit verify` and `tongban audit checkpoint` on the `tongban` parser."""
    audit = commands.add_parser("audit", help="verify or checkpoint the tamper-evident access log")
    actions = audit.add_subparsers(required=True, metavar="ACTION")

    check = actions.add_parser(
        "verify", help="recompute the hash chain, check checkpoints; name the first bad entry"
    )
    _add_database_arguments(check)
    check.add_argument(
        "--key",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="PEM file with a checkpoint key, public or private (repeatable; "
        "default: TONGBAN_AUDIT_KEY_FILE or DATA_DIR/keys/audit-checkpoint.pem)",
    )
    check.set_defaults(run=run_audit_verify)

    seal = actions.add_parser("checkpoint", help="sign a checkpoint of the log's current head")
    _add_database_arguments(seal)
    seal.add_argument(
        "--key",
        type=Path,
        metavar="FILE",
        help="PEM file with the Ed25519 signing key, created (mode 0600) when missing "
        "(default: TONGBAN_AUDIT_KEY_FILE or DATA_DIR/keys/audit-checkpoint.pem)",
    )
    seal.set_defaults(run=run_audit_checkpoint)


def _add_database_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="audit database (default: TONGBAN_AUDIT_DATABASE_URL, else DATA_DIR/audit.db)",
    )
    parser.add_argument("--schema", help="PostgreSQL schema of the audit tables (default: 'audit')")


def run_audit_verify(args: argparse.Namespace) -> int:
    """`tongban audit verify`: 0 and a summary when the log is intact, 1 and the first bad entry."""
    settings = _settings(args)
    key_files: list[Path] = args.key or ([settings.key_file] if settings.key_file.exists() else [])
    public_keys = load_public_keys(key_files)
    database = _open(settings)

    async def check() -> int:
        try:
            report = await verify(database, public_keys)
        except SQLAlchemyError as error:
            print(f"audit log cannot be read: {_first_line(error)}")
            return 1
        finally:
            await database.dispose()
        if report.ok:
            print(
                f"audit log OK: {report.entries_checked} entries, "
                f"{report.checkpoints_checked} checkpoints, head {report.head_hash}"
            )
            return 0
        print(f"audit log BAD at entry {report.first_bad_seq}: {report.reason}")
        return 1

    return asyncio.run(check())


def run_audit_checkpoint(args: argparse.Namespace) -> int:
    """`tongban audit checkpoint`: sign the current head with the key kept outside the database."""
    settings = _settings(args)
    signer = CheckpointSigner.from_file(args.key or settings.key_file)
    database = _open(settings)

    async def seal() -> int:
        try:
            info = await AuditLog(database).checkpoint(signer)
        except SQLAlchemyError as error:
            print(f"audit checkpoint failed: {_first_line(error)}")
            return 1
        finally:
            await database.dispose()
        print(f"checkpoint at entry {info.seq}: head {info.head_hash}, key {info.key_id}")
        return 0

    return asyncio.run(seal())


def _settings(args: argparse.Namespace) -> AuditSettings:
    """Read the audit settings from the environment, with the command line's overrides."""
    environ = dict(os.environ)
    if args.database_url:
        environ["TONGBAN_AUDIT_DATABASE_URL"] = args.database_url
    if args.schema:
        environ["TONGBAN_AUDIT_DATABASE_SCHEMA"] = args.schema
    return AuditSettings.from_env(environ)


def _open(settings: AuditSettings) -> Database:
    """Open the audit database; refuse a SQLite file that does not exist (it would be created)."""
    url = settings.subgraph.database_url
    try:
        database = audit_database(url=url, schema=settings.subgraph.database_schema)
    except ArgumentError as error:
        raise ValueError(f"bad audit database URL {url!r}: {error}") from None
    if database.is_sqlite:
        path = database.url.database
        if not path or path == ":memory:" or not Path(path).is_file():
            raise ValueError(f"no audit database at {path or url!r}")
    return database


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
