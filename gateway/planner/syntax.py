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
    NameNode,
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


def aliases_taken(selection_set: SelectionSetNode) -> frozenset[str]:
    """Every alias the client gives a field of another name, anywhere in the selection."""
    taken: set[str] = set()

    def walk(selections: SelectionSetNode) -> None:
        for node in selections.selections:
            if isinstance(node, FieldNode) and node.alias and node.alias.value != node.name.value:
                taken.add(node.alias.value)
            inner = getattr(node, "selection_set", None)
            if inner is not None:
                walk(inner)

    walk(selection_set)
    return frozenset(taken)


def reserved_aliases(fields: SelectionSetNode, taken: frozenset[str]) -> SelectionSetNode:
    """A key or @requires field set whose fields named like a client alias get `<name>__key`.

    The planner adds these fields beside the client's; under their own alias they can never
    take a response key the client gave another field.
    """
    if not taken:
        return fields
    selections: list[SelectionNode] = []
    for node in fields.selections:
        if isinstance(node, FieldNode):
            inner = node.selection_set
            node = FieldNode(
                alias=NameNode(value=f"{node.name.value}__key")
                if node.name.value in taken
                else node.alias,
                name=node.name,
                arguments=node.arguments,
                directives=node.directives,
                selection_set=reserved_aliases(inner, taken) if inner is not None else None,
            )
        selections.append(node)
    return SelectionSetNode(selections=tuple(selections))
