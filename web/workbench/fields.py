"""Reading a partial answer: each value is shown, or marked refused, unreadable or unrecorded.

The gateway answers a field the policy refuses with null and a `FORBIDDEN` error at its path;
staff must see "not permitted" there, never a blank that looks like "nothing on record".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from web.gateway import GraphQLResult
from web.i18n import N_

SHOWN = "shown"
DENIED = "denied"
UNAVAILABLE = "unavailable"
EMPTY = "empty"


@dataclass(frozen=True)
class Cell:
    """One value as shown: its text (a label to translate when `label`), its status, and a
    note (a label) on a part of it that could not be shown."""

    text: str = ""
    status: str = SHOWN
    label: bool = False
    note: str = ""


class Reader:
    """The data and errors of one answer, read by path."""

    def __init__(self, result: GraphQLResult) -> None:
        self.data = result.data
        self.errors = result.errors

    def refusal(self, *path: str | int) -> str | None:
        """DENIED or UNAVAILABLE when an error stands at `path` or above it, else None."""
        for error in self.errors:
            where = tuple(error.get("path") or ())
            if where and where == path[: len(where)]:
                code = (error.get("extensions") or {}).get("code")
                return DENIED if code == "FORBIDDEN" else UNAVAILABLE
        return None

    def value(self, *path: str | int) -> Any:
        """The value at `path`, or None where the answer stops."""
        current: Any = self.data
        for step in path:
            if isinstance(step, int):
                current = (
                    current[step] if isinstance(current, list) and step < len(current) else None
                )
            else:
                current = current.get(step) if isinstance(current, dict) else None
            if current is None:
                return None
        return current

    def cell(self, *path: str | int, show: Callable[[Any], str] = str, label: bool = False) -> Cell:
        """The value at `path` as a cell: shown through `show`, or why it is not."""
        refused = self.refusal(*path)
        if refused is not None:
            return Cell(status=refused)
        value = self.value(*path)
        if value is None or value == "" or value == []:
            return Cell(status=EMPTY)
        return Cell(text=show(value), label=label)

    def items(self, *path: str | int) -> tuple[Cell | None, int]:
        """How many items a list has, or the cell saying why it shows none."""
        refused = self.refusal(*path)
        if refused is not None:
            return Cell(status=refused), 0
        value = self.value(*path)
        if not value:
            return Cell(status=EMPTY), 0
        return None, len(value)

    def person(self, *path: str | int) -> Cell:
        """A person at `path` as "name (ID number)", noting a name the policy refuses."""
        number = self.cell(*path, "idNumber")
        if number.status != SHOWN:
            return number
        name = self.cell(*path, "name")
        if name.status == SHOWN:
            return Cell(text=f"{name.text} ({number.text})")
        return Cell(
            text=number.text, note=N_("name not permitted") if name.status == DENIED else ""
        )
