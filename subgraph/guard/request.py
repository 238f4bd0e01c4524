"""The per-request machinery: a schema's guarded types and one request's guard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement
from strawberry.types import Info

from authz.actor import Actor
from authz.cache import DecisionCache
from authz.enforcer import Decision
from authz.fields import FieldClass
from authz.scope import Jurisdiction, Scope
from subgraph.guard.declarations import Record, TypeRules
from subgraph.guard.notes import DENY, AccessNotes
from subgraph.guard.sql import where_clause


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
