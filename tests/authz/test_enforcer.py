"""The casbin truth table of the example police policies, and the rules enforced in code."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from authz.actor import Actor, ActorKind
from authz.enforcer import PolicyEnforcer, subject_tokens
from authz.scope import Jurisdiction, Scope

POLICIES = Path(__file__).with_name("policies.csv")
MOTHER_ID = "350424199001010026"
CHILD_ID = "350424201501010015"

READ_CLASSES = ("BASIC", "CONTACT", "FAMILY", "SENSITIVE")
FIELD_CLASSES = (*READ_CLASSES, "WRITE")
PURPOSES = ("HOUSEHOLD_ADMINISTRATION", "CASE_INVESTIGATION", "SERVICE_APPLICATION", "STATISTICS")


def staff(*roles: str, kind: ActorKind = ActorKind.STAFF, agency: str = "police") -> Actor:
    return Actor(
        subject=f"{agency}:{'+'.join(roles)}",
        kind=kind,
        agency=agency,
        unit="350424-cuijiang",
        roles=roles,
        region="350424",
        case="case-2026-0117",
        request_id="req-9",
    )


ACTORS = {
    "clerk": staff("household_clerk"),
    "investigator": staff("investigator"),
    "officer": staff("officer"),
    "trainee investigator": staff("investigator", "trainee"),
    "auxiliary": staff("auxiliary"),
    "supervisor": staff("station_chief", kind=ActorKind.SUPERVISOR),
    "civil affairs registrar": staff("registrar", agency="civil_affairs"),
    "hall system": Actor(
        subject="hall-system", kind=ActorKind.SYSTEM, agency="hall", case="YW-2026-0001"
    ),
    "citizen": Actor(subject=MOTHER_ID, kind=ActorKind.CITIZEN, guardian_of=(CHILD_ID,)),
    "auditor": Actor(subject="auditor-7", kind=ActorKind.AUDITOR, agency="audit", case="a-1"),
}

POLICE_STAFF = {
    ("BASIC", "HOUSEHOLD_ADMINISTRATION"): "REGION",
    ("CONTACT", "HOUSEHOLD_ADMINISTRATION"): "REGION",
    ("BASIC", "STATISTICS"): "ALL",
    ("CONTACT", "STATISTICS"): "ALL",
    ("FAMILY", "STATISTICS"): "ALL",
    ("BASIC", "SERVICE_APPLICATION"): "ALL",
}
# The scope each (actor, field class, purpose) gets; every combination not listed is NONE.
# The `*` lines of investigators, statistics and citizens grant the read classes, never WRITE.
ALLOWED: dict[str, dict[tuple[str, str], str]] = {
    "clerk": POLICE_STAFF,
    "investigator": POLICE_STAFF | {(fc, "CASE_INVESTIGATION"): "ALL" for fc in READ_CLASSES},
    "officer": POLICE_STAFF | {("SENSITIVE", "CASE_INVESTIGATION"): "UNIT"},
    "trainee investigator": POLICE_STAFF
    | {(fc, "CASE_INVESTIGATION"): "ALL" for fc in ("BASIC", "CONTACT", "FAMILY")},
    "auxiliary": {("BASIC", "HOUSEHOLD_ADMINISTRATION"): "UNIT"},
    "supervisor": POLICE_STAFF | {("SENSITIVE", "CASE_INVESTIGATION"): "UNIT"},
    "civil affairs registrar": {("BASIC", "SERVICE_APPLICATION"): "ALL"},
    "hall system": {("WRITE", "SERVICE_APPLICATION"): "ALL"},
    "citizen": {(fc, purpose): "SELF" for fc in READ_CLASSES for purpose in PURPOSES},
    "auditor": {},
}


@pytest.fixture(scope="module")
def police() -> PolicyEnforcer:
    return PolicyEnforcer.from_file(POLICIES, agency="police")


@pytest.mark.parametrize(
    ("who", "field_class", "purpose"),
    list(itertools.product(ACTORS, FIELD_CLASSES, PURPOSES)),
)
def test_truth_table(police: PolicyEnforcer, who: str, field_class: str, purpose: str) -> None:
    # given an actor declaring a purpose (and a case), when it reads a field class of Person
    actor = dataclasses.replace(ACTORS[who], purpose=purpose)
    decision = police.decide(actor, type_name="Person", field_class=field_class)
    # then the scope is the table's, and allowed is exactly "scope is not NONE"
    expected = ALLOWED[who].get((field_class, purpose), "NONE")
    assert (decision.scope, decision.allowed) == (expected, expected != "NONE"), decision.reason


def test_deny_beats_allow_and_names_the_rule(police: PolicyEnforcer) -> None:
    # given a trainee who is also an investigator, when reading sensitive fields for a case
    actor = dataclasses.replace(ACTORS["trainee investigator"], purpose="CASE_INVESTIGATION")
    decision = police.decide(actor, type_name="Person", field_class="SENSITIVE")
    # then the trainee deny wins over the investigator allow, and the refusal says which rule
    assert (decision.allowed, decision.reason) == (
        False,
        "denied by role:trainee@police, Person, SENSITIVE, *, *, deny",
    )


def test_deny_at_a_scope_leaves_narrower_grants(police: PolicyEnforcer) -> None:
    actor = dataclasses.replace(ACTORS["auxiliary"], purpose="HOUSEHOLD_ADMINISTRATION")
    decision = police.decide(actor, type_name="Person", field_class="BASIC")
    assert (decision.scope, decision.reason) == (
        Scope.UNIT,
        "allowed by role:auxiliary@police, Person, BASIC, HOUSEHOLD_ADMINISTRATION, UNIT, allow",
    )


@pytest.mark.parametrize("purpose", [None, "CURIOSITY"])
def test_staff_without_a_catalogued_purpose_get_nothing(
    police: PolicyEnforcer, purpose: str | None
) -> None:
    actor = dataclasses.replace(ACTORS["investigator"], purpose=purpose)
    decision = police.decide(actor, type_name="Person", field_class="BASIC")
    assert (decision.scope, decision.reason) == (
        Scope.NONE,
        "a purpose from the catalogue must be declared",
    )


def test_sensitive_fields_need_a_case(police: PolicyEnforcer) -> None:
    # given an investigator with the right purpose but no case
    actor = dataclasses.replace(ACTORS["investigator"], purpose="CASE_INVESTIGATION", case=None)
    sensitive = police.decide(actor, type_name="Person", field_class="SENSITIVE")
    basic = police.decide(actor, type_name="Person", field_class="BASIC")
    # then sensitive fields are refused while basic ones stay readable
    assert (sensitive.scope, sensitive.reason) == (
        Scope.NONE,
        "sensitive fields need a declared case",
    )
    assert basic.scope is Scope.ALL


def test_region_scope_needs_a_region(police: PolicyEnforcer) -> None:
    actor = dataclasses.replace(ACTORS["clerk"], purpose="HOUSEHOLD_ADMINISTRATION", region=None)
    assert police.decide(actor, type_name="Person", field_class="BASIC").scope is Scope.NONE


def test_citizens_see_themselves_and_their_wards_only(police: PolicyEnforcer) -> None:
    citizen = ACTORS["citizen"]
    decision = police.decide(citizen, type_name="Person", field_class="SENSITIVE")
    where = Jurisdiction.of(citizen, decision.scope)
    assert where.data_subjects == (MOTHER_ID, CHILD_ID)
    assert [where.covers(data_subject=s) for s in (MOTHER_ID, CHILD_ID, "350424198001010011")] == [
        True,
        True,
        False,
    ]


def test_public_reference_data_is_open_to_all(police: PolicyEnforcer) -> None:
    for actor in (ACTORS["citizen"], dataclasses.replace(ACTORS["auditor"], purpose="AUDIT")):
        assert police.decide(actor, type_name="PoliceUnit", field_class="PUBLIC").scope is Scope.ALL


def test_types_without_rules_are_closed(police: PolicyEnforcer) -> None:
    actor = dataclasses.replace(ACTORS["investigator"], purpose="CASE_INVESTIGATION")
    decision = police.decide(actor, type_name="Household", field_class="BASIC")
    assert (decision.scope, decision.reason) == (Scope.NONE, "no rule allows it")


def test_unknown_field_class_is_a_programming_error(police: PolicyEnforcer) -> None:
    with pytest.raises(ValueError, match="unknown field class 'SECRET'"):
        police.decide(ACTORS["citizen"], type_name="Person", field_class="SECRET")


def test_subjects_follow_g_lines(police: PolicyEnforcer) -> None:
    supervisor = ACTORS["supervisor"]
    assert subject_tokens(supervisor) == {
        "*",
        "SUPERVISOR",
        "SUPERVISOR@police",
        "role:station_chief@police",
    }
    expanded = police.subjects_of(supervisor)
    assert expanded - subject_tokens(supervisor) == {"STAFF", "STAFF@police", "role:officer@police"}


def test_roles_cannot_pose_as_another_agencys(police: PolicyEnforcer) -> None:
    # given a system actor of no agency whose token carries a role spelled like a police one
    actor = Actor(
        subject="intruder",
        kind=ActorKind.SYSTEM,
        roles=("investigator@police", "investigator"),
        purpose="CASE_INVESTIGATION",
        case="c-1",
    )
    # then it matches neither role:investigator@police nor anything police staff may read
    assert subject_tokens(actor) == {"*", "SYSTEM", "role:investigator"}
    assert police.decide(actor, type_name="Person", field_class="BASIC").scope is Scope.NONE
