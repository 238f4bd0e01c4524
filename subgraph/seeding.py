"""Streams seed rows into a subgraph's tables in batches, parents before children."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table

from subgraph.database import Database
from subgraph.definition import Row


class BatchWriter:
    """Buffers rows per table and inserts them, in foreign-key order, when asked to flush."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._order = {table: index for index, table in enumerate(database.metadata.sorted_tables)}
        self._pending: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.buffered = 0
        self.written = 0

    def add(self, rows: Iterable[Row]) -> None:
        """Buffer rows; nothing is written until `flush`."""
        for table, values in rows:
            self._pending[table].append(values)
            self.buffered += 1

    async def flush(self) -> None:
        """Insert every buffered row in one transaction, tables in dependency order."""
        if not self.buffered:
            return
        tables = sorted(self._pending, key=self._order.__getitem__)
        async with self.database.engine.begin() as connection:
            for table in tables:
                await connection.execute(table.insert(), self._pending[table])
        self.written += self.buffered
        self._pending.clear()
        self.buffered = 0
