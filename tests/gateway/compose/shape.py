"""Reduces a supergraph SDL to comparable structures: join metadata and API surface."""

from __future__ import annotations

from typing import Any

from graphql import (
    DirectiveDefinitionNode,
    DirectiveNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    parse,
    print_ast,
)

Directives = list[tuple[str, tuple[tuple[str, str], ...]]]


def directives(nodes: tuple[DirectiveNode, ...] | None) -> Directives:
    """Directive applications as sorted `(name, ((argument, printed value), ...))` tuples."""
    return sorted(
        (
            node.name.value,
            tuple(sorted((arg.name.value, print_ast(arg.value)) for arg in node.arguments or ())),
        )
        for node in nodes or ()
    )


def input_value(node: InputValueDefinitionNode) -> dict[str, Any]:
    """Type, default and directives of an argument or input field."""
    return {
        "type": print_ast(node.type),
        "default": print_ast(node.default_value) if node.default_value else None,
        "directives": directives(node.directives),
    }


def field(node: FieldDefinitionNode) -> dict[str, Any]:
    """Type, arguments and directives (`@join__field` included) of a field."""
    return {
        "type": print_ast(node.type),
        "args": {arg.name.value: input_value(arg) for arg in node.arguments or ()},
        "directives": directives(node.directives),
    }


def type_shape(node: TypeDefinitionNode) -> dict[str, Any]:
    """Kind, type-level directives (`@join__type`, ...) and members of a type."""
    shape: dict[str, Any] = {"kind": node.kind, "directives": directives(node.directives)}
    if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
        shape["interfaces"] = sorted(i.name.value for i in node.interfaces or ())
        shape["fields"] = {f.name.value: field(f) for f in node.fields or ()}
    elif isinstance(node, UnionTypeDefinitionNode):
        shape["members"] = sorted(m.name.value for m in node.types or ())
    elif isinstance(node, EnumTypeDefinitionNode):
        shape["values"] = {v.name.value: directives(v.directives) for v in node.values or ()}
    elif isinstance(node, InputObjectTypeDefinitionNode):
        shape["fields"] = {f.name.value: input_value(f) for f in node.fields or ()}
    return shape


def supergraph_shape(sdl: str) -> dict[str, Any]:
    """Schema links and roots, directive definitions, and every type's shape."""
    shape: dict[str, Any] = {"schema": None, "directive_definitions": {}, "types": {}}
    for node in parse(sdl).definitions:
        if isinstance(node, SchemaDefinitionNode):
            roots = {op.operation.value: op.type.name.value for op in node.operation_types}
            shape["schema"] = {"roots": roots, "directives": directives(node.directives)}
        elif isinstance(node, DirectiveDefinitionNode):
            shape["directive_definitions"][node.name.value] = print_ast(node)
        elif isinstance(node, TypeDefinitionNode):
            shape["types"][node.name.value] = type_shape(node)
    return shape


def differences(ours: dict[str, Any], theirs: dict[str, Any], path: str = "") -> list[str]:
    """Readable paths where two shapes differ (empty when equal)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs), key=str):
            if key not in ours:
                found.append(f"{path}/{key}: missing in ours")
            elif key not in theirs:
                found.append(f"{path}/{key}: only in ours")
            else:
                found.extend(differences(ours[key], theirs[key], f"{path}/{key}"))
        return found
    return [] if ours == theirs else [f"{path}: ours {ours!r} != Apollo's {theirs!r}"]
