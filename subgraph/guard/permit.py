"""The Strawberry field extension `Permit`: a mutation's write, authorized before it runs.

    @strawberry.mutation(
        description="...",
        extensions=[
            Permit(
                WRITE,
                type_name="Person",
                subject="id_number",
                region=id_number_region(),
                case="application",
            )
        ],
    )
    async def change_name(self, info: Info, application: str, id_number: str, ...) -> Payload:

Before the resolver runs, the kit builds the record the mutation writes from its arguments
(`subject`, `region` and `unit` name arguments, or are `Attr`s reading an object whose
attributes are the arguments), refuses a data subject that is not a citizen ID number
(`BAD_USER_INPUT`), asks the request's decision for (type, WRITE) and checks the record against
the actor's jurisdiction. With `case`, the named argument must also be the case the actor
declared (the hall declares the application it executes). A refusal raises `FORBIDDEN` and
the resolver does not run. Allowed and refused writes are noted for the audit under the
mutation's name, and written to the audit log before the answer leaves; since a change is
committed by then, an answer withheld because the audit write failed is retried by the
caller, which an idempotent mutation answers as a replay (and the audit then records).

A mutation that changes a record the arguments only name (decide application N) gives
`target`, an async function of (info, arguments) loading that record as an object of its
`Guarded` Strawberry type: its region, unit and subjects come from that type's declaration.
A target that does not exist is refused like one the actor may not write, so numbers cannot
be probed.

The payload the resolver returns belongs to the written record: payload types declare
`Guarded(part_of=<type_name>)`, so their fields are checked against it like a value type's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import FieldExtension
from strawberry.types import Info
from strawberry.types.base import StrawberryOptional, get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from authz.actor import Actor
from authz.fields import FieldClass
from subgraph.errors import BadUserInput
from subgraph.guard.declarations import Attr, AttrSpec, Record
from subgraph.guard.extension import adopt_results, rules_of
from subgraph.guard.notes import ALLOW, DENY
from subgraph.guard.request import request_guard
from subgraph.idnumber import is_valid_id_number

Target = Callable[[Info, dict[str, Any]], Awaitable[object | None]]


class WriteForbidden(GraphQLError):
    """A change the actor may not make, to this record (code `FORBIDDEN`)."""

    def __init__(self, type_name: str, field_name: str) -> None:
        super().__init__(
            f"not allowed to write {type_name} ({field_name})", extensions={"code": "FORBIDDEN"}
        )


def _attr(spec: AttrSpec) -> Attr:
    return spec if isinstance(spec, Attr) else Attr(spec)


class Permit(FieldExtension):
    """The mutation-level declaration: this field changes records of `type_name`.

    `field_class` is one only lines naming it grant (WRITE); `subject` may name several
    arguments (a newborn and the parents); an argument left null is no subject.
    """

    def __init__(
        self,
        field_class: FieldClass,
        *,
        type_name: str,
        subject: AttrSpec | tuple[AttrSpec, ...] = (),
        region: AttrSpec | None = None,
        unit: AttrSpec | None = None,
        case: str | None = None,
        target: Target | None = None,
    ) -> None:
        self.field_class = FieldClass(field_class)
        if not self.field_class.named_only:
            raise TypeError(f"a mutation writes: Permit(WRITE), not Permit({self.field_class})")
        self.type_name = type_name
        specs = subject if isinstance(subject, tuple) else (subject,)
        self.subjects = tuple(_attr(spec) for spec in specs)
        self.region = None if region is None else _attr(region)
        self.unit = None if unit is None else _attr(unit)
        self.case = case
        self.target = target
        if target is not None and (self.subjects or region is not None or unit is not None):
            raise TypeError("a Permit with a target reads the record from it, not the arguments")
        self.field: StrawberryField | None = None

    def apply(self, field: StrawberryField) -> None:
        """Check the named arguments exist; make the payload nullable (a refusal nulls it)."""
        self.field = field
        arguments = {argument.python_name for argument in field.arguments}
        named = [a.read for a in (*self.subjects, self.region, self.unit) if a is not None]
        named += [self.case] if self.case is not None else []
        if missing := [name for name in named if isinstance(name, str) and name not in arguments]:
            raise TypeError(f"{field.python_name} has no argument {', '.join(missing)}")
        if not isinstance(field.type, StrawberryOptional):
            field.type = StrawberryOptional(field.type)

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        """Run a sync mutation once the actor may make the change."""
        if self.target is not None:
            raise TypeError(f"{info.field_name}: a Permit with a target needs an async resolver")
        record = self._authorize(info, kwargs)
        result = next_(source, info, **kwargs)
        adopt_results(info, result, record)
        return result

    async def resolve_async(
        self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        """Run an async mutation once the actor may make the change."""
        loaded = None if self.target is None else await self._load(info, kwargs)
        record = self._authorize(info, kwargs, loaded)
        result = await next_(source, info, **kwargs)
        adopt_results(info, result, record)
        return result

    def record(self, arguments: dict[str, Any]) -> Record:
        """The record a call with these arguments writes; BadUserInput for a malformed subject."""
        values = SimpleNamespace(**arguments)
        subjects: list[str] = []
        for attr in self.subjects:
            value = attr.value(values)
            if value is None:
                continue
            if not isinstance(value, str) or not is_valid_id_number(value):
                what = (
                    f"`{to_camel_case(attr.read)}`" if isinstance(attr.read, str) else "a subject"
                )
                raise BadUserInput(f"{what} is not a valid 18-character citizen ID number")
            subjects.append(value)
        return Record(
            type_name=self.type_name,
            region=self.region.value(values) if self.region else None,
            unit=self.unit.value(values) if self.unit else None,
            subjects=tuple(subjects),
        )

    async def _load(self, info: Info, arguments: dict[str, Any]) -> Record:
        assert self.target is not None
        found = await self.target(info, arguments)
        rules = None if found is None else rules_of(type(found))
        if found is None or rules is None:
            request_guard(info).access.note(Record(type_name=self.type_name), DENY, info.field_name)
            raise WriteForbidden(self.type_name, info.field_name)
        return replace(rules.record(found), type_name=self.type_name)

    def _authorize(
        self, info: Info, arguments: dict[str, Any], loaded: Record | None = None
    ) -> Record:
        record = loaded or self.record(arguments)
        guard = request_guard(info)
        allowed = guard.allows(record, self.field_class) and self._for_declared_case(
            guard.actor, arguments
        )
        guard.access.note(record, ALLOW if allowed else DENY, info.field_name)
        if not allowed:
            raise WriteForbidden(self.type_name, info.field_name)
        return record

    def _for_declared_case(self, actor: Actor, arguments: dict[str, Any]) -> bool:
        return self.case is None or (actor.case is not None and arguments[self.case] == actor.case)


def permit_of(field: StrawberryField) -> Permit | None:
    """Return the Permit extension of a field, if it has one."""
    for extension in field.extensions:
        if isinstance(extension, Permit):
            return extension
    return None


def unpermitted_mutations(mutation: type) -> list[str]:
    """Return the names of a Mutation type's fields that declare no Permit (the kit refuses)."""
    definition = get_object_definition(mutation, strict=True)
    return [
        f"{definition.name}.{field.name}" for field in definition.fields if permit_of(field) is None
    ]
