"""The social-security bureau's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.population.employers import employer_pool
from agencies.population.records import FamilyUnit
from agencies.social_security import models
from subgraph.definition import Row
from subgraph.seeding import row_values


def reference_rows(spec: Any) -> Iterator[Row]:
    """The employer pool of the population's seed."""
    table = models.Employer.__table__
    for employer in employer_pool(spec.seed):
        yield table, row_values(table, employer)


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Insurance enrolments: pension, medical and unemployment."""
    table = models.InsuranceEnrolment.__table__
    for enrolment in unit.enrolments:
        yield table, row_values(table, enrolment)
