"""Social-security lookups: employers, enrolments, and the listings of both."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.agencies.social_security.population import (
    busiest_employer,
    employer_json,
    employers,
    enrolment_json,
    first_enrolment,
    page_json,
    paid_by,
    paid_pension,
)
from tests.conftest import GraphQL

EMPLOYER = """
query($code: String!) {
  employer(code: $code) { code name regionCode enrolledCount }
}
"""

ENROLMENT = """
query($number: String!) {
  insuranceEnrolment(number: $number) {
    number
    person { idNumber }
    scheme
    employer { code name }
    startsOn
    contributionMonths
    status
    regionCode
  }
}
"""

EMPLOYERS = """
query($region: String, $first: Int!, $after: String) {
  employers(regionCode: $region, first: $first, after: $after) {
    items { code regionCode }
    pageInfo { hasNextPage endCursor }
  }
}
"""

ENROLMENTS_OF_EMPLOYER = """
query($code: String!, $first: Int!, $after: String) {
  enrolmentsOfEmployer(code: $code, first: $first, after: $after) {
    items { number scheme person { idNumber } status }
    pageInfo { hasNextPage endCursor }
  }
}
"""

NINGHUA = "350424"  # 宁化县
# A valid code of the pool: the first employer's.
POOL_CODE = next(iter(employers()))
# The fields of ENROLMENT.
ENROLMENT_FIELDS = (
    "number",
    "person",
    "scheme",
    "employer",
    "startsOn",
    "contributionMonths",
    "status",
    "regionCode",
)


def employer_codes(region: str | None) -> list[str]:
    """The codes of the pool's employers, optionally of one county, in code order."""
    return sorted(e.code for e in employers().values() if region in (None, e.region_code))


def more_than_eight(description: str, count: int) -> None:
    """Fail clearly unless a listing has more than eight items, enough for two pages of four."""
    assert count > 8, f"{description} has {count} items, too few for two pages of four"


def ninghua_employers() -> dict[str, Any]:
    """The listing of 宁化县's employers, checked to be long enough for two pages of four."""
    more_than_eight("the listing of 宁化县's employers", len(employer_codes(NINGHUA)))
    return {"region": NINGHUA}


def all_employers() -> dict[str, Any]:
    """The listing of all employers, checked to be long enough for two pages of four."""
    more_than_eight("the listing of all employers", len(employer_codes(None)))
    return {"region": None}


def busiest_employer_enrolments() -> dict[str, Any]:
    """The listing of the busiest employer's enrolments, checked to be long enough."""
    code = busiest_employer().code
    more_than_eight("the listing of the busiest employer's enrolments", len(paid_by(code)))
    return {"code": code}


