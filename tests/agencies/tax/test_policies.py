"""The tax policies as a truth table over Taxpayer."""

from __future__ import annotations

import pytest

from authz.actor import Actor
from authz.enforcer import PolicyEnforcer
from authz.fields import FieldClass
from authz.scope import Scope
from tests.policy_truth import (
    HALL_READS_ALL,
    HALL_WRITES,
    scope_granted,
    truth_table,
    write_cases,
)
from tongban.agencies import definition_of


@pytest.fixture(scope="module")
def enforcer() -> PolicyEnforcer:
    """The enforcer of the agency's own policies.csv."""
    policies = definition_of("tax").policies
    assert policies is not None
    return PolicyEnforcer.from_file(policies, agency="tax")


@pytest.mark.parametrize(("actor", "field_class", "expected"), truth_table("tax", HALL_READS_ALL))
def test_tax_policies_follow_the_truth_table(
    enforcer: PolicyEnforcer, actor: Actor, field_class: FieldClass, expected: Scope
) -> None:
    # given an asker declaring a purpose (and a case), when it asks for a field class of
    # taxpayers, then the policies grant the scope of the table (NONE: refused)
    assert scope_granted(enforcer, actor, "Taxpayer", field_class) == expected


@pytest.mark.parametrize(("actor", "field_class", "expected"), write_cases("tax", HALL_WRITES))
def test_only_the_halls_system_writes_persons(
    enforcer: PolicyEnforcer, actor: Actor, field_class: FieldClass, expected: Scope
) -> None:
    # given an asker declaring a purpose (and a case), when it asks to change persons (record
    # a name change), then only the hall's system handling an application may, everywhere
    assert scope_granted(enforcer, actor, "Person", field_class) == expected
