"""The social-security bureau's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.population.employers import employer_pool
from agencies.population.records import FamilyUnit
from agencies.social_security import models
from subgraph.definition import Row


def reference_rows(spec: Any) -> Iterator[Row]:
    """The employer pool of the population's seed."""
    for employer in employer_pool(spec.seed):
        yield (
            models.Employer.__table__,
            {
                "code": employer.code,
                "name": employer.name,
                "region_code": employer.region_code,
            },
        )


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Insurance enrolments: pension, medical and unemployment."""
    for enrolment in unit.enrolments:
        yield (
            models.InsuranceEnrolment.__table__,
            {
                "number": enrolment.number,
                "person_id": enrolment.person_id,
                "scheme": enrolment.scheme,
                "employer_code": enrolment.employer_code,
                "starts_on": enrolment.starts_on,
                "contribution_months": enrolment.contribution_months,
                "status": enrolment.status,
                "region_code": enrolment.region_code,
            },
        )
