"""Type references (`[Int!]!`) and the subtyping rules composition merges field types with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graphql import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode

# (union or interface name, member or implementer name) -> is it a member/implementer?
MembershipTest = Callable[[str, str], bool]


@dataclass(frozen=True)
class TypeRef:
    """A type reference; `kind` is "list", "non_null" or the named type's kind."""

    kind: str
    name: str = ""
    of: TypeRef | None = None

    def __str__(self) -> str:
        if self.kind == "list":
            return f"[{self.inner}]"
        if self.kind == "non_null":
            return f"{self.inner}!"
        return self.name

    @property
    def inner(self) -> TypeRef:
        """The wrapped type of a list or non-null reference."""
        assert self.of is not None, f"{self} wraps nothing"
        return self.of

    @property
    def base(self) -> TypeRef:
        """The named type at the bottom of the wrappers."""
        return self if self.of is None else self.of.base

    @property
    def base_name(self) -> str:
        """The name of the named type at the bottom of the wrappers."""
        return self.base.name

    @property
    def is_non_null(self) -> bool:
        """True for `T!`."""
        return self.kind == "non_null"


def type_ref_from_ast(node: TypeNode, kind_of: Callable[[str], str]) -> TypeRef:
    """Convert a type AST node, resolving each named type's kind with `kind_of`."""
    if isinstance(node, NonNullTypeNode):
        return TypeRef("non_null", of=type_ref_from_ast(node.type, kind_of))
    if isinstance(node, ListTypeNode):
        return TypeRef("list", of=type_ref_from_ast(node.type, kind_of))
    assert isinstance(node, NamedTypeNode)
    return TypeRef(kind_of(node.name.value), node.name.value)


def renamed(ref: TypeRef, renames: dict[str, str]) -> TypeRef:
    """Rename the named type at the bottom of `ref` per `renames`."""
    if ref.of is not None:
        return TypeRef(ref.kind, of=renamed(ref.of, renames))
    return TypeRef(ref.kind, renames.get(ref.name, ref.name))


def same_type(a: TypeRef, b: TypeRef) -> bool:
    """True when both references spell the same type."""
    return str(a) == str(b)


def is_subtype(sup: TypeRef, sub: TypeRef, is_member: MembershipTest) -> bool:
    """True when `sub` is `sup` or a strict subtype of it."""
    return same_type(sup, sub) or is_strict_subtype(sup, sub, is_member)


def is_strict_subtype(sup: TypeRef, sub: TypeRef, is_member: MembershipTest) -> bool:
    """Apollo's default subtyping rules: direct, non-null downgrade, list/non-null propagation."""
    if sub.kind == "list":
        return sup.kind == "list" and is_subtype(sup.inner, sub.inner, is_member)
    if sub.kind == "non_null":
        if sup.kind == "non_null":
            return is_subtype(sup.inner, sub.inner, is_member)
        return is_subtype(sup, sub.inner, is_member)
    if sub.kind == "OBJECT" and sup.kind == "UNION":
        return is_member(sup.name, sub.name)
    if sub.kind in ("OBJECT", "INTERFACE") and sup.kind == "INTERFACE":
        return is_member(sup.name, sub.name)
    return False
