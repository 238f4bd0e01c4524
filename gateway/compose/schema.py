"""A subgraph schema as composition sees it: types, fields and the directives applied to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import BooleanValueNode, StringValueNode, ValueNode

from gateway.compose.links import FederationLink
from gateway.compose.typeref import TypeRef

STRING = TypeRef("SCALAR", "String")


@dataclass
class Applied:
    """A directive application; `spec` names the federation directive it is, if any."""

    name: str
    spec: str | None
    args: dict[str, ValueNode]
    source: int = 0  # 0: the type definition, n: the n-th extension of the type
    text: str = ""  # the application as written, e.g. `@key(fields: "id")`

    @property
    def of_extension(self) -> bool:
        """True when applied in a type extension."""
        return self.source > 0

    def string(self, argument: str) -> str | None:
        """The argument's value when it is a string."""
        value = self.args.get(argument)
        return value.value if isinstance(value, StringValueNode) else None

    def boolean(self, argument: str) -> bool | None:
        """The argument's value when it is a boolean literal."""
        value = self.args.get(argument)
        return value.value if isinstance(value, BooleanValueNode) else None


@dataclass
class Element:
    """Something directives apply to."""

    directives: list[Applied] = field(default_factory=list)
    description: str | None = None

    def applied(self, spec: str) -> list[Applied]:
        """The applications of a federation directive (by its spec name)."""
        return [d for d in self.directives if d.spec == spec]

    def has(self, spec: str) -> bool:
        """True when the federation directive is applied."""
        return any(d.spec == spec for d in self.directives)


@dataclass
class InputValue(Element):
    """An argument or input field."""

    name: str = ""
    type: TypeRef = STRING
    default: ValueNode | None = None
    coordinate: str = ""

    @property
    def is_required(self) -> bool:
        """Non-null and without default."""
        return self.type.is_non_null and self.default is None


@dataclass
class Field(Element):
    """A field of an object or interface type."""

    name: str = ""
    parent: str = ""
    type: TypeRef = STRING
    args: dict[str, InputValue] = field(default_factory=dict)
    source: int = 0  # 0: the type definition, n: the n-th extension of the type

    @property
    def coordinate(self) -> str:
        """`Type.field`."""
        return f"{self.parent}.{self.name}"


@dataclass
class EnumValue(Element):
    """A value of an enum type."""

    name: str = ""


@dataclass
class NamedType(Element):
    """A named type with its members: fields, interfaces, union members, values."""

    name: str = ""
    kind: str = "OBJECT"
    fields: dict[str, Field] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValue] = field(default_factory=dict)
    input_fields: dict[str, InputValue] = field(default_factory=dict)
    has_definition: bool = False
    has_extension: bool = False


@dataclass
class DirectiveDef:
    """A directive definition that is not a federation one."""

    name: str
    description: str | None
    args: dict[str, InputValue]
    repeatable: bool
    locations: list[str]


@dataclass
class Subgraph:
    """A parsed, named federation-2 subgraph."""

    name: str
    url: str
    link: FederationLink
    types: dict[str, NamedType] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    directive_defs: dict[str, DirectiveDef] = field(default_factory=dict)
    schema_directives: list[Applied] = field(default_factory=list)

    def type(self, name: str) -> NamedType | None:
        """The type named `name`, if the subgraph has it."""
        return self.types.get(name)

    def implementations(self, interface: str) -> list[NamedType]:
        """Object types of this subgraph implementing `interface`, directly or not."""
        return [t for t in self.types.values() if t.kind == "OBJECT" and interface in t.interfaces]

    def is_interface_object(self, named: NamedType) -> bool:
        """True for an object type marked `@interfaceObject`."""
        return named.kind == "OBJECT" and named.has("interfaceObject")
