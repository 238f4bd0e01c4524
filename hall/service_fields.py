"""The field declaration the hall's service records use most: a BASIC field."""

from __future__ import annotations

from typing import Any

import strawberry

from subgraph.guard import BASIC, Guard


def basic(description: str) -> Any:
    """A field of the record's basic data (read by its data subject, unit and supervisors)."""
    return strawberry.field(description=description, extensions=[Guard(BASIC)])
