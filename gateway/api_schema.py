"""Derives the API schema clients see: no federation machinery, no `@inaccessible` elements."""

from __future__ import annotations

from typing import Any

from graphql import (
    REMOVE,
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    GraphQLSchema,
    NamedTypeNode,
    Node,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    Visitor,
    build_ast_schema,
    visit,
)

MACHINERY_PREFIXES = ("join__", "link__")
MACHINERY_DIRECTIVES = frozenset(
    {
        "link",
        "inaccessible",
        "tag",
        "authenticated",
        "requiresScopes",
        "policy",
        "cost",
        "listSize",
        "context",
        "fromContext",
    }
)


def _is_machinery(name: str) -> bool:
    return name.startswith(MACHINERY_PREFIXES) or name in MACHINERY_DIRECTIVES


def _inaccessible(node: Any) -> bool:
    return any(d.name.value == "inaccessible" for d in getattr(node, "directives", None) or ())


class _ApiFilter(Visitor):
    def __init__(self, hidden_types: set[str]) -> None:
        super().__init__()
        self.hidden_types = hidden_types

    def enter(self, node: Node, *_: Any) -> Any:
        if isinstance(node, DirectiveDefinitionNode) and _is_machinery(node.name.value):
            return REMOVE
        if isinstance(node, DirectiveNode) and _is_machinery(node.name.value):
            return REMOVE
        if isinstance(node, TypeDefinitionNode) and (
            _is_machinery(node.name.value) or node.name.value in self.hidden_types
        ):
            return REMOVE
        if _inaccessible(node):
            return REMOVE
        if isinstance(node, NamedTypeNode) and node.name.value in self.hidden_types:
            # A union member or implemented interface that clients must not see.
            return REMOVE
        return None


def api_schema_of(document: DocumentNode) -> GraphQLSchema:
    """Build the client-facing schema of a supergraph document."""
    hidden = {
        d.name.value
        for d in document.definitions
        if isinstance(d, TypeDefinitionNode) and _inaccessible(d)
    }
    filtered = visit(document, _ApiFilter(hidden))
    definitions = [
        d
        for d in filtered.definitions
        if not (isinstance(d, SchemaDefinitionNode) and not d.operation_types)
    ]
    return build_ast_schema(DocumentNode(definitions=tuple(definitions)), assume_valid_sdl=True)
