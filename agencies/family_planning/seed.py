"""The family-planning slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator

from agencies.family_planning import models
from agencies.population.records import FamilyUnit
from subgraph.definition import Row


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """The unit's birth medical certificates."""
    for certificate in unit.birth_certificates:
        yield (
            models.BirthCertificate.__table__,
            {
                "number": certificate.number,
                "child_id": certificate.child_id,
                "child_name": certificate.child_name,
                "sex": certificate.sex,
                "birth_date": certificate.birth_date,
                "weight_grams": certificate.weight_grams,
                "hospital": certificate.hospital,
                "region_code": certificate.region_code,
                "mother_id": certificate.mother_id,
                "father_id": certificate.father_id,
                "issued_on": certificate.issued_on,
            },
        )
