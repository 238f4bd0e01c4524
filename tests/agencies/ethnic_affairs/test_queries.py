"""Ethnic-affairs lookups and the staff search of decided ethnicity changes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

import pytest

from agencies.ethnic_affairs.seed import unit_rows
from agencies.population import FamilyUnit
from agencies.population.codes import ETHNIC_GROUPS
from agencies.population.records import EthnicityChange
from subgraph.definition import Row
from subgraph.pagination import encode_cursor
from tests.conftest import ClientFactory, GraphQL
from tests.population import scenario

ETHNIC_GROUPS_QUERY = "{ ethnicGroups { code nameZh nameEn } }"

ETHNIC_GROUP = """
query($code: String!) { ethnicGroup(code: $code) { code nameZh nameEn } }
"""

CHANGE_FIELDS = """
  number
  person { idNumber }
  fromGroup { code nameZh }
  toGroup { code nameZh }
  basis
  appliedOn
  decidedOn
  regionCode
  status
"""

ETHNICITY_CHANGE = f"""
query($number: String!) {{ ethnicityChange(number: $number) {{ {CHANGE_FIELDS} }} }}
"""

PERSON_CHANGES = f"""
query($representations: [_Any!]!) {{
  _entities(representations: $representations) {{
    ... on Person {{ idNumber ethnicityChanges {{ {CHANGE_FIELDS} }} }}
  }}
}}
"""

DECIDED = """
query($region: String!, $from: Date!, $to: Date!, $first: Int!, $after: String) {
  ethnicityChangesDecided(regionCode: $region, from: $from, to: $to, first: $first, after: $after) {
    items { number decidedOn }
    pageInfo { hasNextPage endCursor }
  }
}
"""

Post = Callable[..., Any]


def expected_change(change: EthnicityChange) -> dict[str, Any]:
    """The whole GraphQL answer for an approved change of the population."""
    names = {code: name_zh for code, name_zh, _ in ETHNIC_GROUPS}
    return {
        "number": change.number,
        "person": {"idNumber": change.person_id},
        "fromGroup": {"code": change.from_code, "nameZh": names[change.from_code]},
        "toGroup": {"code": change.to_code, "nameZh": names[change.to_code]},
        "basis": change.basis,
        "appliedOn": change.applied_on.isoformat(),
        "decidedOn": change.decided_on.isoformat(),
        "regionCode": change.region_code,
        "status": "APPROVED",
    }


@asynccontextmanager
async def staged(client: ClientFactory, agency: str, rows: Iterable[Row]) -> AsyncIterator[Post]:
    """Post to an agency's app that sees extra rows, all rolled back afterwards."""
    async with client(agency, rows=rows) as http:

        async def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            response = await http.post("/graphql", json={"query": query, "variables": variables})
            assert response.status_code == 200, response.text
            result: dict[str, Any] = response.json()
            return result

        yield post


async def test_ethnic_groups_list_the_whole_catalogue_by_code(graphql: GraphQL) -> None:
    # given the seeded GB 3304 catalogue
    # when staff list the ethnic groups
    result = await graphql("ethnic_affairs", ETHNIC_GROUPS_QUERY)
    # then all 56 groups come back in code order with both names
    assert result == {
        "data": {
            "ethnicGroups": [
                {"code": code, "nameZh": name_zh, "nameEn": name_en}
                for code, name_zh, name_en in ETHNIC_GROUPS
            ]
        }
    }


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("22", {"code": "22", "nameZh": "畲族", "nameEn": "She"}),
        ("56", {"code": "56", "nameZh": "基诺族", "nameEn": "Jino"}),
        ("57", None),
    ],
)
async def test_ethnic_group_by_code(
    graphql: GraphQL, code: str, expected: dict[str, str] | None
) -> None:
    # given a GB 3304 code, or one past the last
    # when staff look it up
    result = await graphql("ethnic_affairs", ETHNIC_GROUP, {"code": code})
    # then the group comes back, or null
    assert result == {"data": {"ethnicGroup": expected}}


async def test_ethnicity_change_by_number(graphql: GraphQL) -> None:
    # given the approved change of the "changed_once" scenario
    (change,) = scenario("changed_once").ethnicity_changes
    # when staff look it up by its approval number
    result = await graphql("ethnic_affairs", ETHNICITY_CHANGE, {"number": change.number})
    # then every field of the decision comes back
    assert result == {"data": {"ethnicityChange": expected_change(change)}}


async def test_ethnicity_change_unknown_number_is_null(graphql: GraphQL) -> None:
    # given an approval number that was never issued
    # when staff look it up
    result = await graphql("ethnic_affairs", ETHNICITY_CHANGE, {"number": "MZ350424-2024-99999"})
    # then the answer is null without an error
    assert result == {"data": {"ethnicityChange": None}}


