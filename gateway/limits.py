"""Operation limits checked before planning: depth, height, aliases and root fields."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class OperationLimits:
    """The largest operation the gateway accepts."""

    max_depth: int = 15
    max_height: int = 200
    max_aliases: int = 30
    max_root_fields: int = 20
    max_tokens: int = 15_000
    max_body_bytes: int = 2_000_000


def check_limits(operation: OperationDefinitionNode, limits: OperationLimits) -> list[GraphQLError]:
    """Return one error per limit the (fragment-inlined) operation exceeds."""
    measure = _Measure()
    measure.walk(operation.selection_set, 1)
    root_fields = _count_fields(operation.selection_set)
    errors = []
    for actual, allowed, what, code in (
        (measure.depth, limits.max_depth, "depth", "MAX_DEPTH_LIMIT"),
        (measure.distinct, limits.max_height, "height (distinct fields)", "MAX_HEIGHT_LIMIT"),
        (measure.aliases, limits.max_aliases, "aliases", "MAX_ALIASES_LIMIT"),
        (root_fields, limits.max_root_fields, "root fields", "MAX_ROOT_FIELDS_LIMIT"),
    ):
        if actual > allowed:
            errors.append(
                GraphQLError(
                    f"Operation exceeds the {what} limit: {actual} > {allowed}.",
                    extensions={"code": code},
                )
            )
    return errors


class _Measure:
    def __init__(self) -> None:
        self.depth = 0
        self.aliases = 0
        self.fields: set[tuple[str, int]] = set()

    @property
    def distinct(self) -> int:
        return len(self.fields)

    def walk(self, selection_set: SelectionSetNode, depth: int) -> None:
        for node in selection_set.selections:
            if isinstance(node, InlineFragmentNode):
                self.walk(node.selection_set, depth)
            elif isinstance(node, FieldNode):
                self.depth = max(self.depth, depth)
                self.aliases += node.alias is not None
                self.fields.add((node.name.value, depth))
                if node.selection_set is not None:
                    self.walk(node.selection_set, depth + 1)


def _count_fields(selection_set: SelectionSetNode) -> int:
    count = 0
    for node in selection_set.selections:
        if isinstance(node, InlineFragmentNode):
            count += _count_fields(node.selection_set)
        else:
            count += 1
    return count
