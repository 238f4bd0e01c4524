"""Nested fields load in a fixed number of SQL queries, whatever the page size."""

from __future__ import annotations

from tests.conftest import GraphQL, SqlLog

FAMILY_PAGE = """
query($first: Int!) {
  searchPersons(regionCode: "350424", first: $first) {
    items {
      name
      father { name }
      mother { name }
      children { name }
      household { address members { name } station { name parent { name } } }
      idCards { serial issuingUnit { name } }
      ethnicityHistory { toCode }
    }
  }
}
"""


async def selects_for(graphql: GraphQL, sql: SqlLog, first: int) -> int:
    sql.reset()
    result = await graphql("police", FAMILY_PAGE, {"first": first})
    assert "errors" not in result
    return len(sql.selects("police"))


async def test_nested_lists_do_not_cause_n_plus_one(graphql: GraphQL, sql: SqlLog) -> None:
    # given pages of 40 and of 80 persons with parents, children, households and cards
    # when each is fetched with every nested field
    counts = [await selects_for(graphql, sql, first) for first in (40, 80)]
    # then both take the same few queries: one per level and kind of relation (page,
    # parents, children, household, members, station, its bureau, cards, card units, history)
    assert counts[0] == counts[1] <= 10
