"""Police entities resolve in one SQL query per batch, in the order asked."""

from __future__ import annotations

from tests.conftest import GraphQL, SqlLog

ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber name }
  }
}
"""


async def test_entities_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given two registered persons and one unknown ID number
    page = await graphql(
        "police", '{ searchPersons(regionCode: "350424", first: 2) { items { idNumber name } } }'
    )
    first, second = page["data"]["searchPersons"]["items"]
    sql.reset()
    representations = [
        {"__typename": "Person", "idNumber": second["idNumber"]},
        {"__typename": "Person", "idNumber": "350424199001010011"},
        {"__typename": "Person", "idNumber": first["idNumber"]},
    ]
    # when the gateway resolves them in one _entities call
    result = await graphql("police", ENTITIES, {"representations": representations})
    # then the answer keeps their order, with null for the unknown key, from one SELECT
    assert result == {"data": {"_entities": [second, None, first]}}
    assert len(sql.selects("police")) == 1
