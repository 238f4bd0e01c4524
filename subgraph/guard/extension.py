"""The Strawberry field extension `Guard`, and the compiling of a type's declarations.

`rules_of` lives here, beside `Guard`, because it reads the field classes off the fields'
`Guard` extensions, while `Guard` in turn needs its type's compiled rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.types import Info
from strawberry.types.base import StrawberryOptional, has_object_definition
from strawberry.types.field import StrawberryField

from authz.fields import FieldClass
from subgraph.guard.declarations import (
    GUARDED_ATTRIBUTE,
    PERSONAL_ORDER,
    PUBLIC,
    Attr,
    AttrSpec,
    Forbidden,
    Guarded,
    Record,
    TypeRules,
)
from subgraph.guard.notes import ALLOW, DENY
from subgraph.guard.request import GuardRegistry, RequestGuard, request_guard


def _attr(spec: AttrSpec | None) -> Attr | None:
    if spec is None or isinstance(spec, Attr):
        return spec
    return Attr(spec)


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
        if self.field_class.named_only:
            raise TypeError(f"{self.field_class} is declared on mutations, with Permit")
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
        adopt_results(info, result, record)
        return result

    async def resolve_async(
        self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        """Resolve an async field once the actor may read it."""
        record = self._authorize(source, info)
        result = await next_(source, info, **kwargs)
        adopt_results(info, result, record)
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


def adopt_results(info: Info, result: Any, record: Record | None) -> None:
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


def registry_of(types: Iterable[type]) -> GuardRegistry:
    """Compile the rules of every guarded type among `types`."""
    return GuardRegistry(rules for cls in types if (rules := rules_of(cls)) is not None)
