"""What an agency package declares so the kit can build, seed and serve it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table

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
