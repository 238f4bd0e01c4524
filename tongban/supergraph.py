"""Composition of the agency subgraphs into the platform's supergraph."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose import SubgraphSource, compose
from gateway.supergraph import Supergraph
from subgraph.definition import SubgraphDefinition
from subgraph.schema import federation_sdl

# The gateway calls the in-process subgraph app, which serves each agency at /<name>.
INTERNAL_URL = "http://tongban.internal/{name}/graphql"
# Where `tongban serve` exposes each agency on the network.
PUBLIC_URL = "http://127.0.0.1:8000/subgraphs/{name}/graphql"


def platform_sources(
    definitions: Sequence[SubgraphDefinition], url: str = PUBLIC_URL
) -> list[SubgraphSource]:
    """The agencies' federation SDLs, each routed to `url` (a pattern with `{name}`)."""
    return [SubgraphSource(d.name, url.format(name=d.name), federation_sdl(d)) for d in definitions]


def platform_supergraph(definitions: Sequence[SubgraphDefinition]) -> Supergraph:
    """Compose the agencies' subgraphs into the platform's supergraph."""
    composition = compose(platform_sources(definitions, INTERNAL_URL))
    if composition.supergraph_sdl is None:
        problems = "; ".join(f"{e.code}: {e.message}" for e in composition.errors)
        raise RuntimeError(f"the agency subgraphs do not compose: {problems}")
    return Supergraph.from_sdl(composition.supergraph_sdl)
