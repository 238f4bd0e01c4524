"""The ethnic_affairs policies as a truth table over EthnicityChange."""

from __future__ import annotations

import pytest

from authz.actor import Actor
from authz.enforcer import PolicyEnforcer
from authz.fields import FieldClass
from authz.scope import Scope
from tests.policy_truth import HALL_READS_ALL, HALL_WRITES, scope_granted, truth_table
from tongban.agencies import definition_of


@pytest.fixture(scope="module")
def enforcer() -> PolicyEnforcer:
    """The enforcer of the agency's own policies.csv."""
    policies = definition_of("ethnic_affairs").policies
    assert policies is not None
    return PolicyEnforcer.from_file(policies, agency="ethnic_affairs")


@pytest.mark.parametrize(
    ("actor", "field_class", "expected"),
    truth_table("ethnic_affairs", HALL_READS_ALL, HALL_WRITES),
)
def test_ethnic_affairs_policies_follow_the_truth_table(
    enforcer: PolicyEnforcer, actor: Actor, field_class: FieldClass, expected: Scope
) -> None:
    # given an asker declaring a purpose (and a case), when it asks for a field class of
    # ethnicity changes, then the policies grant the scope of the table (NONE: refused)
    assert scope_granted(enforcer, actor, "EthnicityChange", field_class) == expected
