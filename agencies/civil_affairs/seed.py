"""The civil-affairs slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.civil_affairs import models
from agencies.population.records import FamilyUnit
from subgraph.definition import Row
from subgraph.seeding import row_values


def reference_rows(_spec: Any) -> Iterator[Row]:
    """Civil affairs keeps no reference tables."""
    yield from ()


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Marriages (with their divorces), adoptions and guardianships of one family unit."""
    table = models.Marriage.__table__
    for marriage in unit.marriages:
        yield table, row_values(table, marriage)
    table = models.Adoption.__table__
    for adoption in unit.adoptions:
        yield table, row_values(table, adoption)
    table = models.Guardianship.__table__
    for guardianship in unit.guardianships:
        yield table, row_values(table, guardianship)
