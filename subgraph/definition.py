"""What an agency package declares so the kit can build, seed and serve it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table

from subgraph.database import Database

Row = tuple[Table, dict[str, Any]]


@dataclass(frozen=True, kw_only=True)
class SubgraphDefinition:
    """One subgraph: its name, tables, GraphQL root types and seed slices."""

    name: str
    title: str
    metadata: MetaData
    query: type
    mutation: type | None = None
    types: Sequence[type] = ()
    reference_rows: Callable[[Any], Iterable[Row]] = field(default=lambda spec: ())
    unit_rows: Callable[[Any], Iterable[Row]] = field(default=lambda unit: ())
    policies: Path | None = None
    # On SQLite, begin every transaction IMMEDIATE (subgraph/database.py): for subgraphs whose
    # mutations read then write under concurrency.
    immediate_transactions: bool = False

    def database(self, url: str, schema: str | None = None) -> Database:
        """Open this subgraph's database at `url` (and PostgreSQL schema)."""
        return Database(
            url=url, metadata=self.metadata, schema=schema, immediate=self.immediate_transactions
        )
