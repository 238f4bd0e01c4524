"""The composer's public values: subgraph sources in, a supergraph with errors and hints out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SubgraphSource:
    """One subgraph to compose: its name, routing url and federation SDL."""

    name: str
    url: str
    sdl: str


@dataclass(frozen=True)
class CompositionError:
    """A composition error, coded like Apollo's (`INVALID_FIELD_SHARING`, ...)."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class CompositionHint:
    """Advice that does not stop composition, coded like Apollo's hints."""

    code: str
    message: str
    coordinate: str | None = None


@dataclass
class Composition:
    """The outcome: a supergraph SDL when there is no error, else the errors."""

    supergraph_sdl: str | None
    errors: list[CompositionError] = field(default_factory=list)
    hints: list[CompositionHint] = field(default_factory=list)
