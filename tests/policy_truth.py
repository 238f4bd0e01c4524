"""The casbin truth table every agency's policies.csv follows, for its tests to parametrize.

Rows: who asks (the agency's own staff, its supervisor, another agency's staff, the online
service hall's system, a citizen, an auditor) and for which purpose; columns: the field
classes read, then WRITE. A cell is the scope the decision grants (NONE: refused). Non-citizens
declare a case throughout, so only the policies (not the missing-case rule) decide.

WRITE (executing an approved application) is granted to the hall's system alone, for a
service application, on the types the agency executes on; everyone else is refused it, even
where a `*` line grants them every field class they read.
"""

from __future__ import annotations

from typing import Any

import pytest

from authz.actor import Actor, ActorKind
from authz.enforcer import PolicyEnforcer
from authz.fields import FieldClass
from authz.scope import Scope

CLASSES = (
    FieldClass.PUBLIC,
    FieldClass.BASIC,
    FieldClass.CONTACT,
    FieldClass.FAMILY,
    FieldClass.SENSITIVE,
)
PURPOSES = ("HOUSEHOLD_ADMINISTRATION", "SERVICE_APPLICATION", "CASE_INVESTIGATION")
A, R, S, N = Scope.ALL, Scope.REGION, Scope.SELF, Scope.NONE

#                                   PUBLIC BASIC CONTACT FAMILY SENSITIVE
OWN_STAFF = {
    "HOUSEHOLD_ADMINISTRATION": (A, R, R, R, N),
    "SERVICE_APPLICATION": (A, R, R, R, N),
    "CASE_INVESTIGATION": (A, R, R, R, R),
}
OTHER_STAFF = {
    "HOUSEHOLD_ADMINISTRATION": (A, N, N, N, N),
    "SERVICE_APPLICATION": (A, R, N, N, N),
    "CASE_INVESTIGATION": (A, N, N, N, N),
}
CITIZEN = {purpose: (A, S, S, S, S) for purpose in PURPOSES}
AUDITOR = {purpose: (A, N, N, N, N) for purpose in PURPOSES}
# The hall's system reads, for a service application, what verification needs: per agency.
HALL_READS_ALL = (A, A, A, A, A)
HALL_READS_BASIC_AND_FAMILY = (A, A, N, A, N)
HALL_READS_BASIC = (A, A, N, N, N)
# The hall's system writes (for a service application) where the agency executes its changes.
HALL_WRITES, NO_WRITES = A, N


HALL_WRITE_CELL = ("hall system", "SERVICE_APPLICATION")


def hall(service_application: tuple[Scope, ...]) -> dict[str, tuple[Scope, ...]]:
    """The hall's row: `service_application` for that purpose, public data otherwise."""
    return {
        "HOUSEHOLD_ADMINISTRATION": (A, N, N, N, N),
        "SERVICE_APPLICATION": service_application,
        "CASE_INVESTIGATION": (A, N, N, N, N),
    }


def actors(agency: str, purpose: str) -> dict[str, Actor]:
    """The askers of the table, for `agency`'s policies, declaring `purpose`."""
    other = "tax" if agency != "tax" else "police"
    common: dict[str, Any] = {"region": "350424", "purpose": purpose, "case": "AJ-2026-0001"}
    return {
        "own staff": Actor(subject="s1", kind=ActorKind.STAFF, agency=agency, **common),
        "own supervisor": Actor(subject="s2", kind=ActorKind.SUPERVISOR, agency=agency, **common),
        "other staff": Actor(subject="s3", kind=ActorKind.STAFF, agency=other, **common),
        "hall system": Actor(subject="hall-system", kind=ActorKind.SYSTEM, agency="hall", **common),
        "citizen": Actor(subject="350424201704150001", kind=ActorKind.CITIZEN),
        "auditor": Actor(
            subject="a1", kind=ActorKind.AUDITOR, purpose=purpose, case="AJ-2026-0001"
        ),
    }


def truth_table(
    agency: str, hall_reads: tuple[Scope, ...], hall_writes: Scope = NO_WRITES
) -> list[Any]:
    """Every (asker, purpose, field class) of the table, with the scope expected."""
    rows = {
        "own staff": OWN_STAFF,
        "own supervisor": OWN_STAFF,
        "other staff": OTHER_STAFF,
        "hall system": hall(hall_reads),
        "citizen": CITIZEN,
        "auditor": AUDITOR,
    }
    cases = []
    for purpose in PURPOSES:
        askers = actors(agency, purpose)
        for name, row in rows.items():
            for field_class, expected in zip(CLASSES, row[purpose], strict=True):
                cases.append(
                    pytest.param(
                        askers[name],
                        field_class,
                        expected,
                        id=f"{name}-{purpose}-{field_class.value}",
                    )
                )
    return cases + write_cases(agency, hall_writes)


def write_cases(agency: str, hall_writes: Scope = NO_WRITES) -> list[Any]:
    """Every (asker, purpose) asking for WRITE: `hall_writes` for the hall's cell, else NONE."""
    cases = []
    for purpose in PURPOSES:
        for name, asker in actors(agency, purpose).items():
            expected = hall_writes if (name, purpose) == HALL_WRITE_CELL else N
            cases.append(
                pytest.param(asker, FieldClass.WRITE, expected, id=f"{name}-{purpose}-WRITE")
            )
    return cases


def scope_granted(
    enforcer: PolicyEnforcer, actor: Actor, type_name: str, field_class: FieldClass
) -> Scope:
    """The scope the agency's policies grant (NONE when refused)."""
    decision = enforcer.decide(actor, type_name=type_name, field_class=field_class)
    return decision.scope if decision.allowed else Scope.NONE
