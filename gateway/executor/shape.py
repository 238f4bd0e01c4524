"""Shapes the raw data into the client's response: only what was asked, nulls propagated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from graphql import (
    BooleanValueNode,
    FieldNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    SelectionSetNode,
    VariableNode,
)

from gateway.executor.merge import ResponsePath


class _Invalid:
    """A null met in a non-null position: the nearest nullable parent becomes null."""


INVALID = _Invalid()

# A response path as built while shaping: () or (parent, key), made a list only for errors.
LinkedPath = tuple[Any, ...]
# A field to shape: response key, field name, its type (None for __typename and
# introspection), the selection sets under it, and for a scalar field (most of them, taken
# without a call to `_value`) whether it is non-null, else None.
Entry = tuple[str, str, GraphQLOutputType | None, tuple[SelectionSetNode, ...], bool | None]
MEMO_LIMIT = 4096


class ShapeMemo:
    """The collected fields of one prepared operation, shared by every request that runs it."""

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], tuple[Entry, ...]] = {}


class ResponseShaper:
    """Walks the client's (inlined) selection over the raw data, per the GraphQL spec."""

    def __init__(
        self,
        schema: GraphQLSchema,
        variables: Mapping[str, Any],
        errors: list[dict[str, Any]],
        memo: ShapeMemo | None = None,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.errors = errors
        self.memo = memo or ShapeMemo()
        # @skip/@include depend on these alone: part of the key of every collected field set.
        self._flags = frozenset(name for name, value in variables.items() if value is True)

    def shape(
        self, root: GraphQLObjectType, selection_set: SelectionSetNode, data: dict[str, Any]
    ) -> dict[str, Any] | None:
        """Return the response's `data`: null when a non-null root field is null."""
        result = self._object(root, (selection_set,), data, ())
        return None if result is INVALID else result

    def _object(
        self,
        type_: GraphQLObjectType | GraphQLInterfaceType,
        selection_sets: tuple[SelectionSetNode, ...],
        source: dict[str, Any],
        path: LinkedPath,
    ) -> Any:
        out: dict[str, Any] = {}
        for key, name, field_type, children, scalar in self._entries(type_, selection_sets):
            if scalar is not None:
                value = source.get(key)
                if value is None and scalar:
                    self._null_error((path, key))
                    return INVALID
                out[key] = value
                continue
            if field_type is None:
                if name == "__typename":
                    out[key] = type_.name
                elif name in ("__schema", "__type"):
                    out[key] = source.get(key)
                else:
                    return INVALID
                continue
            value = self._value(field_type, children, source.get(key), (path, key))
            if value is INVALID:
                return INVALID
            out[key] = value
        return out

    def _value(
        self,
        type_: GraphQLOutputType,
        children: tuple[SelectionSetNode, ...],
        value: Any,
        path: LinkedPath,
    ) -> Any:
        if isinstance(type_, GraphQLNonNull):
            completed = self._value(type_.of_type, children, value, path)
            if completed is None:
                self._null_error(path)
                return INVALID
            return completed
        if value is None:
            return None
        if isinstance(type_, GraphQLScalarType):
            return value
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                return None
            item_type = type_.of_type
            items = [
                self._value(item_type, children, item, (path, index))
                for index, item in enumerate(value)
            ]
            return None if any(item is INVALID for item in items) else items
        if isinstance(type_, GraphQLEnumType):
            if isinstance(value, str) and value in type_.values:
                return value
            return self._invalid_value(type_, value, path)
        if not isinstance(value, dict):
            return None
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            found = self._runtime_type(type_, value)
            if (
                found is None
                and isinstance(type_, GraphQLInterfaceType)
                and (value.get("__typename") == type_.name)
            ):
                # From an @interfaceObject subgraph, and no concrete type was asked for:
                # the interface's own fields are all the client selected.
                shaped_interface = self._object(type_, children, value, path)
                return None if shaped_interface is INVALID else shaped_interface
            if found is None:
                return None
            runtime = found
        else:
            assert isinstance(type_, GraphQLObjectType)
            runtime = type_
        shaped = self._object(runtime, children, value, path)
        return None if shaped is INVALID else shaped

    def _runtime_type(
        self, abstract: GraphQLAbstractType, value: dict[str, Any]
    ) -> GraphQLObjectType | None:
        name = value.get("__typename")
        candidate = self.schema.get_type(name) if isinstance(name, str) else None
        if isinstance(candidate, GraphQLObjectType) and self.schema.is_sub_type(
            abstract, candidate
        ):
            return candidate
        return None

    def _entries(
        self,
        type_: GraphQLObjectType | GraphQLInterfaceType,
        selection_sets: tuple[SelectionSetNode, ...],
    ) -> tuple[Entry, ...]:
        # The selection sets belong to the memo's operation: their ids are stable keys.
        key = (type_.name, tuple(map(id, selection_sets)), self._flags)
        entries = self.memo.entries.get(key)
        if entries is None:
            if len(self.memo.entries) >= MEMO_LIMIT:
                self.memo.entries.clear()
            entries = self.memo.entries[key] = self._collect(type_, selection_sets)
        return entries

    def _collect(
        self,
        type_: GraphQLObjectType | GraphQLInterfaceType,
        selection_sets: tuple[SelectionSetNode, ...],
    ) -> tuple[Entry, ...]:
        fields: dict[str, list[FieldNode]] = {}

        def visit(selection_set: SelectionSetNode) -> None:
            for node in selection_set.selections:
                if not self._included(node):
                    continue
                if isinstance(node, FieldNode):
                    key = node.alias.value if node.alias else node.name.value
                    fields.setdefault(key, []).append(node)
                elif isinstance(node, InlineFragmentNode):
                    if node.type_condition is None or self._applies(
                        node.type_condition.name.value, type_
                    ):
                        visit(node.selection_set)

        for selection_set in selection_sets:
            visit(selection_set)
        entries: list[Entry] = []
        for key, nodes in fields.items():
            name = nodes[0].name.value
            definition = None if name == "__typename" else type_.fields.get(name)
            children = tuple(n.selection_set for n in nodes if n.selection_set is not None)
            field_type = definition.type if definition else None
            entries.append((key, name, field_type, children, _scalar(field_type)))
        return tuple(entries)

    def _applies(self, condition: str, type_: GraphQLObjectType | GraphQLInterfaceType) -> bool:
        if condition == type_.name:
            return True
        conditional = self.schema.get_type(condition)
        return isinstance(conditional, GraphQLInterfaceType | GraphQLUnionType) and (
            self.schema.is_sub_type(conditional, type_)
        )

    def _included(self, node: FieldNode | InlineFragmentNode | Any) -> bool:
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            argument = next((a for a in directive.arguments or () if a.name.value == "if"), None)
            if argument is None:
                continue
            value = argument.value
            if isinstance(value, VariableNode):
                flag = bool(self.variables.get(value.name.value))
            else:
                flag = isinstance(value, BooleanValueNode) and value.value
            if (name == "skip" and flag) or (name == "include" and not flag):
                return False
        return True

    def _invalid_value(self, type_: GraphQLEnumType, value: Any, path: LinkedPath) -> None:
        """A subgraph value the API schema cannot represent is a field error (spec 6.4.4)."""
        shown = orjson.dumps(value).decode()
        self.errors.append(
            {
                "message": f"Enum '{type_.name}' cannot represent value: {shown}",
                "path": _listed(path),
                "extensions": {"code": "INVALID_GRAPHQL"},
            }
        )
        return None

    def _null_error(self, linked: LinkedPath) -> None:
        # A null caused by an error already reported in the same object needs no second one,
        # whichever of its fields comes first.
        path = _listed(linked)
        scope = path[:-1] if len(path) > 1 else path
        for error in self.errors:
            error_path = error.get("path")
            if error_path is None or error_path[: len(scope)] == scope:
                return
        where = ".".join(map(str, path))
        self.errors.append(
            {"message": f"Cannot return null for non-nullable field at {where}.", "path": path}
        )


def _scalar(type_: GraphQLOutputType | None) -> bool | None:
    """For a scalar type, whether it is non-null; None for every other type."""
    if isinstance(type_, GraphQLNonNull):
        return True if isinstance(type_.of_type, GraphQLScalarType) else None
    return False if isinstance(type_, GraphQLScalarType) else None


def _listed(path: LinkedPath) -> ResponsePath:
    keys: ResponsePath = []
    while path:
        path, key = path
        keys.append(key)
    keys.reverse()
    return keys
