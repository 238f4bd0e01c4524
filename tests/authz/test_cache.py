"""The per-request decision cache: casbin is asked once per (actor, type, field class)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import casbin
import pytest

from authz.actor import Actor, ActorKind
from authz.cache import DecisionCache
from authz.enforcer import PolicyEnforcer

POLICIES = Path(__file__).with_name("policies.csv")
INVESTIGATOR = Actor(
    subject="police:investigator",
    kind=ActorKind.STAFF,
    agency="police",
    roles=("investigator",),
    region="350424",
    purpose="CASE_INVESTIGATION",
    case="case-1",
)


@pytest.fixture
def casbin_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, ...]]]:
    """Count every casbin enforcement, whichever enforcer makes it."""
    calls: list[tuple[Any, ...]] = []
    original = casbin.Enforcer.enforce_ex

    def spy(self: casbin.Enforcer, *request: Any) -> Any:
        calls.append(request)
        return original(self, *request)

    monkeypatch.setattr(casbin.Enforcer, "enforce_ex", spy)
    yield calls


def test_second_decision_comes_from_the_cache(casbin_calls: list[tuple[Any, ...]]) -> None:
    # given one request's cache over the police enforcer
    cache = DecisionCache(PolicyEnforcer.from_file(POLICIES, agency="police"))
    # when the same field class of the same type is decided twice
    first = cache.decide(INVESTIGATOR, type_name="Person", field_class="SENSITIVE")
    asked = len(casbin_calls)
    second = cache.decide(INVESTIGATOR, type_name="Person", field_class="SENSITIVE")
    # then casbin was asked for the first only, and both answers agree
    assert (asked, len(casbin_calls), second) == (1, 1, first)
    assert first.allowed


def test_each_field_class_is_decided_once(casbin_calls: list[tuple[Any, ...]]) -> None:
    cache = DecisionCache(PolicyEnforcer.from_file(POLICIES, agency="police"))
    for _ in range(3):
        for field_class in ("BASIC", "CONTACT", "SENSITIVE"):
            cache.decide(INVESTIGATOR, type_name="Person", field_class=field_class)
    assert len(cache) == 3
    # every class was allowed at ALL on the first scope tried: one casbin call each
    assert [request[2] for request in casbin_calls] == ["BASIC", "CONTACT", "SENSITIVE"]


def test_refusals_in_code_skip_casbin(casbin_calls: list[tuple[Any, ...]]) -> None:
    cache = DecisionCache(PolicyEnforcer.from_file(POLICIES, agency="police"))
    no_case = Actor(
        subject="police:investigator",
        kind=ActorKind.STAFF,
        agency="police",
        purpose="CASE_INVESTIGATION",
    )
    assert not cache.decide(no_case, type_name="Person", field_class="SENSITIVE").allowed
    assert casbin_calls == []


def test_decisions_are_remembered_across_requests_until_a_reload(
    casbin_calls: list[tuple[Any, ...]],
) -> None:
    # given one enforcer, and two requests of the same kind of actor
    enforcer = PolicyEnforcer.from_file(POLICIES, agency="police")
    for _ in range(2):
        DecisionCache(enforcer).decide(INVESTIGATOR, type_name="Person", field_class="BASIC")
    remembered = len(casbin_calls)
    # when the policies change and a third request comes
    enforcer.reload(POLICIES.read_text("utf-8") + "\n# edited\n")
    DecisionCache(enforcer).decide(INVESTIGATOR, type_name="Person", field_class="BASIC")
    # then casbin ran once for the first two, and again after the reload
    assert (remembered, len(casbin_calls)) == (1, 2)
