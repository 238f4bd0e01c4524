"""Scopes: which records an allow covers, and how a caller tests or filters records by it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from authz.actor import Actor


class Scope(StrEnum):
    """How far an allow reaches, widest first; NONE means denied."""

    ALL = "ALL"
    REGION = "REGION"
    UNIT = "UNIT"
    SELF = "SELF"
    NONE = "NONE"


# Widest first: the order decide() tries them in.
GRANTABLE: tuple[Scope, ...] = (Scope.ALL, Scope.REGION, Scope.UNIT, Scope.SELF)

# The scopes a scope contains (itself included); a deny row at one of them withdraws this one.
CONTAINED: dict[Scope, frozenset[str]] = {
    Scope.ALL: frozenset({"ALL", "REGION", "UNIT", "SELF"}),
    Scope.REGION: frozenset({"REGION", "UNIT"}),
    Scope.UNIT: frozenset({"UNIT"}),
    Scope.SELF: frozenset({"SELF"}),
}


def region_prefix(code: str) -> str:
    """Return the GB/T 2260 prefix a region code covers: 350400 covers 3504xx, 350424 itself."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


def applicable(actor: Actor, scope: Scope) -> bool:
    """Whether the actor has the attribute the scope is measured against."""
    if scope is Scope.REGION:
        return bool(actor.region)
    if scope is Scope.UNIT:
        return bool(actor.unit)
    if scope is Scope.SELF:
        return bool(actor.data_subjects)
    return scope is Scope.ALL


@dataclass(frozen=True, kw_only=True)
class Jurisdiction:
    """The record filter of one decision: what the kit turns into a SQL WHERE clause."""

    scope: Scope
    region_prefix: str | None = None
    unit: str | None = None
    data_subjects: tuple[str, ...] = ()

    @classmethod
    def of(cls, actor: Actor, scope: Scope) -> Jurisdiction:
        """Return the jurisdiction a scope gives this actor (NONE when it lacks the attribute)."""
        if scope is not Scope.NONE and not applicable(actor, scope):
            return cls(scope=Scope.NONE)
        if scope is Scope.REGION and actor.region:
            return cls(scope=scope, region_prefix=region_prefix(actor.region))
        if scope is Scope.UNIT:
            return cls(scope=scope, unit=actor.unit)
        if scope is Scope.SELF:
            return cls(scope=scope, data_subjects=actor.data_subjects)
        return cls(scope=scope)

    def covers(
        self,
        *,
        region: str | None = None,
        unit: str | None = None,
        data_subject: str | None = None,
    ) -> bool:
        """Whether one record, by its region code, unit and data subject, lies inside."""
        if self.scope is Scope.ALL:
            return True
        if self.scope is Scope.REGION:
            return (
                region is not None
                and self.region_prefix is not None
                and (region.startswith(self.region_prefix))
            )
        if self.scope is Scope.UNIT:
            return unit is not None and unit == self.unit
        if self.scope is Scope.SELF:
            return data_subject is not None and data_subject in self.data_subjects
        return False
