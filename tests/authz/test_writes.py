"""WRITE, the field class of changes: granted only by lines naming it, denied by any `*` deny."""

from __future__ import annotations

import dataclasses

from authz.actor import Actor, ActorKind
from authz.enforcer import PolicyEnforcer
from authz.scope import Scope

HALL = Actor(
    subject="hall-system",
    kind=ActorKind.SYSTEM,
    agency="hall",
    purpose="SERVICE_APPLICATION",
    case="YW-2026-0001",
)
CITIZEN = Actor(subject="350424199001010026", kind=ActorKind.CITIZEN)


def granted(policies: str, actor: Actor, field_class: str) -> tuple[Scope, bool, str]:
    """What the policies decide for the actor on the field class of Person, with the reason."""
    enforcer = PolicyEnforcer.from_text(policies, agency="police")
    decision = enforcer.decide(actor, type_name="Person", field_class=field_class)
    return decision.scope, decision.allowed, decision.reason


def test_a_star_allow_grants_reads_but_not_writes() -> None:
    # given a line granting the hall's system every field class with `*`
    policies = "p, SYSTEM@hall, *, *, *, ALL, allow"
    # when it asks to read basic fields and to write, then it may read only
    assert [granted(policies, HALL, fc) for fc in ("BASIC", "WRITE")] == [
        (Scope.ALL, True, "allowed by SYSTEM@hall, *, *, *, ALL, allow"),
        (Scope.NONE, False, "no rule allows it"),
    ]


def test_a_line_naming_write_grants_it() -> None:
    # given a line naming WRITE for the hall's system
    policies = "p, SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow"
    # when it asks to write persons, then it may, everywhere
    assert granted(policies, HALL, "WRITE") == (
        Scope.ALL,
        True,
        "allowed by SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow",
    )


def test_a_star_deny_covers_write() -> None:
    # given the hall's grant, and a deny of every field class to a suspended hall role
    policies = (
        "p, SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow\n"
        "p, role:suspended@hall, *, *, *, *, deny\n"
    )
    suspended = dataclasses.replace(HALL, roles=("suspended",))
    # when the suspended system asks to write, then the `*` deny refuses it
    assert granted(policies, suspended, "WRITE") == (
        Scope.NONE,
        False,
        "denied by role:suspended@hall, *, *, *, *, deny",
    )


def test_a_star_deny_at_a_scope_withdraws_write_at_that_scope_and_wider() -> None:
    # given a WRITE grant at ALL, and a `*` deny at REGION (which withdraws REGION and ALL)
    policies = (
        "p, SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow\n"
        "p, SYSTEM@hall, Person, *, *, REGION, deny\n"
    )
    # when the hall's system asks to write, then it is refused by the deny
    assert granted(policies, HALL, "WRITE") == (
        Scope.NONE,
        False,
        "denied by SYSTEM@hall, Person, *, *, REGION, deny",
    )


def test_writes_need_a_declared_case() -> None:
    # given the hall's grant, and the hall's system declaring no case (no application)
    policies = "p, SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow"
    no_case = dataclasses.replace(HALL, case=None)
    # when it asks to write, then it is refused before the policies are asked
    assert granted(policies, no_case, "WRITE") == (
        Scope.NONE,
        False,
        "changes need a declared case",
    )


def test_a_citizens_star_self_line_lets_them_read_but_never_write_their_records() -> None:
    # given the usual citizens' line
    policies = "p, CITIZEN, *, *, *, SELF, allow"
    # when a citizen asks to read sensitive fields and to write, then only the read is granted
    assert [granted(policies, CITIZEN, fc) for fc in ("SENSITIVE", "WRITE")] == [
        (Scope.SELF, True, "allowed by CITIZEN, *, *, *, SELF, allow"),
        (Scope.NONE, False, "no rule allows it"),
    ]
