"""Ethnic-affairs entities resolve in one SQL query per batch, in the order asked."""

from __future__ import annotations

from tests.conftest import GraphQL, SqlLog
from tests.population import scenario

UNKNOWN_ID_NUMBER = "350424199001010011"

ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on EthnicGroup { code nameZh nameEn }
    ... on EthnicityChange { number decidedOn }
    ... on Person { idNumber ethnicityChanges { number basis decidedOn } }
  }
}
"""


async def test_ethnic_groups_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the She and Han codes around a code GB 3304 does not have
    representations = [
        {"__typename": "EthnicGroup", "code": "22"},
        {"__typename": "EthnicGroup", "code": "99"},
        {"__typename": "EthnicGroup", "code": "01"},
    ]
    sql.reset()
    # when the gateway resolves them in one _entities call
    result = await graphql("ethnic_affairs", ENTITIES, {"representations": representations})
    # then the groups come back in that order, null for the unknown code, from one SELECT
    assert result == {
        "data": {
            "_entities": [
                {"code": "22", "nameZh": "畲族", "nameEn": "She"},
                None,
                {"code": "01", "nameZh": "汉族", "nameEn": "Han"},
            ]
        }
    }
    assert len(sql.selects("ethnic_affairs")) == 1


async def test_ethnicity_changes_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the approved change of the "changed_once" scenario and an unknown number
    (change,) = scenario("changed_once").ethnicity_changes
    representations = [
        {"__typename": "EthnicityChange", "number": "MZ350424-1999-99999"},
        {"__typename": "EthnicityChange", "number": change.number},
    ]
    sql.reset()
    # when the gateway resolves them
    result = await graphql("ethnic_affairs", ENTITIES, {"representations": representations})
    # then the unknown number is null and the change follows it, from one SELECT
    assert result == {
        "data": {
            "_entities": [
                None,
                {"number": change.number, "decidedOn": change.decided_on.isoformat()},
            ]
        }
    }
    assert len(sql.selects("ethnic_affairs")) == 1


async def test_ethnicity_changes_of_several_persons_load_in_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the child who changed once, the child's mother and an unknown person
    unit = scenario("changed_once")
    (change,) = unit.ethnicity_changes
    representations = [
        {"__typename": "Person", "idNumber": unit.roles["mother"]},
        {"__typename": "Person", "idNumber": unit.roles["child"]},
        {"__typename": "Person", "idNumber": UNKNOWN_ID_NUMBER},
    ]
    sql.reset()
    # when the gateway asks for each person's ethnicity changes
    result = await graphql("ethnic_affairs", ENTITIES, {"representations": representations})
    # then every person gets their own list, in order, from a single SELECT
    assert result == {
        "data": {
            "_entities": [
                {"idNumber": unit.roles["mother"], "ethnicityChanges": []},
                {
                    "idNumber": unit.roles["child"],
                    "ethnicityChanges": [
                        {
                            "number": change.number,
                            "basis": "MOTHER",
                            "decidedOn": change.decided_on.isoformat(),
                        }
                    ],
                },
                {"idNumber": UNKNOWN_ID_NUMBER, "ethnicityChanges": []},
            ]
        }
    }
    assert len(sql.selects("ethnic_affairs")) == 1
