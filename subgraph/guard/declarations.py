"""What agencies write on their Strawberry types: field classes, `Guarded`, `Attr` and records.

The declarations are read by the field extension (subgraph/guard/extension.py), which compiles
them into `TypeRules`; see the package docstring for what the kit does with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from graphql import GraphQLError

from authz.fields import FieldClass
from authz.scope import Jurisdiction
from subgraph.idnumber import region_code_of

PUBLIC: Final = FieldClass.PUBLIC
BASIC: Final = FieldClass.BASIC
CONTACT: Final = FieldClass.CONTACT
FAMILY: Final = FieldClass.FAMILY
SENSITIVE: Final = FieldClass.SENSITIVE
WRITE: Final = FieldClass.WRITE

# From the least to the most protected personal class: a type is listed under its least one.
PERSONAL_ORDER = (BASIC, CONTACT, FAMILY, SENSITIVE)
GUARDED_ATTRIBUTE = "__tongban_guarded__"

C = TypeVar("C", bound=type)


class Forbidden(GraphQLError):
    """A field the actor may not read, for this record (code `FORBIDDEN`)."""

    def __init__(self, type_name: str, field_name: str) -> None:
        super().__init__(
            f"not allowed to read {type_name}.{field_name}", extensions={"code": "FORBIDDEN"}
        )


@dataclass(frozen=True)
class Attr:
    """How to read one record attribute from an object and, for SQL filters, from a row.

    `read` is the object's attribute name or a function of the object; `column` is the SQL
    expression of the same value (by default the model's attribute of that name).
    """

    read: str | Callable[[Any], str | None]
    column: Any = None

    def value(self, obj: object) -> str | None:
        """Return the attribute of `obj` (None when unset)."""
        if callable(self.read):
            return self.read(obj)
        value: str | None = getattr(obj, self.read)
        return value

    def sql(self, model: type | None) -> Any:
        """Return the SQL expression of the attribute, or None when there is none."""
        if self.column is not None:
            return self.column
        if model is not None and isinstance(self.read, str):
            return getattr(model, self.read, None)
        return None


def id_number_region(attribute: str = "id_number") -> Attr:
    """The region of a person known only by ID number: its GB 11643 address code."""
    return Attr(lambda obj: region_code_of(getattr(obj, attribute)))


AttrSpec = str | Attr


@dataclass(frozen=True, kw_only=True)
class Guarded:
    """The type-level declaration: which attributes carry region, unit and data subjects.

    Use it as a class decorator above `@strawberry.type`. Each attribute is the name of an
    attribute of the object (and, by default, of the model's column) or an `Attr`. `model` is
    the SQLAlchemy model the type's rows come from (lists of it are filtered in SQL);
    `subject` may name several attributes (a marriage has two spouses); `part_of` (the
    owner's type name) makes a value type share the record of the guarded object whose field
    returned it; `list_class` is the field class a list of the type is filtered under (by
    default the least protected personal class among its fields); `type_name` overrides the
    GraphQL type name the policies use. A type without attributes is reference data: only
    scope ALL covers it.
    """

    region: AttrSpec | None = None
    unit: AttrSpec | None = None
    subject: AttrSpec | tuple[AttrSpec, ...] | None = None
    model: type | None = None
    part_of: str | None = None
    list_class: FieldClass | None = None
    type_name: str | None = None

    def __call__(self, cls: C) -> C:
        setattr(cls, GUARDED_ATTRIBUTE, self)
        return cls


@dataclass(frozen=True, kw_only=True)
class Record:
    """What the rules know of one record: its type, region, unit and data subjects."""

    type_name: str
    region: str | None = None
    unit: str | None = None
    subjects: tuple[str, ...] = ()

    def within(self, jurisdiction: Jurisdiction) -> bool:
        """Whether the record lies in the jurisdiction (for any of its data subjects)."""
        if not self.subjects:
            return jurisdiction.covers(region=self.region, unit=self.unit)
        return any(
            jurisdiction.covers(region=self.region, unit=self.unit, data_subject=subject)
            for subject in self.subjects
        )


@dataclass(frozen=True, kw_only=True)
class TypeRules:
    """A `Guarded` declaration compiled for one Strawberry type."""

    cls: type
    graphql_name: str
    type_name: str
    region: Attr | None
    unit: Attr | None
    subjects: tuple[Attr, ...]
    model: type | None
    owner: str | None
    list_class: FieldClass
    field_classes: dict[str, FieldClass]

    def record(self, obj: object) -> Record:
        """Read the record attributes of one object of the type."""
        subjects = tuple(value for attr in self.subjects if (value := attr.value(obj)) is not None)
        return Record(
            type_name=self.type_name,
            region=self.region.value(obj) if self.region else None,
            unit=self.unit.value(obj) if self.unit else None,
            subjects=subjects,
        )

    def columns(self) -> tuple[Any, Any, tuple[Any, ...]]:
        """The SQL expressions of region, unit and data subjects (None where unknown)."""
        region = self.region.sql(self.model) if self.region else None
        unit = self.unit.sql(self.model) if self.unit else None
        subjects = tuple(
            column for attr in self.subjects if (column := attr.sql(self.model)) is not None
        )
        return region, unit, subjects
