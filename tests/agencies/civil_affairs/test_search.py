"""Staff list the marriages a county registered over a period, page by page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.agencies.civil_affairs.population import MARRIAGE_FIELDS, marriage_json, marriages
from tests.conftest import AS_OF, GraphQL

NINGHUA = "350424"
SEARCH = f"""
query($region: String!, $from: Date!, $to: Date!, $first: Int!, $after: String) {{
  marriagesRegistered(regionCode: $region, from: $from, to: $to, first: $first, after: $after) {{
    items {{ {MARRIAGE_FIELDS} }}
    pageInfo {{ hasNextPage }}
  }}
}}
"""
PAGE = """
query($region: String!, $from: Date!, $to: Date!, $first: Int!, $after: String) {
  marriagesRegistered(regionCode: $region, from: $from, to: $to, first: $first, after: $after) {
    items { number }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def search(
    region: str = NINGHUA,
    start: date = date(1950, 1, 1),
    end: date = AS_OF,
    first: int = 20,
    after: str | None = None,
) -> dict[str, Any]:
    """The variables of one search."""
    return {
        "region": region,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "first": first,
        "after": after,
    }


def bad_input(message: str) -> dict[str, Any]:
    """The whole answer to a search refused with BAD_USER_INPUT."""
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["marriagesRegistered"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
    }


async def test_search_returns_the_county_marriages_of_the_period_by_number(
    graphql: GraphQL,
) -> None:
    # given the seeded marriages of 宁化县 registered in 2001..2022, both ends included
    start, end = date(2001, 5, 28), date(2022, 11, 1)
    expected = sorted(
        (m for m in marriages() if m.region_code == NINGHUA and start <= m.registered_on <= end),
        key=lambda m: m.number,
    )
    # when staff search that county and period with a page big enough for all of them
    result = await graphql("civil_affairs", SEARCH, search(start=start, end=end, first=100))
    # then exactly those marriages come back, ordered by number, on one page
    assert result == {
        "data": {
            "marriagesRegistered": {
                "items": [marriage_json(m) for m in expected],
                "pageInfo": {"hasNextPage": False},
            }
        }
    }


async def test_two_pages_stitched_together_equal_one_bigger_page(graphql: GraphQL) -> None:
    # given the first page of three marriages of 宁化县
    first = await graphql("civil_affairs", PAGE, search(first=3))
    cursor = first["data"]["marriagesRegistered"]["pageInfo"]["endCursor"]
    # when staff fetch the next three, and separately one page of six
    second = await graphql("civil_affairs", PAGE, search(first=3, after=cursor))
    both = await graphql("civil_affairs", PAGE, search(first=6))
    # then the two pages together are the page of six, which has more after it
    stitched = {
        "items": first["data"]["marriagesRegistered"]["items"]
        + second["data"]["marriagesRegistered"]["items"],
        "pageInfo": second["data"]["marriagesRegistered"]["pageInfo"],
    }
    assert both == {"data": {"marriagesRegistered": stitched}}
    assert len(stitched["items"]) == 6
    assert stitched["pageInfo"]["hasNextPage"] is True


async def test_unknown_region_is_bad_user_input(graphql: GraphQL) -> None:
    # given a region code outside Sanming (福州市鼓楼区)
    # when staff search it
    result = await graphql("civil_affairs", SEARCH, search(region="350102"))
    # then the search is refused as bad input
    assert result == bad_input("unknown region code '350102'; expected a county of Sanming")


async def test_period_ending_before_it_starts_is_bad_user_input(graphql: GraphQL) -> None:
    # given a period whose first day comes after its last
    # when staff search it
    result = await graphql(
        "civil_affairs", SEARCH, search(start=date(2020, 1, 2), end=date(2020, 1, 1))
    )
    # then the search is refused as bad input
    assert result == bad_input("`from` must not be after `to`")


@pytest.mark.parametrize("first", [0, 101])
async def test_page_size_outside_1_to_100_is_bad_user_input(graphql: GraphQL, first: int) -> None:
    # given a page size of none, or more than the maximum of 100
    # when staff search with it
    result = await graphql("civil_affairs", SEARCH, search(first=first))
    # then the search is refused as bad input
    assert result == bad_input("`first` must be between 1 and 100")
