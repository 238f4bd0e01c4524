"""The ethnic-affairs slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.ethnic_affairs import models
from agencies.population.codes import ETHNIC_GROUPS
from agencies.population.records import FamilyUnit
from subgraph.definition import Row


def reference_rows(_spec: Any) -> Iterator[Row]:
    """The 56 ethnic groups of GB 3304, by code."""
    for code, name_zh, name_en in ETHNIC_GROUPS:
        yield (
            models.EthnicGroup.__table__,
            {"code": code, "name_zh": name_zh, "name_en": name_en},
        )


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """The unit's approved ethnicity changes."""
    for change in unit.ethnicity_changes:
        yield (
            models.EthnicityChange.__table__,
            {
                "number": change.number,
                "person_id": change.person_id,
                "from_code": change.from_code,
                "to_code": change.to_code,
                "basis": change.basis,
                "applied_on": change.applied_on,
                "decided_on": change.decided_on,
                "region_code": change.region_code,
                "status": "APPROVED",
            },
        )