def refused(field: str, message: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """Return the whole result of a root field refused with `BAD_USER_INPUT`."""
    error = {
        "message": message,
        "locations": [{"line": 3, "column": 3}],
        "path": [field],
        "extensions": {"code": "BAD_USER_INPUT"},
    }
    return {"data": data, "errors": [error]}


async def test_employer_by_code(graphql: GraphQL) -> None:
    # given the employer of the pool that pays for the most enrolments
    employer = busiest_employer()
    # when staff look it up by its unified social credit code
    result = await graphql("social_security", EMPLOYER, {"code": employer.code})
    # then its name, county and insured count come back
    fields = ("code", "name", "regionCode", "enrolledCount")
    assert result == {"data": {"employer": employer_json(employer, *fields)}}


async def test_unknown_employer_is_null(graphql: GraphQL) -> None:
    # given a code no employer has
    # when staff look it up
    result = await graphql("social_security", EMPLOYER, {"code": "91350404000000000X"})
    # then the answer is null, without an error
    assert result == {"data": {"employer": None}}


async def test_enrolment_paid_by_an_employer(graphql: GraphQL) -> None:
    # given the first active pension enrolment an employer pays
    pension = paid_pension()
    # when staff look it up by number
    result = await graphql("social_security", ENROLMENT, {"number": pension.number})
    # then the enrolment, its person and its employer come back
    assert result == {"data": {"insuranceEnrolment": enrolment_json(pension, *ENROLMENT_FIELDS)}}


async def test_self_paid_pension_has_no_employer(graphql: GraphQL) -> None:
    # given the first pension enrolment no employer pays (a retiree's, who receives benefits)
    pension = first_enrolment(
        "of a pension no employer pays",
        lambda e: e.scheme == "PENSION" and e.employer_code is None,
    )
    # when staff look it up by number
    result = await graphql("social_security", ENROLMENT, {"number": pension.number})
    # then it has no employer
    assert result == {
        "data": {
            "insuranceEnrolment": {**enrolment_json(pension, *ENROLMENT_FIELDS), "employer": None}
        }
    }


async def test_unknown_enrolment_is_null(graphql: GraphQL) -> None:
    # given a number no enrolment has
    # when staff look it up
    result = await graphql("social_security", ENROLMENT, {"number": "P9999999999"})
    # then the answer is null, without an error
    assert result == {"data": {"insuranceEnrolment": None}}


async def test_enrolments_of_an_employer(graphql: GraphQL) -> None:
    # given the employer of the pool that pays for the most enrolments
    code = busiest_employer().code
    # when staff list the enrolments it pays for
    result = await graphql("social_security", ENROLMENTS_OF_EMPLOYER, {"code": code, "first": 20})
    # then exactly those come back by enrolment number
    fields = ("number", "scheme", "person", "status")
    items = [enrolment_json(enrolment, *fields) for enrolment in paid_by(code)]
    assert result == {"data": {"enrolmentsOfEmployer": page_json(items, 20, "number")}}


@pytest.mark.parametrize(
    ("query", "field", "listing"),
    [
        (EMPLOYERS, "employers", ninghua_employers),
        (EMPLOYERS, "employers", all_employers),
        (ENROLMENTS_OF_EMPLOYER, "enrolmentsOfEmployer", busiest_employer_enrolments),
    ],
    ids=["employers-of-a-county", "all-employers", "enrolments-of-an-employer"],
)
async def test_two_pages_equal_one_bigger_page(
    graphql: GraphQL, query: str, field: str, listing: Callable[[], dict[str, Any]]
) -> None:
    # given the first page of four of a listing of more than eight
    variables = listing()
    first = await graphql("social_security", query, {**variables, "first": 4})
    cursor = first["data"][field]["pageInfo"]["endCursor"]
    # when the next four are fetched after it, and a page of eight from the start
    second = await graphql("social_security", query, {**variables, "first": 4, "after": cursor})
    both = await graphql("social_security", query, {**variables, "first": 8})
    # then the two small pages hold the bigger page's items, and both say more follow
    pages = [first["data"][field], second["data"][field]]
    assert [page["pageInfo"]["hasNextPage"] for page in pages] == [True, True]
    assert {
        "items": pages[0]["items"] + pages[1]["items"],
        "pageInfo": pages[1]["pageInfo"],
    } == both["data"][field]


async def test_employers_of_a_county(graphql: GraphQL) -> None:
    # given 宁化县 and the employers of the population's pool registered there
    ninghua = employer_codes(NINGHUA)
    assert ninghua, "no employer of the pool is registered in 宁化县"
    # when staff list its employers, all on one page
    result = await graphql("social_security", EMPLOYERS, {"region": NINGHUA, "first": 100})
    # then exactly those come back, by code
    items = [{"code": code, "regionCode": NINGHUA} for code in ninghua]
    assert result == {"data": {"employers": page_json(items, 100, "code")}}


@pytest.mark.parametrize("region", ["350400", "110101", "3504", ""])
async def test_unknown_region_is_bad_user_input(graphql: GraphQL, region: str) -> None:
    # given a region code that is not a county of Sanming
    # when staff list its employers
    result = await graphql("social_security", EMPLOYERS, {"region": region, "first": 20})
    # then the listing is refused as bad user input
    message = f"unknown region code {region!r}; expected a county of Sanming"
    assert result == refused("employers", message, None)


@pytest.mark.parametrize(
    "code", ["9135040401689555RX", "9135040401689555R", "9135040401689555Ro", "I" * 18]
)
async def test_malformed_employer_code_is_bad_user_input(graphql: GraphQL, code: str) -> None:
    # given a code with a wrong check character, the wrong length or characters GB 32100 excludes
    # when staff list the enrolments the employer pays for
    result = await graphql("social_security", ENROLMENTS_OF_EMPLOYER, {"code": code, "first": 20})
    # then the listing is refused as bad user input
    message = "not a valid 18-character unified social credit code (GB 32100)"
    assert result == refused("enrolmentsOfEmployer", message, None)


@pytest.mark.parametrize(
    ("query", "field", "variables"),
    [
        (EMPLOYERS, "employers", {"region": None, "first": 0}),
        (ENROLMENTS_OF_EMPLOYER, "enrolmentsOfEmployer", {"code": POOL_CODE, "first": 0}),
        (ENROLMENTS_OF_EMPLOYER, "enrolmentsOfEmployer", {"code": POOL_CODE, "first": 101}),
    ],
    ids=["employers-0", "enrolments-0", "enrolments-101"],
)
async def test_page_size_out_of_range_is_bad_user_input(
    graphql: GraphQL, query: str, field: str, variables: dict[str, Any]
) -> None:
    # given a page size outside 1..100
    # when staff ask for a listing
    result = await graphql("social_security", query, variables)
    # then the listing is refused as bad user input
    assert result == refused(field, "`first` must be between 1 and 100", None)


async def test_cursor_not_from_this_api_is_bad_user_input(graphql: GraphQL) -> None:
    # given a cursor that was not returned by this API
    # when staff ask for the page after it
    result = await graphql(
        "social_security", EMPLOYERS, {"region": None, "first": 20, "after": "%%%"}
    )
    # then the listing is refused as bad user input
    assert result == refused("employers", "`after` is not a cursor returned by this API", None)
