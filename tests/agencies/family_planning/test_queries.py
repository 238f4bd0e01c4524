"""Family-planning lookups and the search of births awaiting registration."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from agencies.population import generate
from agencies.population.records import BirthCertificate
from subgraph.pagination import encode_cursor
from tests.conftest import SPEC, GraphQL
from tests.population import scenario

NINGHUA = "350424"

CERTIFICATE_FIELDS = """
  number
  child { idNumber }
  childName
  childSex
  birthDate
  weightGrams
  hospital
  regionCode
  mother { idNumber }
  father { idNumber }
  issuedOn
  registered
"""

BIRTH_CERTIFICATE = f"""
query($number: String!) {{ birthCertificate(number: $number) {{ {CERTIFICATE_FIELDS} }} }}
"""

UNREGISTERED = f"""
query($region: String!, $first: Int!, $after: String) {{
  unregisteredBirths(regionCode: $region, first: $first, after: $after) {{
    items {{ {CERTIFICATE_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""


@cache
def all_certificates() -> tuple[BirthCertificate, ...]:
    return tuple(certificate for unit in generate(SPEC) for certificate in unit.birth_certificates)


def expected(certificate: BirthCertificate) -> dict[str, Any]:
    """The whole GraphQL answer for a certificate of the population."""
    return {
        "number": certificate.number,
        "child": None if certificate.child_id is None else {"idNumber": certificate.child_id},
        "childName": certificate.child_name,
        "childSex": {"M": "MALE", "F": "FEMALE"}[certificate.sex],
        "birthDate": certificate.birth_date.isoformat(),
        "weightGrams": certificate.weight_grams,
        "hospital": certificate.hospital,
        "regionCode": certificate.region_code,
        "mother": {"idNumber": certificate.mother_id},
        "father": None if certificate.father_id is None else {"idNumber": certificate.father_id},
        "issuedOn": certificate.issued_on.isoformat(),
        "registered": certificate.child_id is not None,
    }


@pytest.mark.parametrize("name", ["intact_mixed_minor", "newborn_mixed"])
async def test_birth_certificate_by_number(graphql: GraphQL, name: str) -> None:
    # given the certificate of a registered boy, or of a newborn not yet registered
    (certificate,) = scenario(name).birth_certificates
    # when staff look it up by its number
    result = await graphql("family_planning", BIRTH_CERTIFICATE, {"number": certificate.number})
    # then every field comes back, the child null and `registered` false until registration
    assert result == {"data": {"birthCertificate": expected(certificate)}}


async def test_birth_certificate_unknown_number_is_null(graphql: GraphQL) -> None:
    # given a certificate number that was never issued
    # when staff look it up
    result = await graphql("family_planning", BIRTH_CERTIFICATE, {"number": "Q999999999"})
    # then the answer is null without an error
    assert result == {"data": {"birthCertificate": None}}


async def test_unregistered_births_list_the_scenario_newborns_of_ninghua(
    graphql: GraphQL,
) -> None:
    # given the newborns of "newborn_mixed" and "birth_without_marriage", not yet registered
    mothers = {
        scenario(name).roles["mother"] for name in ("newborn_mixed", "birth_without_marriage")
    }
    pending = sorted(
        (c for c in all_certificates() if c.region_code == NINGHUA and c.child_id is None),
        key=lambda certificate: certificate.number,
    )
    assert mothers <= {certificate.mother_id for certificate in pending}
    # when Ninghua's staff list the births awaiting registration
    result = await graphql("family_planning", UNREGISTERED, {"region": NINGHUA, "first": 20})
    # then exactly the unregistered certificates of Ninghua come back, by number
    assert result == {
        "data": {
            "unregisteredBirths": {
                "items": [expected(certificate) for certificate in pending],
                "pageInfo": {"hasNextPage": False, "endCursor": encode_cursor(pending[-1].number)},
            }
        }
    }


async def test_two_pages_of_unregistered_births_equal_one_bigger_page(graphql: GraphQL) -> None:
    # given Ninghua's births awaiting registration
    variables: dict[str, Any] = {"region": NINGHUA}
    # when staff fetch two pages of one, and one page of two
    first = await graphql("family_planning", UNREGISTERED, {**variables, "first": 1})
    cursor = first["data"]["unregisteredBirths"]["pageInfo"]["endCursor"]
    second = await graphql(
        "family_planning", UNREGISTERED, {**variables, "first": 1, "after": cursor}
    )
    both = await graphql("family_planning", UNREGISTERED, {**variables, "first": 2})
    # then the small pages hold exactly the big page's items, two of them
    items = [page["data"]["unregisteredBirths"]["items"] for page in (first, second, both)]
    assert items[0] + items[1] == items[2]
    assert len(items[2]) == 2
    assert first["data"]["unregisteredBirths"]["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"region": "350400", "first": 20},
            "unknown region code '350400'; expected a county of Sanming",
        ),
        ({"region": NINGHUA, "first": 0}, "`first` must be between 1 and 100"),
        ({"region": NINGHUA, "first": 101}, "`first` must be between 1 and 100"),
        (
            {"region": NINGHUA, "first": 20, "after": "@@not-a-cursor@@"},
            "`after` is not a cursor returned by this API",
        ),
    ],
    ids=["unknown-region", "first-zero", "first-too-big", "bad-cursor"],
)
async def test_unregistered_births_refuse_bad_input(
    graphql: GraphQL, variables: dict[str, Any], message: str
) -> None:
    # given a search argument that is well-typed but unacceptable
    # when staff search with it
    result = await graphql("family_planning", UNREGISTERED, variables)
    # then nothing is returned and the error says BAD_USER_INPUT
    assert result == {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["unregisteredBirths"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
    }
