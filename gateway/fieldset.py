"""Federation field sets (`"id"`, `"a b"`, `"x { id }"`) as selection sets."""

from __future__ import annotations

from graphql import OperationDefinitionNode, SelectionSetNode, parse


def parse_field_set(source: str) -> SelectionSetNode:
    """Parse a field set such as `id organization { id }` into a selection set."""
    document = parse("{" + source + "}", no_location=True)
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set
