"""Builds the federation-v2 Strawberry schema of a subgraph."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.printer import print_schema
from strawberry.types import ExecutionContext

from subgraph.context import CloseSession
from subgraph.definition import SubgraphDefinition
from subgraph.errors import should_mask
from subgraph.limits import limit_extensions
from subgraph.settings import SubgraphSettings


class SubgraphSchema(strawberry.federation.Schema):
    """A federation schema that leaves error logging to the masking predicate."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Client mistakes are answered, not logged: a huge bad document would flood the log.
        # Unexpected exceptions are logged once, by `should_mask`.
        return None


def build_schema(definition: SubgraphDefinition, settings: SubgraphSettings) -> SubgraphSchema:
    """Return the subgraph's schema with the kit's limits, masking and session handling."""
    extensions: list[Callable[[], SchemaExtension]] = [
        *limit_extensions(settings),
        lambda: MaskErrors(should_mask_error=should_mask),
        CloseSession,
    ]
    return SubgraphSchema(
        query=definition.query,
        mutation=definition.mutation,
        types=list(definition.types),
        extensions=extensions,
    )


def federation_sdl(definition: SubgraphDefinition) -> str:
    """Return the federation SDL the subgraph serves at `_service { sdl }`, without a request."""
    settings = SubgraphSettings(name=definition.name, database_url="sqlite+aiosqlite:///:memory:")
    return print_schema(build_schema(definition, settings))
