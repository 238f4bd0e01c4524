"""Tax lookups: a taxpayer by number, and the taxpayers of a tax office who owe tax."""

from __future__ import annotations

from typing import Any

import pytest

from agencies.population.generator import today_in_sanming
from tests.agencies.tax.population import (
    debtors_of,
    first_taxpayer,
    non_taxpayer,
    office_with_most_debtors,
    page_json,
    taxpayer_json,
)
from tests.conftest import GraphQL

TAXPAYER = """
query($number: String!) {
  taxpayer(taxpayerNumber: $number) {
    taxpayerNumber
    person { idNumber }
    registeredOn
    taxOffice
    annualSummaries { year incomeFen taxPaidFen }
    clearance { cleared outstandingFen asOf }
  }
}
"""

ARREARS = """
query($office: String!, $first: Int!, $after: String) {
  taxpayersWithArrears(taxOffice: $office, first: $first, after: $after) {
    items { taxpayerNumber clearance { cleared outstandingFen } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

NINGHUA_OFFICE = "135042400"  # 宁化县 tax office
# The fields of TAXPAYER other than the clearance.
REGISTRATION = ("taxpayerNumber", "person", "registeredOn", "taxOffice", "annualSummaries")


def refused(field: str, message: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """Return the whole result of a root field refused with `BAD_USER_INPUT`."""
    error = {
        "message": message,
        "locations": [{"line": 3, "column": 3}],
        "path": [field],
        "extensions": {"code": "BAD_USER_INPUT"},
    }
    return {"data": data, "errors": [error]}


async def test_taxpayer_with_arrears_is_not_cleared(graphql: GraphQL) -> None:
    # given the first taxpayer of the population who owes tax
    debtor = first_taxpayer("who owes tax", lambda taxpayer: taxpayer.outstanding > 0)
    # when staff look the taxpayer up by number
    result = await graphql("tax", TAXPAYER, {"number": debtor.person_id})
    # then the registration, the summaries (newest first) and the unpaid clearance come back
    assert result == {
        "data": {
            "taxpayer": {
                **taxpayer_json(debtor, *REGISTRATION),
                "clearance": {
                    "cleared": False,
                    "outstandingFen": debtor.outstanding,
                    "asOf": today_in_sanming().isoformat(),
                },
            }
        }
    }


async def test_taxpayer_without_arrears_is_cleared(graphql: GraphQL) -> None:
    # given the first taxpayer of the population who owes nothing
    taxpayer = first_taxpayer("who owes nothing", lambda taxpayer: taxpayer.outstanding == 0)
    # when staff look the taxpayer up by number
    result = await graphql("tax", TAXPAYER, {"number": taxpayer.person_id})
    # then the clearance states that nothing is outstanding
    assert result == {
        "data": {
            "taxpayer": {
                **taxpayer_json(taxpayer, *REGISTRATION),
                "clearance": {
                    "cleared": True,
                    "outstandingFen": 0,
                    "asOf": today_in_sanming().isoformat(),
                },
            }
        }
    }


async def test_unregistered_taxpayer_number_is_null(graphql: GraphQL) -> None:
    # given the valid ID number of a registered person who is not a taxpayer
    number = non_taxpayer()
    # when staff look it up
    result = await graphql("tax", TAXPAYER, {"number": number})
    # then the answer is null, without an error
    assert result == {"data": {"taxpayer": None}}


@pytest.mark.parametrize(
    "number", ["35042419800922001", "350424198009220019", "350424198002300018", "X" * 18]
)
async def test_malformed_taxpayer_number_is_bad_user_input(graphql: GraphQL, number: str) -> None:
    # given a taxpayer number that is too short, fails its check digit or has no real birth date
    # when staff look it up
    result = await graphql("tax", TAXPAYER, {"number": number})
    # then the lookup is refused as bad user input, the nullable field left null
    assert result == refused(
        "taxpayer", "not a valid 18-character citizen ID number (GB 11643)", {"taxpayer": None}
    )


async def test_taxpayers_with_arrears_of_a_tax_office(graphql: GraphQL) -> None:
    # given the tax office with the most taxpayers who owe tax
    office = office_with_most_debtors(at_least=1)
    # when staff list its taxpayers with arrears
    result = await graphql("tax", ARREARS, {"office": office, "first": 20})
    # then exactly those who owe tax come back by taxpayer number, with what they owe
    items = [
        {
            "taxpayerNumber": debtor.person_id,
            "clearance": {"cleared": False, "outstandingFen": debtor.outstanding},
        }
        for debtor in debtors_of(office)
    ]
    assert result == {"data": {"taxpayersWithArrears": page_json(items, 20, "taxpayerNumber")}}


async def test_two_pages_of_arrears_equal_one_bigger_page(graphql: GraphQL) -> None:
    # given a tax office where two or more taxpayers owe tax, and the first page of one of them
    office = office_with_most_debtors(at_least=2)
    owing = len(debtors_of(office))
    first = await graphql("tax", ARREARS, {"office": office, "first": 1})
    cursor = first["data"]["taxpayersWithArrears"]["pageInfo"]["endCursor"]
    # when the next page of the rest is fetched after it, and a page of them all from the start
    second = await graphql("tax", ARREARS, {"office": office, "first": owing - 1, "after": cursor})
    both = await graphql("tax", ARREARS, {"office": office, "first": owing})
    # then the two small pages hold the bigger page's items, and only the first says more follow
    pages = [first["data"]["taxpayersWithArrears"], second["data"]["taxpayersWithArrears"]]
    assert [page["pageInfo"]["hasNextPage"] for page in pages] == [True, False]
    assert {
        "items": pages[0]["items"] + pages[1]["items"],
        "pageInfo": pages[1]["pageInfo"],
    } == both["data"]["taxpayersWithArrears"]


@pytest.mark.parametrize("office", ["135049900", "235042400", "1350424", "135042401", ""])
async def test_unknown_tax_office_is_bad_user_input(graphql: GraphQL, office: str) -> None:
    # given a tax office code that is not 1 + a county of Sanming + 00
    # when staff list its taxpayers with arrears
    result = await graphql("tax", ARREARS, {"office": office, "first": 20})
    # then the listing is refused as bad user input
    message = f"unknown tax office {office!r}; expected 1 + a county code of Sanming + 00"
    assert result == refused("taxpayersWithArrears", message, None)


@pytest.mark.parametrize("first", [0, -1, 101])
async def test_page_size_out_of_range_is_bad_user_input(graphql: GraphQL, first: int) -> None:
    # given a page size outside 1..100
    # when staff list a tax office's taxpayers with arrears
    result = await graphql("tax", ARREARS, {"office": NINGHUA_OFFICE, "first": first})
    # then the listing is refused as bad user input
    assert result == refused("taxpayersWithArrears", "`first` must be between 1 and 100", None)
