"""A person's record as sections of cells: the shapes the lookup's template shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from web.i18n import N_
from web.labels import label
from web.workbench.fields import Cell, Reader
from web.workbench.labels import CODES

P = "person"


@dataclass(frozen=True)
class Table:
    """A list of records: its column labels, its rows, or the cell saying why it has none."""

    columns: tuple[str, ...]
    rows: list[list[Cell]]
    instead: Cell | None


@dataclass(frozen=True)
class Section:
    """One agency's part of the record."""

    title: str
    agency: str
    facts: list[tuple[str, Cell]] = field(default_factory=list)
    table: Table | None = None


def code_label(value: Any) -> str:
    """The label of an enumerated value (translated when shown)."""
    return label(CODES, str(value))


def yes_no(value: Any) -> str:
    """Yes or No (translated when shown)."""
    return N_("Yes") if value else N_("No")


def records(
    reader: Reader, name: str, *, columns: tuple[str, ...], row: Callable[[int], list[Cell]]
) -> Table:
    """The person's list `name` as a table, or the cell saying why it shows nothing."""
    instead, count = reader.items(P, name)
    return Table(columns, [row(index) for index in range(count)], instead)
