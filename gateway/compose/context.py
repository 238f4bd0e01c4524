"""State shared by the merge steps: subgraphs, their metadata, the supergraph, the report."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from gateway.compose.metadata import Metadata
from gateway.compose.report import Report
from gateway.compose.schema import Subgraph
from gateway.compose.supergraph import EnumLiteral, Supergraph

T = TypeVar("T")
U = TypeVar("U")
Sources = Sequence[T | None]  # one slot per subgraph, in subgraph order


@dataclass
class EnumUsage:
    """Where an enum is used: "Input", "Output" or "Both", with an example coordinate each."""

    position: str
    examples: dict[str, str] = field(default_factory=dict)


@dataclass
class MergeContext:
    """The subgraphs (sorted by name) being merged into `supergraph`."""

    subgraphs: list[Subgraph]
    metas: list[Metadata]
    report: Report
    supergraph: Supergraph = field(default_factory=Supergraph)
    enum_usages: dict[str, EnumUsage] = field(default_factory=dict)
    graph_names: list[str] = field(default_factory=list)
    deferred: list[Callable[[], None]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Subgraph names, in order."""
        return [s.name for s in self.subgraphs]

    def graph(self, index: int) -> EnumLiteral:
        """The `join__Graph` value of a subgraph."""
        return EnumLiteral(self.graph_names[index])


def map_sources(sources: Sources[T], fn: Callable[[T], U | None]) -> Sources[U]:
    """Apply `fn` to every present source."""
    return [None if s is None else fn(s) for s in sources]


def present(sources: Sources[T]) -> list[tuple[int, T]]:
    """The `(index, source)` pairs of present sources."""
    return [(i, s) for i, s in enumerate(sources) if s is not None]


def graph_enum_names(names: list[str]) -> list[str]:
    """`join__Graph` value names as Apollo derives them from subgraph names."""
    sanitized = [sanitize(name) for name in names]
    result = []
    for name in sanitized:
        if sanitized.count(name) == 1:
            result.append(name)
        else:
            result.append(f"{name}_{sanitized[: len(result) + 1].count(name)}")
    return result


def sanitize(name: str) -> str:
    """Apollo's `sanitizeGraphQLName`: word characters only, no leading digit, upper case."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if re.match(r"^\d", cleaned):
        cleaned = "_" + cleaned
    if re.search(r"_\d+$", cleaned):
        cleaned += "_"
    return cleaned.upper()
