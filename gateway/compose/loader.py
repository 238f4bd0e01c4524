"""Turns a subgraph SDL into the composer's `Subgraph` model, reporting unusable SDL."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import (
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
    print_ast,
)

from gateway.compose.definitions import definition_errors
from gateway.compose.links import FederationLink, LinkError, read_federation_link
from gateway.compose.model import SubgraphSource
from gateway.compose.report import Report
from gateway.compose.schema import (
    Applied,
    DirectiveDef,
    EnumValue,
    Field,
    InputValue,
    NamedType,
    Subgraph,
)
from gateway.compose.sdl_check import sdl_errors
from gateway.compose.specs import (
    FEDERATION_OPERATION_FIELDS,
    FEDERATION_OPERATION_TYPES,
    LINK_DEFINITIONS,
)
from gateway.compose.typeref import TypeRef, renamed, type_ref_from_ast

BUILT_IN_SCALARS = ("String", "Int", "Float", "Boolean", "ID")
DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
KIND_OF_NODE: dict[type, str] = {
    ObjectTypeDefinitionNode: "OBJECT",
    ObjectTypeExtensionNode: "OBJECT",
    InterfaceTypeDefinitionNode: "INTERFACE",
    InterfaceTypeExtensionNode: "INTERFACE",
    UnionTypeDefinitionNode: "UNION",
    UnionTypeExtensionNode: "UNION",
    EnumTypeDefinitionNode: "ENUM",
    EnumTypeExtensionNode: "ENUM",
    InputObjectTypeDefinitionNode: "INPUT_OBJECT",
    InputObjectTypeExtensionNode: "INPUT_OBJECT",
    ScalarTypeDefinitionNode: "SCALAR",
    ScalarTypeExtensionNode: "SCALAR",
}


def load_subgraph(source: SubgraphSource, report: Report) -> Subgraph | None:
    """Parse and check one subgraph; report why it is unusable and return None if so."""
    try:
        document = parse(source.sdl)
    except GraphQLError as error:
        report.error("INVALID_GRAPHQL", f"[{source.name}] {error.message}")
        return None
    try:
        link = read_federation_link(document)
    except LinkError as error:
        report.error(error.code, f"[{source.name}] {error}")
        return None
    if link is None:
        report.error(
            "UNSUPPORTED_FEATURE",
            f'[{source.name}] Subgraph "{source.name}" does not @link to the federation 2 '
            "specification; federation 1 subgraphs are not supported by this composer",
        )
        return None
    definitions = definition_errors(document, link)
    for message in definitions:
        report.error("DIRECTIVE_DEFINITION_INVALID", f"[{source.name}] {message}")
    if definitions:
        return None
    roots = declared_roots(document)
    messages = sdl_errors(document, link, roots.get("query", "Query"))
    for message in messages:
        report.error("INVALID_GRAPHQL", f"[{source.name}] {message}")
    if messages:
        return None
    return Builder(source, link, document, roots).build()


def declared_roots(document: DocumentNode) -> dict[str, str]:
    """Root operation types named by `schema { ... }` definitions and extensions."""
    roots: dict[str, str] = {}
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            for operation in definition.operation_types or ():
                roots[operation.operation.value] = operation.type.name.value
    return roots


class Builder:
    """Builds the model of one subgraph from its document."""

    def __init__(
        self,
        source: SubgraphSource,
        link: FederationLink,
        document: DocumentNode,
        roots: dict[str, str],
    ) -> None:
        self.source, self.link, self.document = source, link, document
        self.excluded = FEDERATION_OPERATION_TYPES | set(link.types) | set(LINK_DEFINITIONS)
        self.renames = {name: DEFAULT_ROOTS[kind] for kind, name in roots.items()}
        self.kinds: dict[str, str] = dict.fromkeys(BUILT_IN_SCALARS, "SCALAR")
        for definition in document.definitions:
            if isinstance(definition, TypeDefinitionNode | TypeExtensionNode):
                self.kinds[self.rename(definition.name.value)] = KIND_OF_NODE[type(definition)]
        self.subgraph = Subgraph(source.name, source.url, link)
        self.extensions = 0

    def rename(self, name: str) -> str:
        """A root type's default name, any other name unchanged."""
        return self.renames.get(name, name)

    def build(self) -> Subgraph:
        """Return the subgraph model."""
        for definition in self.document.definitions:
            if isinstance(definition, TypeDefinitionNode | TypeExtensionNode):
                if definition.name.value not in self.excluded:
                    self.add_type(definition)
            elif isinstance(definition, DirectiveDefinitionNode):
                self.add_directive_definition(definition)
            elif isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
                self.subgraph.schema_directives.extend(self.applied(definition.directives, 0))
        types = self.subgraph.types
        if "Query" not in types:
            types["Query"] = NamedType(name="Query", kind="OBJECT", has_definition=True)
        for kind, name in DEFAULT_ROOTS.items():
            if name in types and types[name].kind == "OBJECT":
                self.subgraph.roots[kind] = name
        return self.subgraph

    def add_type(self, node: TypeDefinitionNode | TypeExtensionNode) -> None:
        """Merge one definition or extension into the type it declares."""
        name = self.rename(node.name.value)
        named = self.subgraph.types.setdefault(
            name, NamedType(name=name, kind=KIND_OF_NODE[type(node)])
        )
        extension = 0
        if isinstance(node, TypeExtensionNode):
            self.extensions += 1
            extension = self.extensions
            named.has_extension = True
        else:
            named.has_definition = True
            if node.description is not None:
                named.description = node.description.value
        named.directives.extend(self.applied(node.directives, extension))
        for field_node in getattr(node, "fields", None) or ():
            if isinstance(field_node, FieldDefinitionNode):
                if name == "Query" and field_node.name.value in FEDERATION_OPERATION_FIELDS:
                    continue
                named.fields[field_node.name.value] = self.field(name, field_node, extension)
            else:
                value = self.input_value(f"{name}.{field_node.name.value}", field_node)
                named.input_fields[value.name] = value
        named.interfaces.extend(
            self.rename(i.name.value) for i in getattr(node, "interfaces", None) or ()
        )
        named.members.extend(self.rename(m.name.value) for m in getattr(node, "types", None) or ())
        for value_node in getattr(node, "values", None) or ():
            named.values[value_node.name.value] = EnumValue(
                name=value_node.name.value,
                description=value_node.description.value if value_node.description else None,
                directives=self.applied(value_node.directives, extension),
            )

    def field(self, parent: str, node: FieldDefinitionNode, extension: int) -> Field:
        """The model of a field definition."""
        coordinate = f"{parent}.{node.name.value}"
        return Field(
            name=node.name.value,
            parent=parent,
            type=self.type_ref(node),
            args={
                arg.name.value: self.input_value(f"{coordinate}({arg.name.value}:)", arg)
                for arg in node.arguments or ()
            },
            description=node.description.value if node.description else None,
            directives=self.applied(node.directives, extension),
            source=extension,
        )

    def input_value(self, coordinate: str, node: InputValueDefinitionNode) -> InputValue:
        """The model of an argument or input field."""
        return InputValue(
            name=node.name.value,
            type=self.type_ref(node),
            default=node.default_value,
            description=node.description.value if node.description else None,
            directives=self.applied(node.directives, 0),
            coordinate=coordinate,
        )

    def type_ref(self, node: FieldDefinitionNode | InputValueDefinitionNode) -> TypeRef:
        """The node's type, root types renamed, kinds resolved."""
        ref = type_ref_from_ast(node.type, lambda name: self.kinds.get(self.rename(name), "SCALAR"))
        return renamed(ref, self.renames)

    def applied(self, nodes: Iterable[DirectiveNode] | None, extension: int) -> list[Applied]:
        """The directive applications, federation ones tagged with their spec name."""
        return [
            Applied(
                name=node.name.value,
                spec=self.link.directives.get(node.name.value),
                args={arg.name.value: arg.value for arg in node.arguments or ()},
                source=extension,
                text=print_ast(node),
            )
            for node in nodes or ()
        ]

    def add_directive_definition(self, node: DirectiveDefinitionNode) -> None:
        """Keep a non-federation directive definition, for executable directives."""
        name = node.name.value
        if name in self.link.directives or name in LINK_DEFINITIONS:
            return
        self.subgraph.directive_defs[name] = DirectiveDef(
            name=name,
            description=node.description.value if node.description else None,
            args={
                arg.name.value: self.input_value(f"@{name}({arg.name.value}:)", arg)
                for arg in node.arguments or ()
            },
            repeatable=node.repeatable,
            locations=[location.value for location in node.locations],
        )
