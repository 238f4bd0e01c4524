"""Apollo-compatible composition of federation-2 subgraphs into a supergraph SDL."""

from gateway.compose.compose import compose
from gateway.compose.model import Composition, CompositionError, CompositionHint, SubgraphSource

__all__ = ["Composition", "CompositionError", "CompositionHint", "SubgraphSource", "compose"]
