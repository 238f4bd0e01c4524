"""The family-planning slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator

from agencies.family_planning import models
from agencies.population.records import FamilyUnit
from subgraph.definition import Row
from subgraph.seeding import row_values


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """The unit's birth medical certificates."""
    table = models.BirthCertificate.__table__
    for certificate in unit.birth_certificates:
        yield table, row_values(table, certificate)
