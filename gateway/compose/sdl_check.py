"""Checks a subgraph SDL is valid GraphQL once the definitions it may omit are added."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graphql import (
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    build_ast_schema,
    parse,
    validate_schema,
)
from graphql.validation.validate import validate_sdl

from gateway.compose.links import FederationLink
from gateway.compose.specs import (
    DIRECTIVES,
    FEDERATION_OPERATION_FIELDS,
    FEDERATION_OPERATION_TYPES,
    LINK_DEFINITIONS,
)

DEFINITION_OF_EXTENSION: dict[type[TypeExtensionNode], type[TypeDefinitionNode]] = {
    ObjectTypeExtensionNode: ObjectTypeDefinitionNode,
    InterfaceTypeExtensionNode: InterfaceTypeDefinitionNode,
    UnionTypeExtensionNode: UnionTypeDefinitionNode,
    EnumTypeExtensionNode: EnumTypeDefinitionNode,
    InputObjectTypeExtensionNode: InputObjectTypeDefinitionNode,
    ScalarTypeExtensionNode: ScalarTypeDefinitionNode,
}


def sdl_errors(document: DocumentNode, link: FederationLink, query_type: str) -> list[str]:
    """GraphQL validation messages for the subgraph, federation definitions supplied."""
    prepared = prepare(document, link, query_type)
    errors = validate_sdl(prepared)
    if errors:
        return [error.message for error in errors]
    schema = build_ast_schema(prepared, assume_valid_sdl=True)
    # graphql-js (hence Apollo) does not check default values against their types
    return [
        error.message
        for error in validate_schema(schema)
        if "has invalid default value" not in error.message
    ]


def prepare(document: DocumentNode, link: FederationLink, query_type: str) -> DocumentNode:
    """Drop the `_service`/`_entities` machinery, add missing definitions, base lone extensions."""
    defined = {
        d.name.value
        for d in document.definitions
        if isinstance(d, TypeDefinitionNode | DirectiveDefinitionNode)
    }
    kept: list[DefinitionNode] = []
    has_query = False
    for definition in document.definitions:
        if isinstance(definition, TypeDefinitionNode | TypeExtensionNode):
            name = definition.name.value
            if name in FEDERATION_OPERATION_TYPES:
                continue
            if isinstance(definition, TypeExtensionNode) and name not in defined:
                definition = as_definition(definition)
                defined.add(name)
            if name == query_type and isinstance(
                definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode
            ):
                definition = without_federation_fields(definition, with_service=not has_query)
                has_query = True
        kept.append(definition)
    extra = missing_definitions(defined, link)
    if not has_query:
        extra += f"type {query_type} {{ _service: _Service! }}\n"
    kept.extend(parse(extra).definitions)
    return DocumentNode(definitions=tuple(kept))


def as_definition(extension: TypeExtensionNode) -> TypeDefinitionNode:
    """The same type written as a definition, for a type only ever extended."""
    values: dict[str, Any] = {key: getattr(extension, key, None) for key in extension.keys}
    return DEFINITION_OF_EXTENSION[type(extension)](**values)


def without_federation_fields(
    node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode, with_service: bool
) -> ObjectTypeDefinitionNode | ObjectTypeExtensionNode:
    """The query type without `_entities`/`_service`; `_service` back on its first declaration."""
    fields = [f for f in node.fields or () if f.name.value not in FEDERATION_OPERATION_FIELDS]
    if with_service:
        service = parse("type X { _service: _Service! }").definitions[0]
        assert isinstance(service, ObjectTypeDefinitionNode) and service.fields
        fields.append(service.fields[0])
    return replace(node, fields=tuple(fields))


def missing_definitions(defined: set[str], link: FederationLink) -> str:
    """SDL for the federation, link and `_Service` definitions the document lacks."""
    type_names = {spec: name for name, spec in link.types.items()}
    parts = ["type _Service { sdl: String }"]
    for name in link.types:
        if name not in defined:
            parts.append(f"scalar {name}")
    for name, spec in link.directives.items():
        if name not in defined:
            parts.append(DIRECTIVES[spec][1].format(name=name, **type_names))
    for name, definition in LINK_DEFINITIONS.items():
        if name not in defined:
            parts.append(definition)
    return "\n".join(parts) + "\n"
