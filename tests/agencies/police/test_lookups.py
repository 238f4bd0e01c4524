"""Staff lookups: a person with family and household, search by region, name and birth date."""

from __future__ import annotations

from tests.conftest import GraphQL
from tests.population import scenario

PERSON = """
query($id: String!) {
  person(idNumber: $id) {
    idNumber name sex ethnicityCode relationToHead
    ethnicGroup { code }
    father { idNumber } mother { idNumber }
    children { idNumber }
    household { head { idNumber } members { idNumber } station { kind parent { kind } } }
    ethnicityHistory { fromCode toCode basis }
  }
}
"""

SEARCH = """
query($region: String!, $name: String, $first: Int!, $after: String) {
  searchPersons(regionCode: $region, name: $name, first: $first, after: $after) {
    items { idNumber }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def test_person_shows_family_household_and_history(graphql: GraphQL) -> None:
    # given the man who changed his ethnicity once, living with both parents
    unit = scenario("changed_once")
    roles = unit.roles
    me = next(p for p in unit.persons if p.id_number == roles["child"])
    # when staff look him up
    result = await graphql("police", PERSON, {"id": roles["child"]})
    # then his record shows parents, household and the one change
    household = sorted([roles["father"], roles["mother"], roles["child"]])
    assert result == {
        "data": {
            "person": {
                "idNumber": roles["child"],
                "name": me.name,
                "sex": "MALE",
                "ethnicityCode": "22",
                "relationToHead": "子",
                "ethnicGroup": {"code": "22"},
                "father": {"idNumber": roles["father"]},
                "mother": {"idNumber": roles["mother"]},
                "children": [],
                "household": {
                    "head": {"idNumber": roles["father"]},
                    "members": [{"idNumber": i} for i in household],
                    "station": {"kind": "STATION", "parent": {"kind": "COUNTY_BUREAU"}},
                },
                "ethnicityHistory": [{"fromCode": "01", "toCode": "22", "basis": "MOTHER"}],
            }
        }
    }


async def test_unknown_person_is_null(graphql: GraphQL) -> None:
    # given a valid ID number nobody has, when staff look it up, then the answer is null
    result = await graphql("police", PERSON, {"id": "11010519491231002X"})
    assert result == {"data": {"person": None}}


async def test_malformed_id_number_is_a_user_error(graphql: GraphQL) -> None:
    # given an ID number with a wrong check digit, when staff look it up
    result = await graphql("police", PERSON, {"id": "110105194912310021"})
    # then they are told what is wrong
    assert result == {
        "data": {"person": None},
        "errors": [
            {
                "message": "not a valid 18-character citizen ID number (GB 11643)",
                "locations": [{"line": 3, "column": 3}],
                "path": ["person"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
    }


async def test_search_pages_stitch_into_one_list(graphql: GraphQL) -> None:
    # given the persons of 宁化县, when fetched as one page of 30 and as pages of 10
    whole = await graphql("police", SEARCH, {"region": "350424", "first": 30})
    stitched, after = [], None
    for _ in range(3):
        page = await graphql("police", SEARCH, {"region": "350424", "first": 10, "after": after})
        stitched += page["data"]["searchPersons"]["items"]
        after = page["data"]["searchPersons"]["pageInfo"]["endCursor"]
    # then the pages, in order, are the same persons
    assert stitched == whole["data"]["searchPersons"]["items"]
    assert len(stitched) == 30


async def test_search_by_name_prefix_escapes_wildcards(graphql: GraphQL) -> None:
    # given a name made of LIKE wildcards, when staff search with it, then nothing matches
    result = await graphql("police", SEARCH, {"region": "350424", "name": "%_", "first": 5})
    assert result == {
        "data": {
            "searchPersons": {"items": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}
        }
    }


async def test_search_by_surname_finds_only_that_surname(graphql: GraphQL) -> None:
    # given the scenario mother's surname, when staff search 宁化县 by it
    mother = next(p for p in scenario("remarried_minor").persons if p.sex == "F")
    query = SEARCH.replace("items { idNumber }", "items { idNumber name }")
    result = await graphql(
        "police", query, {"region": "350424", "name": mother.name[0], "first": 100}
    )
    names = [item["name"] for item in result["data"]["searchPersons"]["items"]]
    # then she is among the results and every result has that surname
    assert mother.name in names and {n[0] for n in names} == {mother.name[0]}


async def test_search_refuses_unknown_region_and_bad_page_size(graphql: GraphQL) -> None:
    # given a region outside Sanming and a page size of 0
    wrong_region = await graphql("police", SEARCH, {"region": "110105", "first": 5})
    wrong_size = await graphql("police", SEARCH, {"region": "350424", "first": 0})
    # then each is refused with a user error saying why
    assert [
        (r["data"], r["errors"][0]["message"], r["errors"][0]["extensions"])
        for r in (wrong_region, wrong_size)
    ] == [
        (
            None,
            "unknown region code '110105'; expected a county of Sanming",
            {"code": "BAD_USER_INPUT"},
        ),
        (None, "`first` must be between 1 and 100", {"code": "BAD_USER_INPUT"}),
    ]


async def test_police_hierarchy_is_city_counties_stations(graphql: GraphQL) -> None:
    # given Sanming's police units, when the city bureau is asked for its subordinates
    result = await graphql(
        "police",
        '{ policeUnit(code: "350400000000") { name kind '
        "subordinates { kind subordinates { kind } } } }",
    )
    city = result["data"]["policeUnit"]
    # then 11 county bureaus report to it, and only stations report to them
    assert (city["name"], city["kind"], len(city["subordinates"])) == (
        "三明市公安局",
        "CITY_BUREAU",
        11,
    )
    assert {s["kind"] for c in city["subordinates"] for s in c["subordinates"]} == {"STATION"}
