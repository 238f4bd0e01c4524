"""Reads a supergraph SDL: which subgraph resolves which type, key and field (join v0.3-v0.5)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLSchema,
    SelectionSetNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    build_ast_schema,
    parse,
    value_from_ast_untyped,
)

from gateway.api_schema import api_schema_of
from gateway.fieldset import parse_field_set


class SupergraphError(ValueError):
    """The document is not a supergraph this gateway understands."""


@dataclass(frozen=True)
class Subgraph:
    """One subgraph named in `join__Graph`."""

    enum_value: str
    name: str
    url: str


@dataclass(frozen=True)
class Key:
    """A `@key` of an entity in one subgraph."""

    graph: str
    fields: SelectionSetNode
    source: str
    resolvable: bool


@dataclass(frozen=True)
class FieldSource:
    """How one subgraph knows a field (`@join__field`)."""

    graph: str
    requires: SelectionSetNode | None = None
    provides: SelectionSetNode | None = None
    external: bool = False
    used_overridden: bool = False
    type: str | None = None


@dataclass
class TypeInfo:
    """Where one supergraph type lives and how it is keyed."""

    graphs: set[str] = field(default_factory=set)
    keys: list[Key] = field(default_factory=list)
    interface_object_in: set[str] = field(default_factory=set)
    implements: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    union_members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class Supergraph:
    """A parsed supergraph: the full schema, the API schema and the join metadata."""

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.schema: GraphQLSchema = build_ast_schema(document, assume_valid_sdl=True)
        self.subgraphs: dict[str, Subgraph] = {}
        self.types: dict[str, TypeInfo] = defaultdict(TypeInfo)
        self.fields: dict[tuple[str, str], list[FieldSource]] = {}
        self._read(document)
        self.api_schema: GraphQLSchema = api_schema_of(document)

    @classmethod
    def from_sdl(cls, sdl: str) -> Supergraph:
        """Parse supergraph SDL text."""
        try:
            return cls(parse(sdl))
        except SupergraphError:
            raise
        except Exception as error:
            raise SupergraphError(f"not a valid supergraph: {error}") from error

    def with_urls(self, urls: dict[str, str]) -> Supergraph:
        """Return the same supergraph with some subgraph URLs replaced, by subgraph name."""
        unknown = set(urls) - {s.name for s in self.subgraphs.values()}
        if unknown:
            raise SupergraphError(f"unknown subgraph(s): {', '.join(sorted(unknown))}")
        for key, subgraph in list(self.subgraphs.items()):
            if subgraph.name in urls:
                self.subgraphs[key] = Subgraph(key, subgraph.name, urls[subgraph.name])
        return self

    def _read(self, document: DocumentNode) -> None:
        for definition in document.definitions:
            if (
                isinstance(definition, EnumTypeDefinitionNode)
                and definition.name.value == "join__Graph"
            ):
                for value in definition.values or ():
                    args = _directive_args(value.directives, "join__graph")
                    if args:
                        self.subgraphs[value.name.value] = Subgraph(
                            value.name.value, args[0]["name"], args[0]["url"]
                        )
        if not self.subgraphs:
            raise SupergraphError("no join__Graph enum: is this a supergraph?")
        for definition in document.definitions:
            if isinstance(definition, TypeDefinitionNode | TypeExtensionNode):
                self._read_type(definition)

    def _read_type(self, definition: Any) -> None:
        name = definition.name.value
        info = self.types[name]
        for args in _directive_args(definition.directives, "join__type"):
            graph = args["graph"]
            info.graphs.add(graph)
            if args.get("key"):
                info.keys.append(
                    Key(
                        graph,
                        parse_field_set(args["key"]),
                        args["key"],
                        args.get("resolvable", True),
                    )
                )
            if args.get("isInterfaceObject"):
                info.interface_object_in.add(graph)
        for args in _directive_args(definition.directives, "join__implements"):
            info.implements[args["graph"]].add(args["interface"])
        for args in _directive_args(definition.directives, "join__unionMember"):
            info.union_members[args["graph"]].add(args["member"])
        for field_node in getattr(definition, "fields", None) or ():
            sources = [
                FieldSource(
                    graph=args.get("graph") or "",
                    requires=parse_field_set(args["requires"]) if args.get("requires") else None,
                    provides=parse_field_set(args["provides"]) if args.get("provides") else None,
                    external=bool(args.get("external")),
                    used_overridden=bool(args.get("usedOverridden")),
                    type=args.get("type"),
                )
                for args in _directive_args(field_node.directives, "join__field")
            ]
            if sources:
                self.fields[(name, field_node.name.value)] = sources

    def graph_name(self, enum_value: str) -> str:
        """Return a subgraph's name from its `join__Graph` value."""
        return self.subgraphs[enum_value].name

    def field_sources(self, type_name: str, field_name: str) -> list[FieldSource]:
        """Every subgraph that declares the field; a field without `@join__field` is in all."""
        declared = self.fields.get((type_name, field_name))
        if declared is None:
            return [FieldSource(graph) for graph in sorted(self.types[type_name].graphs)]
        # A bare `@join__field` (no graph) marks a field no subgraph resolves on this type,
        # such as one an @interfaceObject adds to an interface's implementations.
        return [source for source in declared if source.graph]

    def resolving_graphs(self, type_name: str, field_name: str) -> list[FieldSource]:
        """The subgraphs that can resolve the field on their own (not external, not overridden)."""
        return [
            source
            for source in self.field_sources(type_name, field_name)
            if not source.external and not source.used_overridden
        ]

    def resolvable_keys(self, type_name: str, graph: str) -> list[Key]:
        """The keys by which `graph` can resolve entities of the type."""
        return [key for key in self.types[type_name].keys if key.graph == graph and key.resolvable]

    def keys_in(self, type_name: str, graph: str) -> list[Key]:
        """Every key the type declares in `graph`, resolvable or not."""
        return [key for key in self.types[type_name].keys if key.graph == graph]

    def possible_types_in(self, abstract: str, graph: str) -> set[str]:
        """The object types a subgraph knows as implementations or members of `abstract`."""
        info = self.types[abstract]
        if info.union_members:
            return set(info.union_members.get(graph, ()))
        return {
            name
            for name, other in self.types.items()
            if abstract in other.implements.get(graph, ()) and graph in other.graphs
        }


def _directive_args(directives: Any, name: str) -> list[dict[str, Any]]:
    return [
        {arg.name.value: value_from_ast_untyped(arg.value) for arg in directive.arguments or ()}
        for directive in directives or ()
        if isinstance(directive, DirectiveNode) and directive.name.value == name
    ]
