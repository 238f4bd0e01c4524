"""Builds the federation-v2 Strawberry schema of a subgraph."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import MaskErrors, SchemaExtension

from subgraph.context import CloseSession
from subgraph.definition import SubgraphDefinition
from subgraph.errors import should_mask
from subgraph.limits import limit_extensions
from subgraph.settings import SubgraphSettings


def build_schema(
    definition: SubgraphDefinition, settings: SubgraphSettings
) -> strawberry.federation.Schema:
    """Return the subgraph's schema with the kit's limits, masking and session handling."""
    extensions: list[Callable[[], SchemaExtension]] = [
        *limit_extensions(settings),
        lambda: MaskErrors(should_mask_error=should_mask),
        CloseSession,
    ]
    return strawberry.federation.Schema(
        query=definition.query,
        mutation=definition.mutation,
        types=list(definition.types),
        extensions=extensions,
    )
