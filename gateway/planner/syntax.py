"""Small readers of the client operation's syntax tree used while planning."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DirectiveNode,
    FieldNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
)


def list_depth(type_: GraphQLOutputType) -> int:
    """How many list levels wrap a type (`[[T!]]!` is 2)."""
    depth = 0
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        if isinstance(type_, GraphQLList):
            depth += 1
        type_ = type_.of_type
    return depth


def alias_of(node: FieldNode) -> str | None:
    return node.alias.value if node.alias else None


def field_names(selection_set: SelectionSetNode) -> set[str]:
    return {node.name.value for node in selection_set.selections if isinstance(node, FieldNode)}


def sub_selection(provided: SelectionSetNode | None, name: str) -> SelectionSetNode | None:
    if provided is None:
        return None
    for node in provided.selections:
        if isinstance(node, FieldNode) and node.name.value == name:
            return node.selection_set
    return None


def root_fields(
    selection_set: SelectionSetNode, directives: tuple[DirectiveNode, ...]
) -> Iterator[tuple[FieldNode, SelectionNode]]:
    """Each root field, and the node to plan it as: wrapped in its fragments' conditions."""
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            wrapped: SelectionNode = node
            for directive in reversed(directives):
                wrapped = InlineFragmentNode(
                    directives=(directive,), selection_set=SelectionSetNode(selections=(wrapped,))
                )
            yield node, wrapped
        elif isinstance(node, InlineFragmentNode):
            yield from root_fields(node.selection_set, directives + tuple(node.directives or ()))
