"""Parses `@key`/`@requires`/`@provides` field sets and resolves them against a subgraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from gateway.compose.schema import Field, Subgraph

COMPOSITE_KINDS = ("OBJECT", "INTERFACE", "UNION")


class FieldSetError(ValueError):
    """The field set is not valid against its parent type."""


@dataclass
class Selection:
    """A resolved field (or inline fragment, `field` None) of a field set."""

    parent: str
    target: Field | None
    type_condition: str | None = None
    children: list[Selection] = field(default_factory=list)
    has_arguments: bool = False
    has_directives: bool = False


def parse_selection_set(text: str) -> SelectionSetNode:
    """Parse a field set string; raises `GraphQLError` on a syntax error."""
    document = parse("{" + text + "}", no_location=True)
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set


def resolve(subgraph: Subgraph, parent: str, text: str) -> list[Selection]:
    """Resolve a field set, raising `FieldSetError` with a GraphQL-style message if invalid."""
    try:
        selection_set = parse_selection_set(text)
    except GraphQLError as error:
        raise FieldSetError(error.message) from None
    return resolve_selections(subgraph, parent, selection_set)


def resolve_selections(
    subgraph: Subgraph, parent: str, selection_set: SelectionSetNode
) -> list[Selection]:
    """Resolve each selection of a set against the type named `parent`."""
    resolved = []
    parent_type = subgraph.type(parent)
    for node in selection_set.selections:
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else parent
            if subgraph.type(condition) is None:
                raise FieldSetError(f'Unknown type "{condition}".')
            inner = resolve_selections(subgraph, condition, node.selection_set)
            resolved.append(
                Selection(parent, None, condition, inner, has_directives=bool(node.directives))
            )
            continue
        if not isinstance(node, FieldNode):
            raise FieldSetError("Fragment spreads are not allowed in a field set.")
        name = node.name.value
        if name == "__typename":
            continue
        found = parent_type.fields.get(name) if parent_type else None
        if found is None:
            raise FieldSetError(
                f'Cannot query field "{name}" on type "{parent}" (the field should either be added '
                "to this subgraph or, if it should not be resolved by this subgraph, you need to "
                "add it to this subgraph with @external)."
            )
        base = subgraph.type(found.type.base_name)
        composite = base is not None and base.kind in COMPOSITE_KINDS
        nested: list[Selection] = []
        if node.selection_set is not None:
            if not composite:
                raise FieldSetError(
                    f'Field "{name}" must not have a selection since type "{found.type}" '
                    "has no subfields."
                )
            nested = resolve_selections(subgraph, found.type.base_name, node.selection_set)
        elif composite:
            raise FieldSetError(
                f'Field "{name}" of type "{found.type}" must have a selection of subfields. '
                f'Did you mean "{name} {{ ... }}"?'
            )
        resolved.append(
            Selection(parent, found, None, nested, bool(node.arguments), bool(node.directives))
        )
    return resolved


def target_fields(
    subgraph: Subgraph, parent: str, text: str | None, with_implementations: bool = True
) -> list[Field]:
    """Every field a field set selects (interface fields with their implementations), leniently."""
    if text is None:
        return []
    try:
        selection_set = parse_selection_set(text)
    except GraphQLError:
        return []
    found: list[Field] = []
    collect(subgraph, parent, selection_set, with_implementations, found)
    return found


def collect(
    subgraph: Subgraph,
    parent: str,
    selection_set: SelectionSetNode,
    with_implementations: bool,
    found: list[Field],
) -> None:
    """Add the fields `selection_set` reaches from `parent` to `found`, skipping unknown ones."""
    parent_type = subgraph.type(parent)
    if parent_type is None:
        return
    for node in selection_set.selections:
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else parent
            collect(subgraph, condition, node.selection_set, with_implementations, found)
            continue
        if not isinstance(node, FieldNode):
            continue
        target = parent_type.fields.get(node.name.value)
        if target is None:
            continue
        found.append(target)
        if with_implementations and parent_type.kind == "INTERFACE":
            for implementation in subgraph.implementations(parent):
                other = implementation.fields.get(node.name.value)
                if other is not None:
                    found.append(other)
        if node.selection_set is not None:
            collect(
                subgraph, target.type.base_name, node.selection_set, with_implementations, found
            )
