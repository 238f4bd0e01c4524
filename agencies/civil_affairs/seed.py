"""The civil-affairs slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.civil_affairs import models
from agencies.population.records import FamilyUnit
from subgraph.definition import Row


def reference_rows(_spec: Any) -> Iterator[Row]:
    """Civil affairs keeps no reference tables."""
    yield from ()


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Marriages (with their divorces), adoptions and guardianships of one family unit."""
    for marriage in unit.marriages:
        yield (
            models.Marriage.__table__,
            {
                "number": marriage.number,
                "husband_id": marriage.husband_id,
                "wife_id": marriage.wife_id,
                "registered_on": marriage.registered_on,
                "region_code": marriage.region_code,
                "divorced_on": marriage.divorced_on,
            },
        )
    for adoption in unit.adoptions:
        yield (
            models.Adoption.__table__,
            {
                "number": adoption.number,
                "child_id": adoption.child_id,
                "adoptive_father_id": adoption.adoptive_father_id,
                "adoptive_mother_id": adoption.adoptive_mother_id,
                "registered_on": adoption.registered_on,
                "region_code": adoption.region_code,
            },
        )
    for guardianship in unit.guardianships:
        yield (
            models.Guardianship.__table__,
            {
                "number": guardianship.number,
                "ward_id": guardianship.ward_id,
                "guardian_id": guardianship.guardian_id,
                "basis": guardianship.basis,
                "starts_on": guardianship.starts_on,
                "region_code": guardianship.region_code,
            },
        )
