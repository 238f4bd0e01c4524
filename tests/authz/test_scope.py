"""Jurisdictions: what a scope covers, for per-record checks and SQL filters."""

from __future__ import annotations

import pytest

from authz.actor import Actor, ActorKind
from authz.scope import Jurisdiction, Scope, region_prefix

CITY_CLERK = Actor(
    subject="police:city",
    kind=ActorKind.STAFF,
    agency="police",
    unit="350400-bureau",
    region="350400",
)


@pytest.mark.parametrize(
    ("code", "prefix"), [("350400", "3504"), ("350424", "350424"), ("350000", "35")]
)
def test_region_prefix(code: str, prefix: str) -> None:
    assert region_prefix(code) == prefix


@pytest.mark.parametrize(
    ("scope", "record", "covered"),
    [
        (Scope.ALL, {"region": "110105"}, True),
        (Scope.REGION, {"region": "350424"}, True),
        (Scope.REGION, {"region": "350524"}, False),
        (Scope.REGION, {}, False),
        (Scope.UNIT, {"unit": "350400-bureau"}, True),
        (Scope.UNIT, {"unit": "350424-cuijiang"}, False),
        (Scope.SELF, {"data_subject": "350424199001010026"}, False),
        (Scope.NONE, {"region": "350424"}, False),
    ],
)
def test_covers(scope: Scope, record: dict[str, str], covered: bool) -> None:
    assert Jurisdiction.of(CITY_CLERK, scope).covers(**record) is covered


def test_scope_without_its_attribute_is_none() -> None:
    nowhere = Actor(subject="sys", kind=ActorKind.SYSTEM, agency="hall")
    assert Jurisdiction.of(nowhere, Scope.REGION).scope is Scope.NONE
