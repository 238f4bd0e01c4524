"""The agency subgraphs that make up the platform."""

from __future__ import annotations

from importlib import import_module

from subgraph.definition import SubgraphDefinition

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
    """Return one agency's definition; raises `KeyError` for an unknown name."""
    if name not in AGENCY_NAMES:
        raise KeyError(f"unknown agency {name!r}; expected one of {', '.join(AGENCY_NAMES)}")
    definition: SubgraphDefinition = import_module(f"agencies.{name}").definition
    return definition
