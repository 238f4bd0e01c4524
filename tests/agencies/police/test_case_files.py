"""Case files: seeded per county bureau and station, resolved for police staff and the gateway."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from agencies.police.models import CaseFile
from agencies.police.seed import case_number, closed_case_number
from authz.actor import Actor, ActorKind
from tests.conftest import GraphQL, Platform, staff

CASE_FILE = """
query($number: String!) {
  caseFile(number: $number) {
    number title status openedOn
    unit { code kind parent { code } }
  }
}
"""
ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on CaseFile { number status } }
}
"""
GATEWAY = Actor(
    subject="tongban-gateway",
    kind=ActorKind.SYSTEM,
    agency="gateway",
    purpose="IDENTITY_VERIFICATION",
    request_id="r-case",
)


async def test_case_files_are_seeded_per_unit(platform: Platform) -> None:
    # given the seeded case files
    async with platform.databases["police"].sessions() as session:
        cases = (await session.scalars(select(CaseFile))).all()
    by_number = {c.number: c for c in cases}
    # then each of the 11 county bureaus and 38 stations has two open cases, and each county
    # one closed case, kept by its first station; the city bureau has none
    assert Counter(c.status for c in cases) == {"OPEN": 98, "CLOSED": 11}
    assert [
        (c.unit_code, c.status, c.opened_on.isoformat())
        for c in (
            by_number[case_number("350424000000", 1)],
            by_number[case_number("350424510000", 2)],
            by_number[closed_case_number("350424")],
        )
    ] == [
        ("350424000000", "OPEN", "2026-01-01"),
        ("350424510000", "OPEN", "2026-01-02"),
        ("350424510000", "CLOSED", "2025-06-01"),
    ]
    assert (case_number("350424510000", 1), closed_case_number("350424")) == (
        "NH-2026-5101",
        "NH-2025-5199",
    )
    assert not any(c.unit_code == "350400000000" for c in cases)


async def test_police_staff_read_a_case_file(graphql: GraphQL) -> None:
    # when police staff look a station's case up
    result = await graphql("police", CASE_FILE, {"number": "NH-2026-5101"})
    # then it names its station and the county bureau above it
    assert result == {
        "data": {
            "caseFile": {
                "number": "NH-2026-5101",
                "title": "诈骗案",
                "status": "OPEN",
                "openedOn": "2026-01-01",
                "unit": {
                    "code": "350424510000",
                    "kind": "STATION",
                    "parent": {"code": "350424000000"},
                },
            }
        }
    }


async def test_the_gateway_resolves_case_files_as_entities(graphql: GraphQL) -> None:
    # given the gateway's own system actor verifying identities
    representations = [
        {"__typename": "CaseFile", "number": closed_case_number("350424")},
        {"__typename": "CaseFile", "number": "NH-2026-9999"},
        {"__typename": "CaseFile", "number": "SY-2026-0002"},
    ]
    # when it resolves case files by number
    result = await graphql("police", ENTITIES, {"representations": representations}, actor=GATEWAY)
    # then it reads their status, in order, with null for an unknown number
    assert result == {
        "data": {
            "_entities": [
                {"number": "NH-2025-5199", "status": "CLOSED"},
                None,
                {"number": "SY-2026-0002", "status": "OPEN"},
            ]
        }
    }


async def test_other_agencies_staff_read_only_the_number(graphql: GraphQL) -> None:
    # when tax staff look a case file up
    result = await graphql(
        "police",
        '{ caseFile(number: "NH-2026-5101") { number status } }',
        actor=staff("tax"),
    )
    # then the number comes back, and the status is refused
    assert result == {
        "data": {"caseFile": {"number": "NH-2026-5101", "status": None}},
        "errors": [
            {
                "message": "not allowed to read CaseFile.status",
                "locations": [{"line": 1, "column": 45}],
                "path": ["caseFile", "status"],
                "extensions": {"code": "FORBIDDEN"},
            }
        ],
    }
