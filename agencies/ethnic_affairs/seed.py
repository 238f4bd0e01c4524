"""The ethnic-affairs slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.ethnic_affairs import models
from agencies.population.codes import ETHNIC_GROUPS
from agencies.population.records import FamilyUnit
from subgraph.definition import Row
from subgraph.seeding import row_values


def reference_rows(_spec: Any) -> Iterator[Row]:
    """The 56 ethnic groups of GB 3304, by code."""
    for code, name_zh, name_en in ETHNIC_GROUPS:
        yield (
            models.EthnicGroup.__table__,
            {"code": code, "name_zh": name_zh, "name_en": name_en},
        )


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """The unit's approved ethnicity changes."""
    table = models.EthnicityChange.__table__
    for change in unit.ethnicity_changes:
        # Changes decided before the platform executed them carry no hall application.
        yield (
            table,
            row_values(table, change, status="APPROVED", application=None, request_digest=None),
        )
