"""The test population the fixtures seed, read straight from the generator."""

from __future__ import annotations

from functools import cache

from agencies.population import FamilyUnit, generate
from agencies.population.records import Person
from tests.conftest import SPEC


@cache
def units() -> tuple[FamilyUnit, ...]:
    """Every family unit of the seeded test population."""
    return tuple(generate(SPEC))


def scenario(name: str) -> FamilyUnit:
    """The family unit built for one named scenario."""
    return next(unit for unit in units() if unit.scenario == name)


@cache
def persons() -> dict[str, Person]:
    """Every person of the test population (registered or not), by ID number."""
    return {person.id_number: person for unit in units() for person in unit.persons}
