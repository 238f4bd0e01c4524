"""The subgraphs that make up the platform: the agencies and the online service hall."""

from __future__ import annotations

from importlib import import_module

from subgraph.definition import SubgraphDefinition

HALL = "hall"
AGENCY_NAMES: tuple[str, ...] = (
    "police",
    "ethnic_affairs",
    "civil_affairs",
    "family_planning",
    "tax",
    "social_security",
)


def agency_definitions() -> list[SubgraphDefinition]:
    """Return every agency's subgraph definition, in the platform's order."""
    return [definition_of(name) for name in AGENCY_NAMES]


def definition_of(name: str) -> SubgraphDefinition:
    """Return one agency's definition, or the hall's; raises `KeyError` for an unknown name."""
    if name == HALL:
        return hall_definition()
    if name not in AGENCY_NAMES:
        known = ", ".join([*AGENCY_NAMES, HALL])
        raise KeyError(f"unknown subgraph {name!r}; expected one of {known}")
    definition: SubgraphDefinition = import_module(f"agencies.{name}").definition
    return definition


def hall_definition() -> SubgraphDefinition:
    """Return the online service hall's subgraph definition."""
    definition: SubgraphDefinition = import_module("hall").definition
    return definition


def served_definitions() -> list[SubgraphDefinition]:
    """Every subgraph the platform serves from its own databases: the agencies and the hall."""
    return [*agency_definitions(), hall_definition()]
