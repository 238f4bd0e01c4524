"""The hall's policies as a truth table: who reads and writes applications, urgings, fees.

Rows: who asks, declaring a purpose (and a case); columns: the field classes of the type,
then WRITE. A cell is the scope granted (NONE: refused). Applications are decided at the
accepting unit (UNIT), supervised across a region (REGION), the citizen's own (SELF).
"""

from __future__ import annotations

from typing import Any

import pytest

from authz.actor import Actor, ActorKind
from authz.enforcer import PolicyEnforcer
from authz.fields import FieldClass
from authz.scope import Scope
from tests.policy_truth import scope_granted
from tongban.agencies import hall_definition

A, R, U, S, N = Scope.ALL, Scope.REGION, Scope.UNIT, Scope.SELF, Scope.NONE
CLASSES = (
    FieldClass.PUBLIC,
    FieldClass.BASIC,
    FieldClass.CONTACT,
    FieldClass.FAMILY,
    FieldClass.SENSITIVE,
    FieldClass.WRITE,
)
COMMON: dict[str, Any] = {"region": "350400", "unit": "MZ350400", "case": "SQ2026112700000001"}


def _askers(purpose: str) -> dict[str, Actor]:
    return {
        "staff": Actor(
            subject="s1", kind=ActorKind.STAFF, agency="ethnic_affairs", purpose=purpose, **COMMON
        ),
        "supervisor": Actor(
            subject="s2",
            kind=ActorKind.SUPERVISOR,
            agency="ethnic_affairs",
            purpose=purpose,
            **COMMON,
        ),
        "hall system": Actor(
            subject="hall-system",
            kind=ActorKind.SYSTEM,
            agency="hall",
            purpose=purpose,
            case=COMMON["case"],
        ),
        "citizen": Actor(subject="350424201704150001", kind=ActorKind.CITIZEN),
        "auditor": Actor(
            subject="a1", kind=ActorKind.AUDITOR, purpose=purpose, case=COMMON["case"]
        ),
    }


#                         PUBLIC BASIC CONTACT FAMILY SENSITIVE WRITE
TABLE: dict[tuple[str, str, str], tuple[Scope, ...]] = {
    ("Application", "staff", "SERVICE_APPLICATION"): (A, U, N, U, N, U),
    ("Application", "staff", "HOUSEHOLD_ADMINISTRATION"): (A, N, N, N, N, N),
    ("Application", "supervisor", "SERVICE_APPLICATION"): (A, R, N, U, N, U),
    ("Application", "hall system", "SERVICE_APPLICATION"): (A, A, A, A, A, A),
    ("Application", "hall system", "HOUSEHOLD_ADMINISTRATION"): (A, N, N, N, N, N),
    ("Application", "citizen", ""): (A, S, N, S, N, S),
    ("Application", "auditor", "AUDIT"): (A, N, N, N, N, N),
    ("Urging", "staff", "SERVICE_APPLICATION"): (A, N, N, N, N, N),
    ("Urging", "supervisor", "SERVICE_APPLICATION"): (A, R, N, N, N, R),
    ("Urging", "citizen", ""): (A, N, N, N, N, N),
    ("FeeOrder", "citizen", ""): (A, S, N, N, N, S),
    ("FeeOrder", "staff", "SERVICE_APPLICATION"): (A, U, N, N, N, N),
    ("Shipment", "staff", "SERVICE_APPLICATION"): (A, U, U, N, N, N),
    ("Shipment", "auditor", "AUDIT"): (A, N, N, N, N, N),
    ("HallStatistics", "auditor", "AUDIT"): (A, A, N, N, N, N),
    ("HallStatistics", "auditor", "SERVICE_APPLICATION"): (A, N, N, N, N, N),
    ("HallStatistics", "staff", "SERVICE_APPLICATION"): (A, N, N, N, N, N),
}


def _cases() -> list[Any]:
    cases = []
    for (type_name, asker, purpose), row in TABLE.items():
        actor = _askers(purpose or "SERVICE_APPLICATION")[asker]
        for field_class, expected in zip(CLASSES, row, strict=True):
            cases.append(
                pytest.param(
                    type_name,
                    actor,
                    field_class,
                    expected,
                    id=f"{type_name}-{asker}-{purpose or 'none'}-{field_class.value}",
                )
            )
    return cases


@pytest.fixture(scope="module")
def enforcer() -> PolicyEnforcer:
    """The enforcer of the hall's own policies.csv."""
    policies = hall_definition().policies
    assert policies is not None
    return PolicyEnforcer.from_file(policies, agency="hall")


@pytest.mark.parametrize(("type_name", "actor", "field_class", "expected"), _cases())
def test_the_hall_policies_follow_the_truth_table(
    enforcer: PolicyEnforcer,
    type_name: str,
    actor: Actor,
    field_class: FieldClass,
    expected: Scope,
) -> None:
    # given an asker (declaring a purpose and a case), when it asks for a field class of a
    # hall record, then the policies grant the scope of the table (NONE: refused)
    assert scope_granted(enforcer, actor, type_name, field_class) == expected
