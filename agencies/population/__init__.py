"""A deterministic synthetic population of Sanming, streamed family by family."""

from agencies.population.generator import PopulationSpec, generate
from agencies.population.records import FamilyUnit

__all__ = ["FamilyUnit", "PopulationSpec", "generate"]
