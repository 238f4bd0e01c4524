"""Field rules declared on Strawberry types and applied by the kit, never inside resolvers.

An agency declares, per Strawberry type, which attributes of an object carry the record's region
code, owning unit and data subject(s) (`Guarded`), and per field the class of data it holds
(`Guard`, a Strawberry field extension):

    @Guarded(model=models.Person, region="region_code", subject="id_number")
    @strawberry.federation.type(keys=["idNumber"], description="A person.")
    class Person:
        id_number: str = strawberry.field(description="...", extensions=[Guard(PUBLIC)])
        name: str = strawberry.field(description="...", extensions=[Guard(BASIC)])

        @strawberry.field(description="...", extensions=[Guard(SENSITIVE)])
        async def id_cards(self, info: Info) -> list[IdCard]: ...

What the kit does with the declarations:

- Before a field resolves, it asks the request's DecisionCache once per (type, field class)
  and checks the record against the decision's jurisdiction (region, unit, data subjects). A
  refused field is null with a `FORBIDDEN` error naming `Type.field`; its siblings still
  arrive. Since a refusal nulls the field, every field but a `PUBLIC` one is nullable in the
  schema (the kit widens its type). `PUBLIC` is for keys and codes (the gateway joins on
  them) and reference data.
- Lists are filtered in SQL: `load_list` (for a model a `Guarded` type names) and services
  called with `call_service(..., listing=Type)` get the actor's jurisdiction as a WHERE
  clause (`where_clause`), so records outside it are never loaded.
- Every allowed or refused read of a personal field is noted for the audit (subgraph/audit.py),
  which the view writes before the answer leaves.

A value type only reachable through a guarded field of another record (an ID card of a
person) declares `Guarded(part_of="Person")`: its fields are decided as the owner's type and
checked against the owner's record, which the kit remembers when the owner's field returns it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from graphql import GraphQLError
from sqlalchemy import ColumnElement, false, or_
from strawberry.extensions import FieldExtension
from strawberry.types import Info
from strawberry.types.base import StrawberryOptional, has_object_definition
from strawberry.types.field import StrawberryField

from authz.actor import Actor
from authz.cache import DecisionCache
from authz.enforcer import Decision
from authz.fields import FieldClass
from authz.scope import Jurisdiction, Scope
from subgraph.audit import AccessRecord
from subgraph.idnumber import region_code_of

PUBLIC: Final = FieldClass.PUBLIC
BASIC: Final = FieldClass.BASIC
CONTACT: Final = FieldClass.CONTACT
FAMILY: Final = FieldClass.FAMILY
SENSITIVE: Final = FieldClass.SENSITIVE

# From the least to the most protected personal class: a type is listed under its least one.
PERSONAL_ORDER = (BASIC, CONTACT, FAMILY, SENSITIVE)
GUARDED_ATTRIBUTE = "__tongban_guarded__"
ALLOW, DENY = "ALLOW", "DENY"

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


def _attr(spec: AttrSpec | None) -> Attr | None:
    if spec is None or isinstance(spec, Attr):
        return spec
    return Attr(spec)


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


def where_clause(
    jurisdiction: Jurisdiction,
    *,
    region: Any = None,
    unit: Any = None,
    subjects: Sequence[Any] = (),
) -> ColumnElement[bool] | None:
    """Turn a jurisdiction into a WHERE clause over the given columns; None means no filter.

    ALL: no filter; REGION: the region column starts with the actor's region prefix; UNIT:
    the unit column is the actor's unit; SELF: a data-subject column holds the actor or a
    ward; NONE, or a scope the columns cannot express: false.
    """
    scope = jurisdiction.scope
    if scope is Scope.ALL:
        return None
    if scope is Scope.REGION and region is not None and jurisdiction.region_prefix:
        # A region prefix is digits only: nothing to escape in the LIKE pattern.
        clause: ColumnElement[bool] = region.like(jurisdiction.region_prefix + "%")
        return clause
    if scope is Scope.UNIT and unit is not None and jurisdiction.unit:
        clause = unit == jurisdiction.unit
        return clause
    if scope is Scope.SELF and subjects and jurisdiction.data_subjects:
        wanted = list(jurisdiction.data_subjects)
        return or_(*(column.in_(wanted) for column in subjects))
    return false()


def rules_of(cls: type) -> TypeRules | None:
    """Return the compiled rules of a Strawberry type, or None if it declares none."""
    compiled: TypeRules | None = cls.__dict__.get("__tongban_rules__")
    if compiled is not None:
        return compiled
    declared: Guarded | None = cls.__dict__.get(GUARDED_ATTRIBUTE)
    if declared is None or not has_object_definition(cls):
        return None
    definition = cls.__strawberry_definition__
    classes: dict[str, FieldClass] = {}
    for strawberry_field in definition.fields:
        guard = guard_of(strawberry_field)
        if guard is not None:
            classes[strawberry_field.python_name] = guard.field_class
    owner = declared.part_of
    if owner is not None and (declared.region or declared.unit or declared.subject):
        raise TypeError(f"{definition.name} is part of {owner}: its record is the owner's")
    subjects = declared.subject
    if subjects is None:
        subject_specs: tuple[AttrSpec, ...] = ()
    elif isinstance(subjects, tuple):
        subject_specs = subjects
    else:
        subject_specs = (subjects,)
    personal = [c for c in PERSONAL_ORDER if c in set(classes.values())]
    compiled = TypeRules(
        cls=cls,
        graphql_name=definition.name,
        type_name=owner or declared.type_name or definition.name,
        region=_attr(declared.region),
        unit=_attr(declared.unit),
        subjects=tuple(a for spec in subject_specs if (a := _attr(spec)) is not None),
        model=declared.model,
        owner=owner,
        list_class=declared.list_class or (personal[0] if personal else PUBLIC),
        field_classes=classes,
    )
    setattr(cls, "__tongban_rules__", compiled)  # noqa: B010
    return compiled


def guard_of(strawberry_field: StrawberryField) -> Guard | None:
    """Return the Guard extension of a field, if it has one."""
    for extension in strawberry_field.extensions:
        if isinstance(extension, Guard):
            return extension
    return None


class Guard(FieldExtension):
    """The field-level declaration: this field holds data of `field_class`.

    Applied by the kit: the field is decided and checked before it resolves, noted for the
    audit, and (unless PUBLIC) made nullable in the schema so a refusal nulls only itself.
    """

    def __init__(self, field_class: FieldClass) -> None:
        self.field_class = FieldClass(field_class)
        self.field: StrawberryField | None = None

    def apply(self, field: StrawberryField) -> None:
        """Remember the field; widen a non-PUBLIC field's type to nullable."""
        self.field = field
        if self.field_class is not PUBLIC and not isinstance(field.type, StrawberryOptional):
            field.type = StrawberryOptional(field.type)

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        """Resolve a sync field once the actor may read it."""
        record = self._authorize(source, info)
        result = next_(source, info, **kwargs)
        _adopt(info, result, record)
        return result

    async def resolve_async(
        self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        """Resolve an async field once the actor may read it."""
        record = self._authorize(source, info)
        result = await next_(source, info, **kwargs)
        _adopt(info, result, record)
        return result

    def _authorize(self, source: Any, info: Info) -> Record | None:
        rules = self._rules()
        guard = request_guard(info)
        record = guard.record_of(rules, source)
        if self.field_class is PUBLIC:
            if record is not None and guard.allows(record, PUBLIC):
                return record
            raise Forbidden(rules.graphql_name, info.field_name)
        label = (
            info.field_name if rules.owner is None else f"{rules.graphql_name}.{info.field_name}"
        )
        if record is not None and guard.allows(record, self.field_class):
            guard.access.note(record, ALLOW, label)
            return record
        if record is not None:
            guard.access.note(record, DENY, label)
        raise Forbidden(rules.graphql_name, info.field_name)

    def _rules(self) -> TypeRules:
        origin = self.field.origin if self.field is not None else None
        rules = rules_of(origin) if isinstance(origin, type) else None
        if rules is None:
            name = getattr(origin, "__name__", "?")
            raise TypeError(f"{name} has guarded fields but no @Guarded declaration")
        return rules


def _adopt(info: Info, result: Any, record: Record | None) -> None:
    """Remember the owner record of value types (declared `part_of`) a field returned."""
    if record is None or result is None:
        return
    items: Iterable[Any] = result if isinstance(result, list) else (result,)
    guard: RequestGuard | None = None
    for item in items:
        rules = rules_of(type(item))
        if rules is not None and rules.owner is not None:
            guard = guard or request_guard(info)
            guard.adopt(item, record)


class AccessNotes:
    """The personal fields one request read or was refused, per type and decision."""

    def __init__(self) -> None:
        self._notes: dict[tuple[str, str], tuple[set[str], set[str]]] = {}

    def __bool__(self) -> bool:
        return bool(self._notes)

    def note(self, record: Record, decision: str, label: str) -> None:
        """Note one field of one record as allowed or refused."""
        subjects, fields = self._notes.setdefault((record.type_name, decision), (set(), set()))
        subjects.update(record.subjects)
        fields.add(label)

    def records(
        self, *, actor: Actor, subgraph: str, time: Any, request_id: str | None
    ) -> list[AccessRecord]:
        """Return one access record per type and decision, subjects and fields sorted."""
        return [
            AccessRecord(
                time=time,
                actor=actor.subject,
                actor_kind=actor.kind.value,
                agency=actor.agency,
                unit=actor.unit,
                subgraph=subgraph,
                data_subjects=tuple(sorted(subjects)),
                type_name=type_name,
                fields=tuple(sorted(fields)),
                purpose=actor.purpose,
                case=actor.case,
                decision=decision,
                request_id=request_id,
            )
            for (type_name, decision), (subjects, fields) in sorted(self._notes.items())
        ]


class GuardRegistry:
    """The guarded types of one schema, and which of them each SQLAlchemy model lists."""

    def __init__(self, rules: Iterable[TypeRules]) -> None:
        self.rules = tuple(rules)
        self._by_model: dict[type, TypeRules] = {}
        for type_rules in self.rules:
            if type_rules.model is not None and type_rules.owner is None:
                if type_rules.model in self._by_model:
                    other = self._by_model[type_rules.model].graphql_name
                    raise TypeError(
                        f"{type_rules.graphql_name} and {other} both list {type_rules.model}"
                    )
                self._by_model[type_rules.model] = type_rules

    def for_model(self, model: type) -> TypeRules | None:
        """Return the rules of the type listed from `model`, if one is."""
        return self._by_model.get(model)


@dataclass(kw_only=True)
class RequestGuard:
    """One request's actor, decisions, audit notes and owners of value types."""

    actor: Actor
    decisions: DecisionCache
    registry: GuardRegistry
    access: AccessNotes = field(default_factory=AccessNotes)
    _jurisdictions: dict[Scope, Jurisdiction] = field(default_factory=dict)
    _owners: dict[int, tuple[object, Record]] = field(default_factory=dict)

    def decide(self, type_name: str, field_class: FieldClass) -> Decision:
        """Return the (cached) decision for a type and field class."""
        return self.decisions.decide(self.actor, type_name=type_name, field_class=field_class)

    def jurisdiction(self, scope: Scope) -> Jurisdiction:
        """Return the actor's jurisdiction under a scope."""
        found = self._jurisdictions.get(scope)
        if found is None:
            found = self._jurisdictions[scope] = Jurisdiction.of(self.actor, scope)
        return found

    def allows(self, record: Record, field_class: FieldClass) -> bool:
        """Whether the actor may read `field_class` fields of this record."""
        decision = self.decide(record.type_name, field_class)
        return decision.allowed and record.within(self.jurisdiction(decision.scope))

    def record_of(self, rules: TypeRules, source: object) -> Record | None:
        """Return the record a field of `source` belongs to (its owner's, for a value type)."""
        if rules.owner is None:
            return rules.record(source)
        owned = self._owners.get(id(source))
        return owned[1] if owned is not None and owned[0] is source else None

    def adopt(self, item: object, record: Record) -> None:
        """Remember that a value-type object belongs to `record`."""
        self._owners[id(item)] = (item, record)

    def listing_filter(
        self, rules: TypeRules, field_class: FieldClass | None = None, *, label: str | None = None
    ) -> ColumnElement[bool] | None:
        """Return the WHERE clause limiting a list of the type to the actor's jurisdiction.

        None means no limit. A list the actor may read nothing of is noted for the audit as
        refused under `label` (the list field), when given.
        """
        decision = self.decide(rules.type_name, field_class or rules.list_class)
        if not decision.allowed and label is not None:
            self.access.note(Record(type_name=rules.type_name), DENY, label)
        scope = decision.scope if decision.allowed else Scope.NONE
        region, unit, subjects = rules.columns()
        return where_clause(self.jurisdiction(scope), region=region, unit=unit, subjects=subjects)

    def filter_for_model(self, model: type) -> ColumnElement[bool] | None:
        """Return the WHERE clause for a list of `model` rows; None if no type lists them."""
        rules = self.registry.for_model(model)
        return None if rules is None else self.listing_filter(rules)


def request_guard(info: Info[Any, Any]) -> RequestGuard:
    """Return the request's guard from a resolver's `info`."""
    guard = getattr(info.context, "guard", None)
    if not isinstance(guard, RequestGuard):
        raise TypeError("guarded field resolved outside a tongban subgraph request")
    return guard


def registry_of(types: Iterable[type]) -> GuardRegistry:
    """Compile the rules of every guarded type among `types`."""
    return GuardRegistry(rules for cls in types if (rules := rules_of(cls)) is not None)
