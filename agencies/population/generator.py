"""Streams a deterministic population, one family unit at a time."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from agencies.population.builder import FamilyBuilder, Registry
from agencies.population.employers import employer_pool
from agencies.population.families import random_unit, single_unit
from agencies.population.life import add_id_cards, add_work_records
from agencies.population.records import FamilyUnit
from agencies.population.scenarios import SCENARIOS

SANMING = ZoneInfo("Asia/Shanghai")
# Below this size a population is all random families; above it, the scenarios come first.
SCENARIO_THRESHOLD = 60
# The largest random family: a last unit of at most this many people can overshoot.
LARGEST_FAMILY = 16


def today_in_sanming() -> date:
    """Return today's date in China Standard Time."""
    return datetime.now(SANMING).date()


@dataclass(frozen=True, kw_only=True)
class PopulationSpec:
    """What to generate: how many registered people, from which seed, as of which day."""

    people: int
    seed: int = 2011
    as_of: date = field(default_factory=today_in_sanming)

    def __post_init__(self) -> None:
        if self.people < 1:
            raise ValueError("a population needs at least one person")


def generate(spec: PopulationSpec) -> Iterator[FamilyUnit]:
    """Yield family units until exactly `spec.people` persons are registered."""
    registry = Registry(spec.as_of)
    rng = random.Random(spec.seed)
    employers = employer_pool(spec.seed)
    scenarios = list(SCENARIOS.items()) if spec.people >= SCENARIO_THRESHOLD else []
    produced = 0
    index = 0
    while produced < spec.people:
        unit = FamilyUnit(index)
        builder = FamilyBuilder(registry, rng, unit)
        if index < len(scenarios):
            unit.scenario, build = scenarios[index]
            build(builder)
        elif spec.people - produced < LARGEST_FAMILY:
            single_unit(builder)
        else:
            random_unit(builder)
        for person in unit.persons:
            if person.registered:
                add_id_cards(builder, person)
                add_work_records(builder, person, employers)
        produced += unit.registered_count
        index += 1
        yield unit
