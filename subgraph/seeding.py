"""Streams seed rows into a subgraph's tables in batches, parents before children."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, Table

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


def row_values(table: Table, record: object, /, **overrides: Any) -> dict[str, Any]:
    """The values of one row of `table`: each column from `record`'s attribute of its key.

    `overrides` win over the record: a renamed attribute (`ethnicity_code=person.ethnicity`)
    or a value the record does not hold (`person_id=person.id_number`). A column that neither
    gives raises LookupError naming it, so a forgotten column is caught, except a column the
    database fills by itself: the autoincrement primary key and any column with a server
    default, which are left out of the row. A column with only a client-side `default=` is
    not skipped, since a forgotten one would silently take the default. An override that
    names no column raises LookupError too.
    """
    if unknown := overrides.keys() - set(table.columns.keys()):
        raise LookupError(f"table {table.name} has no column {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for column in table.columns:
        key = column.key
        if key in overrides:
            values[key] = overrides[key]
        elif hasattr(record, key):
            values[key] = getattr(record, key)
        elif not _filled_by_database(table, column):
            raise LookupError(
                f"no value for column {table.name}.{key}: "
                f"{type(record).__name__} has no attribute {key!r} and no override gives it"
            )
    return values


def _filled_by_database(table: Table, column: Column[Any]) -> bool:
    return column is table.autoincrement_column or column.server_default is not None
