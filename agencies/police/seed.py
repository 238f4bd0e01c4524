"""The police's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agencies.police import models
from agencies.population.codes import police_units
from agencies.population.records import FamilyUnit
from subgraph.definition import Row
from subgraph.seeding import row_values


def reference_rows(_spec: Any) -> Iterator[Row]:
    """Sanming's police units, parents before their subordinates."""
    table = models.PoliceUnit.__table__
    for unit in police_units():
        yield table, row_values(table, unit)


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Households, registered persons, their ethnicity history and ID cards."""
    table = models.Household.__table__
    for household in unit.households:
        yield table, row_values(table, household)
    table = models.Person.__table__
    for person in unit.persons:
        if person.registered:
            yield table, row_values(table, person, ethnicity_code=person.ethnicity)
    record_table, card_table = models.EthnicityRecord.__table__, models.IdCard.__table__
    for person in unit.persons:
        for change in person.ethnicity_history:
            yield (
                record_table,
                row_values(
                    record_table,
                    change,
                    person_id=person.id_number,
                    changed_on=change.decided_on,
                    approval_number=change.number,
                ),
            )
        for card in person.id_cards:
            yield card_table, row_values(card_table, card, person_id=person.id_number)
