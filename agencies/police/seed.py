"""The police's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.police import models
from agencies.population.codes import police_units
from agencies.population.records import FamilyUnit
from subgraph.definition import Row


def reference_rows(_spec: Any) -> Iterator[Row]:
    """Sanming's police units, parents before their subordinates."""
    for unit in police_units():
        yield (
            models.PoliceUnit.__table__,
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "region_code": unit.region_code,
                "parent_code": unit.parent_code,
            },
        )


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Households, registered persons, their ethnicity history and ID cards."""
    for household in unit.households:
        yield (
            models.Household.__table__,
            {
                "number": household.number,
                "region_code": household.region_code,
                "station_code": household.station_code,
                "address": household.address,
                "head_id": household.head_id,
            },
        )
    for person in unit.persons:
        if not person.registered:
            continue
        yield (
            models.Person.__table__,
            {
                "id_number": person.id_number,
                "name": person.name,
                "sex": person.sex,
                "birth_date": person.birth_date,
                "ethnicity_code": person.ethnicity,
                "region_code": person.region_code,
                "household_no": person.household_no,
                "relation": person.relation,
                "father_id": person.father_id,
                "mother_id": person.mother_id,
            },
        )
    for person in unit.persons:
        for change in person.ethnicity_history:
            yield (
                models.EthnicityRecord.__table__,
                {
                    "person_id": person.id_number,
                    "from_code": change.from_code,
                    "to_code": change.to_code,
                    "changed_on": change.decided_on,
                    "basis": change.basis,
                    "approval_number": change.number,
                },
            )
        for card in person.id_cards:
            yield (
                models.IdCard.__table__,
                {
                    "serial": card.serial,
                    "person_id": person.id_number,
                    "issued_on": card.issued_on,
                    "valid_until": card.valid_until,
                    "issuing_unit": card.issuing_unit,
                    "status": card.status,
                },
            )
