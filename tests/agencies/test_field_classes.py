"""Each agency's declared field classes reach its answers: a caller gets exactly its classes.

Another agency's staff handling a service application may read basic fields only (see
tests/policy_truth.py); resolving one record of each agency's representative type as them
shows, field by field, that the kit applies what the schema declares.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agencies.population import FamilyUnit
from tests.conftest import GraphQL, staff
from tests.population import units


def first(records: Callable[[FamilyUnit], list[Any]]) -> Any:
    return next(record for unit in units() for record in records(unit))


# agency: (type, key field, key, {field selection: readable by the caller?})
CASES: dict[str, tuple[str, str, Callable[[], str], dict[str, bool]]] = {
    "police": (
        "Person",
        "idNumber",
        lambda: first(lambda u: [p for p in u.persons if p.registered]).id_number,
        {
            "idNumber": True,
            "name": True,
            "household { number }": True,
            "father { idNumber }": False,
            "relationToHead": False,
            "ethnicityHistory { toCode }": False,
            "idCards { serial }": False,
        },
    ),
    "ethnic_affairs": (
        "EthnicityChange",
        "number",
        lambda: first(lambda u: u.ethnicity_changes).number,
        {
            "number": True,
            "status": True,
            "decidedOn": True,
            "person { idNumber }": True,
            "basis": False,
            "fromGroup { code }": False,
        },
    ),
    "civil_affairs": (
        "Marriage",
        "number",
        lambda: first(lambda u: u.marriages).number,
        {
            "number": True,
            "registeredOn": False,
            "status": False,
            "husband { idNumber }": False,
        },
    ),
    "family_planning": (
        "BirthCertificate",
        "number",
        lambda: first(lambda u: u.birth_certificates).number,
        {
            "number": True,
            "childName": True,
            "hospital": True,
            "mother { idNumber }": False,
            "weightGrams": False,
        },
    ),
    "tax": (
        "Taxpayer",
        "taxpayerNumber",
        lambda: first(lambda u: u.taxpayers).person_id,
        {
            "taxpayerNumber": True,
            "taxOffice": True,
            "registeredOn": True,
            "annualSummaries { year }": False,
            "clearance { cleared }": False,
        },
    ),
    "social_security": (
        "InsuranceEnrolment",
        "number",
        lambda: first(lambda u: u.enrolments).number,
        {"number": True, "scheme": True, "contributionMonths": True, "employer { code }": True},
    ),
}


@pytest.mark.parametrize("agency", list(CASES))
async def test_another_agencys_staff_read_basic_fields_only(graphql: GraphQL, agency: str) -> None:
    # given a record of the agency's representative type, and staff of another agency
    # handling a service application (with a case, so only the field classes decide)
    type_name, key_field, key, fields = CASES[agency]
    other = "tax" if agency != "tax" else "police"
    clerk = staff(other, purpose="SERVICE_APPLICATION")
    query = (
        "query($reps: [_Any!]!) { _entities(representations: $reps) { "
        f"... on {type_name} {{ {' '.join(fields)} }} }} }}"
    )
    reps = [{"__typename": type_name, key_field: key()}]
    # when the gateway resolves it as them
    result = await graphql(agency, query, {"reps": reps}, actor=clerk)
    # then exactly the public and basic fields arrive; the others are null and FORBIDDEN
    (entity,) = result["data"]["_entities"]
    names = [selection.split(" ")[0] for selection in fields]
    readable = {name: entity[name] is not None for name in names}
    refused = sorted(error["path"][-1] for error in result.get("errors", []))
    assert readable == {name: fields[s] for name, s in zip(names, fields, strict=True)}
    assert refused == sorted(name for name, s in zip(names, fields, strict=True) if not fields[s])
    assert {error["extensions"]["code"] for error in result.get("errors", [])} <= {"FORBIDDEN"}