async def test_changed_once_child_has_one_approved_change_from_han_to_she(
    graphql: GraphQL,
) -> None:
    # given the "changed_once" man of 20 who followed his She mother at 18
    unit = scenario("changed_once")
    child = unit.roles["child"]
    representations = [{"__typename": "Person", "idNumber": child}]
    # when the gateway asks ethnic affairs for his ethnicity changes
    result = await graphql("ethnic_affairs", PERSON_CHANGES, {"representations": representations})
    # then he has exactly one approved change, from 汉族 (01) to 畲族 (22), following his mother
    (change,) = unit.ethnicity_changes
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": child,
                    "ethnicityChanges": [
                        {
                            "number": change.number,
                            "person": {"idNumber": child},
                            "fromGroup": {"code": "01", "nameZh": "汉族"},
                            "toGroup": {"code": "22", "nameZh": "畲族"},
                            "basis": "MOTHER",
                            "appliedOn": change.applied_on.isoformat(),
                            "decidedOn": change.decided_on.isoformat(),
                            "regionCode": "350424",
                            "status": "APPROVED",
                        }
                    ],
                }
            ]
        }
    }


async def test_decided_changes_of_a_county_and_period(graphql: GraphQL) -> None:
    # given the change Ninghua decided for the "changed_once" scenario
    (change,) = scenario("changed_once").ethnicity_changes
    variables = {
        "region": "350424",
        "from": change.decided_on.isoformat(),
        "to": change.decided_on.isoformat(),
        "first": 20,
    }
    # when staff search Ninghua's decisions of that day
    result = await graphql("ethnic_affairs", DECIDED, variables)
    # then that one change is listed and no page follows
    assert result == {
        "data": {
            "ethnicityChangesDecided": {
                "items": [{"number": change.number, "decidedOn": change.decided_on.isoformat()}],
                "pageInfo": {"hasNextPage": False, "endCursor": encode_cursor(change.number)},
            }
        }
    }


async def test_decided_changes_exclude_other_periods(graphql: GraphQL) -> None:
    # given a period before the "changed_once" decision
    (change,) = scenario("changed_once").ethnicity_changes
    day_before = change.decided_on - timedelta(days=1)
    variables = {"region": "350424", "from": "2000-01-01", "to": day_before.isoformat(), "first": 5}
    # when staff search Ninghua's decisions of that period
    result = await graphql("ethnic_affairs", DECIDED, variables)
    # then the page is empty
    assert result == {
        "data": {
            "ethnicityChangesDecided": {
                "items": [],
                "pageInfo": {"hasNextPage": False, "endCursor": None},
            }
        }
    }


async def test_two_pages_of_decided_changes_equal_one_bigger_page(client: ClientFactory) -> None:
    # given five more changes decided in Ninghua in 2025, next to the seeded ones
    extra = [
        EthnicityChange(
            number=f"MZ350424-2025-9{index:04d}",
            person_id=f"35042420070101{index:03d}X",
            from_code="01",
            to_code="22",
            basis="MOTHER",
            applied_on=date(2025, 3, index + 1),
            decided_on=date(2025, 3, index + 10),
            region_code="350424",
        )
        for index in range(5)
    ]
    rows = unit_rows(FamilyUnit(index=-1, ethnicity_changes=extra))
    search = {"region": "350424", "from": "2025-01-01", "to": "2025-12-31"}
    async with staged(client, "ethnic_affairs", rows) as post:
        # when staff fetch two pages of two, and one page of four
        first = await post(DECIDED, {**search, "first": 2})
        cursor = first["data"]["ethnicityChangesDecided"]["pageInfo"]["endCursor"]
        second = await post(DECIDED, {**search, "first": 2, "after": cursor})
        both = await post(DECIDED, {**search, "first": 4})
    # then the two small pages hold exactly the big page's items, and more follow each
    pages = [first, second, both]
    items = [page["data"]["ethnicityChangesDecided"]["items"] for page in pages]
    assert items[0] + items[1] == items[2]
    assert items[2] == [
        {"number": change.number, "decidedOn": change.decided_on.isoformat()}
        for change in extra[:4]
    ]
    assert [page["data"]["ethnicityChangesDecided"]["pageInfo"] for page in pages] == [
        {"hasNextPage": True, "endCursor": encode_cursor(extra[1].number)},
        {"hasNextPage": True, "endCursor": encode_cursor(extra[3].number)},
        {"hasNextPage": True, "endCursor": encode_cursor(extra[3].number)},
    ]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"region": "350400", "from": "2024-01-01", "to": "2024-12-31", "first": 20},
            "unknown region code '350400'; expected a county of Sanming",
        ),
        (
            {"region": "350424", "from": "2024-12-31", "to": "2024-01-01", "first": 20},
            "`from` must not be after `to`",
        ),
        (
            {"region": "350424", "from": "2024-01-01", "to": "2024-12-31", "first": 0},
            "`first` must be between 1 and 100",
        ),
        (
            {
                "region": "350424",
                "from": "2024-01-01",
                "to": "2024-12-31",
                "first": 20,
                "after": "@@not-a-cursor@@",
            },
            "`after` is not a cursor returned by this API",
        ),
    ],
    ids=["unknown-region", "from-after-to", "first-zero", "bad-cursor"],
)
async def test_decided_changes_refuse_bad_input(
    graphql: GraphQL, variables: dict[str, Any], message: str
) -> None:
    # given a search argument that is well-typed but unacceptable
    # when staff search with it
    result = await graphql("ethnic_affairs", DECIDED, variables)
    # then nothing is returned and the error says BAD_USER_INPUT
    assert result == {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["ethnicityChangesDecided"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
    }
