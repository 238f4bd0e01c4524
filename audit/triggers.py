"""Triggers that make the audit tables append-only, and the table creation installing them."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from audit.models import APPEND_ONLY_TABLES, Base
from subgraph.database import Database

REFUSAL = "the audit log is append-only"


def sqlite_trigger_ddl() -> list[str]:
    """Return the SQLite statements that abort any UPDATE or DELETE on the audit tables."""
    statements = []
    for table in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            statements.append(
                f'CREATE TRIGGER IF NOT EXISTS "{table}_no_{action.lower()}" '
                f'BEFORE {action} ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: {action} on {table} refused'); END"
            )
    return statements


def postgresql_trigger_ddl(schema: str | None) -> list[str]:
    """Return the PostgreSQL statements that refuse UPDATE, DELETE and TRUNCATE in `schema`."""
    # Raw DDL is not rewritten by schema_translate_map, so every name is qualified here.
    prefix = "" if schema is None else f"{_quote(schema)}."
    function = f"{prefix}audit_append_only"
    statements = [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{REFUSAL}: % on % refused', TG_OP, TG_TABLE_NAME "
        "USING ERRCODE = 'restrict_violation'; END $$"
    ]
    for table in APPEND_ONLY_TABLES:
        target = f"{prefix}{_quote(table)}"
        for name, timing in (
            (f"{table}_no_change", "BEFORE UPDATE OR DELETE ON {target} FOR EACH ROW"),
            (f"{table}_no_truncate", "BEFORE TRUNCATE ON {target} FOR EACH STATEMENT"),
        ):
            statements.append(f"DROP TRIGGER IF EXISTS {_quote(name)} ON {target}")
            statements.append(
                f"CREATE TRIGGER {_quote(name)} {timing.format(target=target)} "
                f"EXECUTE FUNCTION {function}()"
            )
    return statements


async def install_triggers(connection: AsyncConnection, database: Database) -> None:
    """Install the append-only triggers on the audit tables of `database`."""
    if database.is_sqlite:
        statements = sqlite_trigger_ddl()
    else:
        statements = postgresql_trigger_ddl(database.schema)
    for statement in statements:
        await connection.exec_driver_sql(statement)


async def create_audit_tables(database: Database) -> None:
    """Create the schema, the audit tables and their append-only triggers (idempotent)."""
    async with database.engine.begin() as connection:
        if database.schema is not None:
            await connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {_quote(database.schema)}"))
        await connection.run_sync(Base.metadata.create_all)
        await install_triggers(connection, database)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
