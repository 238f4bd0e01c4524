"""Civil-affairs entities resolve by key, in the order asked, one SQL query per batch."""

from __future__ import annotations

import pytest

from tests.agencies.civil_affairs.population import MARRIAGE_FIELDS, marriage_json
from tests.conftest import GraphQL, SqlLog
from tests.population import scenario

MARRIAGE_ENTITIES = f"""
query($representations: [_Any!]!) {{
  _entities(representations: $representations) {{
    ... on Marriage {{ {MARRIAGE_FIELDS} }}
  }}
}}
"""

ADOPTION_ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Adoption {
      number registeredOn regionCode
      child { idNumber } adoptiveFather { idNumber } adoptiveMother { idNumber }
    }
  }
}
"""

PERSON_MARRIAGES = f"""
query($representations: [_Any!]!) {{
  _entities(representations: $representations) {{
    ... on Person {{ idNumber maritalStatus marriages {{ {MARRIAGE_FIELDS} }} }}
  }}
}}
"""

PERSON_RECORDS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber adoptions { number } adoptionsAsParent { number }
                    guardianships { number } wards { number } }
  }
}
"""


def person_list(field: str) -> str:
    """An _entities query for one list field of persons, by record number."""
    return f"""
query($representations: [_Any!]!) {{
  _entities(representations: $representations) {{
    ... on Person {{ idNumber {field} {{ number }} }}
  }}
}}
"""


async def test_marriages_resolve_by_number_in_order_with_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the mother's first (divorced) and second marriage, and an unknown number
    first, second = scenario("remarried_minor").marriages
    representations = [
        {"__typename": "Marriage", "number": second.number},
        {"__typename": "Marriage", "number": "J350424-1900-9999999"},
        {"__typename": "Marriage", "number": first.number},
    ]
    sql.reset()
    # when the gateway resolves them in one _entities call
    result = await graphql("civil_affairs", MARRIAGE_ENTITIES, {"representations": representations})
    # then the answer keeps their order, with null for the unknown key, from one SELECT
    assert result == {"data": {"_entities": [marriage_json(second), None, marriage_json(first)]}}
    assert len(sql.selects("civil_affairs")) == 1


async def test_adoption_resolves_with_child_and_adoptive_parents(graphql: GraphQL) -> None:
    # given the adoption of the adopted_minor scenario
    unit = scenario("adopted_minor")
    (adoption,) = unit.adoptions
    # when the gateway resolves it by number
    result = await graphql(
        "civil_affairs",
        ADOPTION_ENTITIES,
        {"representations": [{"__typename": "Adoption", "number": adoption.number}]},
    )
    # then it names the child and both adopters by ID number, for the police to resolve
    assert result == {
        "data": {
            "_entities": [
                {
                    "number": adoption.number,
                    "registeredOn": adoption.registered_on.isoformat(),
                    "regionCode": "350424",
                    "child": {"idNumber": unit.roles["child"]},
                    "adoptiveFather": {"idNumber": unit.roles["father"]},
                    "adoptiveMother": {"idNumber": unit.roles["mother"]},
                }
            ]
        }
    }


async def test_person_marriages_of_several_persons_load_in_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the remarried mother, her ex-husband, her son (never married) and her new husband
    unit = scenario("remarried_minor")
    first, second = unit.marriages
    people = [unit.roles[role] for role in ("mother", "father", "child", "step_father")]
    sql.reset()
    # when the gateway asks for their marriages and marital status in one _entities call
    result = await graphql(
        "civil_affairs",
        PERSON_MARRIAGES,
        {"representations": [{"__typename": "Person", "idNumber": p} for p in people]},
    )
    # then each gets their marriages, oldest first, and the civil-affairs database ran ONE select
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": people[0],
                    "maritalStatus": "MARRIED",
                    "marriages": [marriage_json(first), marriage_json(second)],
                },
                {
                    "idNumber": people[1],
                    "maritalStatus": "DIVORCED",
                    "marriages": [marriage_json(first)],
                },
                {"idNumber": people[2], "maritalStatus": "SINGLE", "marriages": []},
                {
                    "idNumber": people[3],
                    "maritalStatus": "MARRIED",
                    "marriages": [marriage_json(second)],
                },
            ]
        }
    }
    assert len(sql.selects("civil_affairs")) == 1


@pytest.mark.parametrize(
    ("field", "role", "adopted"),
    [
        ("adoptions", "child", True),  # the adopted girl was adopted
        ("adoptions", "father", False),  # her adoptive father was not
        ("adoptionsAsParent", "father", True),  # he adopted her
        ("adoptionsAsParent", "mother", True),  # and so did his wife
        ("adoptionsAsParent", "child", False),  # the girl adopted no one
        ("guardianships", "child", False),  # adopted, she needs no appointed guardian
        ("wards", "father", False),  # and her father is no one's appointed guardian
    ],
)
async def test_person_adoptions_and_guardianships_by_role(
    graphql: GraphQL, field: str, role: str, adopted: bool
) -> None:
    # given one member of the adopted_minor family (a She couple adopted a Han girl)
    unit = scenario("adopted_minor")
    (adoption,) = unit.adoptions
    id_number = unit.roles[role]
    # when the gateway asks for one of the person's adoption or guardianship lists
    result = await graphql(
        "civil_affairs",
        person_list(field),
        {"representations": [{"__typename": "Person", "idNumber": id_number}]},
    )
    # then it holds the adoption exactly where the person took part in it in that role
    records = [{"number": adoption.number}] if adopted else []
    assert result == {"data": {"_entities": [{"idNumber": id_number, field: records}]}}


async def test_person_lists_from_several_tables_in_one_request(graphql: GraphQL) -> None:
    # given the adopted girl of the adopted_minor scenario
    unit = scenario("adopted_minor")
    (adoption,) = unit.adoptions
    child = unit.roles["child"]
    # when the gateway asks for all her adoption and guardianship lists at once
    result = await graphql(
        "civil_affairs",
        PERSON_RECORDS,
        {"representations": [{"__typename": "Person", "idNumber": child}]},
    )
    # then each list answers, from its own table, in the one response
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": child,
                    "adoptions": [{"number": adoption.number}],
                    "adoptionsAsParent": [],
                    "guardianships": [],
                    "wards": [],
                }
            ]
        }
    }
