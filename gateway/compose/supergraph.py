"""The supergraph being built: types, fields and directive applications, ready to print."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import ValueNode

from gateway.compose.typeref import TypeRef


@dataclass(frozen=True)
class EnumLiteral:
    """An enum value used as a directive argument (printed bare, e.g. `graph: A`)."""

    name: str


ArgValue = str | bool | EnumLiteral | ValueNode


@dataclass
class Directive:
    """A directive application, arguments in printing order."""

    name: str
    args: list[tuple[str, ArgValue]] = field(default_factory=list)


@dataclass
class SElement:
    """A supergraph element carrying a description and directives."""

    description: str | None = None
    directives: list[Directive] = field(default_factory=list)

    def has(self, name: str) -> bool:
        """True when a directive of that name is applied."""
        return any(d.name == name for d in self.directives)


@dataclass
class SInputValue(SElement):
    """An argument or input field of the supergraph."""

    name: str = ""
    type: TypeRef | None = None
    default: ValueNode | None = None
    coordinate: str = ""


@dataclass
class SField(SElement):
    """A field of a supergraph object or interface type."""

    name: str = ""
    parent: str = ""
    type: TypeRef | None = None
    args: dict[str, SInputValue] = field(default_factory=dict)

    @property
    def coordinate(self) -> str:
        """`Type.field`."""
        return f"{self.parent}.{self.name}"


@dataclass
class SEnumValue(SElement):
    """A value of a supergraph enum."""

    name: str = ""


@dataclass
class SType(SElement):
    """A named type of the supergraph."""

    name: str = ""
    kind: str = "OBJECT"
    fields: dict[str, SField] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, SEnumValue] = field(default_factory=dict)
    input_fields: dict[str, SInputValue] = field(default_factory=dict)


@dataclass
class SDirectiveDef(SElement):
    """An executable directive definition kept in the supergraph."""

    name: str = ""
    args: dict[str, SInputValue] = field(default_factory=dict)
    repeatable: bool = False
    locations: list[str] = field(default_factory=list)


@dataclass
class Graph:
    """A subgraph as the supergraph names it: `join__Graph` value, name, url."""

    enum_value: str
    name: str
    url: str


@dataclass
class Supergraph:
    """Everything the printer needs."""

    join_version: str = "v0.5"
    graphs: list[Graph] = field(default_factory=list)
    types: dict[str, SType] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    directive_defs: dict[str, SDirectiveDef] = field(default_factory=dict)
    uses_inaccessible: bool = False
    uses_tag: bool = False

    def implements(self, type_name: str, interface: str) -> bool:
        """True when the merged type implements the interface."""
        named = self.types.get(type_name)
        return named is not None and interface in named.interfaces

    def has_member(self, union: str, member: str) -> bool:
        """True when the merged union includes the member."""
        named = self.types.get(union)
        return named is not None and member in named.members

    def is_member(self, abstract: str, concrete: str) -> bool:
        """Union membership or interface implementation, for subtyping."""
        named = self.types.get(abstract)
        if named is None:
            return False
        return (
            self.has_member(abstract, concrete)
            if named.kind == "UNION"
            else self.implements(concrete, abstract)
        )
