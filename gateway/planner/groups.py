"""The fetch groups a plan is built from, and the planner's error."""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.planner.selection import SelectionSet

Path = tuple[str, ...]


class PlanningError(Exception):
    """The operation cannot be split over the subgraphs."""


@dataclass
class Group:
    """The selections of one future fetch."""

    id: int
    graph: str
    merge_path: Path
    entity: bool
    root_id: int
    parent_id: int | None = None  # the group whose selection needed this one
    selections: SelectionSet = field(default_factory=SelectionSet)
    requires: SelectionSet | None = None
    depends_on: set[int] = field(default_factory=set)
    # (type, field) pairs this entity fetch may resolve because the representation carries
    # their @requires.
    satisfied: set[tuple[str, str]] = field(default_factory=set)
    # Concrete __typename -> the interface an @interfaceObject subgraph knows instead.
    typename_rewrites: dict[str, str] = field(default_factory=dict)
