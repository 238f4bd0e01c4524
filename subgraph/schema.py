"""Builds the federation-v2 Strawberry schema of a subgraph."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, ParserCache, SchemaExtension, ValidationCache
from strawberry.printer import print_schema
from strawberry.types import ExecutionContext
from strawberry.types.base import StrawberryObjectDefinition, get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.private import is_private

from subgraph.context import CloseSession
from subgraph.definition import SubgraphDefinition
from subgraph.errors import should_mask
from subgraph.guard import (
    GuardRegistry,
    guard_of,
    registry_of,
    rules_of,
    unpermitted_mutations,
)
from subgraph.limits import limit_extensions
from subgraph.pagination import Page, PageInfo
from subgraph.settings import SubgraphSettings

# The kit's own containers: their fields hold no record data, the items they carry are guarded.
UNGUARDED_TYPES: tuple[type, ...] = (Page, PageInfo)


DOCUMENT_CACHE_SIZE = 1_000


class SubgraphSchema(strawberry.federation.Schema):
    """A federation schema that leaves error logging to the masking predicate."""

    guards: GuardRegistry

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Client mistakes are answered, not logged: a huge bad document would flood the log.
        # Unexpected exceptions are logged once, by `should_mask`.
        return None


def build_schema(definition: SubgraphDefinition, settings: SubgraphSettings) -> SubgraphSchema:
    """Return the subgraph's schema with the kit's limits, masking and session handling."""
    extensions: list[Callable[[], SchemaExtension]] = [
        # The gateway sends the same few operations again and again (its plans are cached):
        # parse and validate each once. The token limit applies to the first parse.
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        *limit_extensions(settings),
        lambda: MaskErrors(should_mask_error=should_mask),
        CloseSession,
    ]
    schema = SubgraphSchema(
        query=definition.query,
        mutation=definition.mutation,
        types=list(definition.types),
        extensions=extensions,
    )
    schema.guards = registry_of(guarded_types(schema, definition))
    return schema


def guarded_types(
    schema: strawberry.federation.Schema, definition: SubgraphDefinition
) -> list[type]:
    """Return the schema's record types; raise TypeError if one is not fully declared.

    Every object type but the root types, federation's own and the kit's page containers must
    carry a `@Guarded` declaration, and every one of its fields a `Guard` field class: a field
    nobody classified would otherwise be served unchecked. Every mutation declares a `Permit`.
    """
    roots = {
        get_object_definition(root, strict=True).name
        for root in (definition.query, definition.mutation)
        if root is not None
    }
    found: list[type] = []
    problems: list[str] = []
    if definition.mutation is not None:
        problems.extend(
            f"{name} declares no Permit" for name in unpermitted_mutations(definition.mutation)
        )
    for concrete in schema.schema_converter.type_map.values():
        type_definition = concrete.definition
        if not isinstance(type_definition, StrawberryObjectDefinition):
            continue
        origin = type_definition.origin
        if (
            type_definition.name in roots
            or type_definition.name.startswith("_")
            or type_definition.is_input
            or _is_unguarded(origin)
        ):
            continue
        if rules_of(origin) is None:
            problems.append(f"{type_definition.name} has no @Guarded declaration")
            continue
        problems.extend(
            f"{type_definition.name}.{field.name} declares no field class (Guard)"
            for field in type_definition.fields
            if guard_of(field) is None and not _is_private(field)
        )
        found.append(origin)
    if problems:
        raise TypeError(f"subgraph {definition.name}: " + "; ".join(problems))
    return found


def _is_private(field: StrawberryField) -> bool:
    annotation = field.type_annotation
    return annotation is not None and is_private(annotation.annotation)


def _is_unguarded(origin: type) -> bool:
    return any(
        origin is kit or (isinstance(origin, type) and issubclass(origin, kit))
        for kit in UNGUARDED_TYPES
    )


def federation_sdl(definition: SubgraphDefinition) -> str:
    """Return the federation SDL the subgraph serves at `_service { sdl }`, without a request."""
    settings = SubgraphSettings(name=definition.name, database_url="sqlite+aiosqlite:///:memory:")
    return print_schema(build_schema(definition, settings))
