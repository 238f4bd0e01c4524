"""Tax entities resolve in one SQL query per batch, in the order asked."""

from __future__ import annotations

from tests.agencies.tax.population import (
    first_taxpayer,
    first_taxpayers,
    non_taxpayer,
    taxpayer_json,
)
from tests.conftest import GraphQL, SqlLog

TAXPAYERS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Taxpayer { taxpayerNumber registeredOn taxOffice }
  }
}
"""

TAXPAYER_SUMMARIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Taxpayer { taxpayerNumber annualSummaries { year incomeFen taxPaidFen } }
  }
}
"""

PERSON_KEYS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { idNumber } }
}
"""

PERSON_TAXPAYERS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber taxpayer { taxpayerNumber taxOffice } }
  }
}
"""

UNKNOWN = "350424199001010011"


async def test_taxpayers_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the first two taxpayers of the population and an ID number not registered for tax
    first, second = first_taxpayers(2)
    representations = [
        {"__typename": "Taxpayer", "taxpayerNumber": second.person_id},
        {"__typename": "Taxpayer", "taxpayerNumber": UNKNOWN},
        {"__typename": "Taxpayer", "taxpayerNumber": first.person_id},
    ]
    sql.reset()
    # when the gateway resolves them in one _entities call
    result = await graphql("tax", TAXPAYERS, {"representations": representations})
    # then the answer keeps their order, with null for the unknown key, from one SELECT
    fields = ("taxpayerNumber", "registeredOn", "taxOffice")
    assert result == {
        "data": {
            "_entities": [
                taxpayer_json(second, *fields),
                None,
                taxpayer_json(first, *fields),
            ]
        }
    }
    assert len(sql.selects("tax")) == 1


async def test_annual_summaries_of_several_taxpayers_load_in_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the first taxpayer with three tax years and the first with one
    three = first_taxpayer("with three tax years", lambda taxpayer: len(taxpayer.years) == 3)
    one = first_taxpayer("with one tax year", lambda taxpayer: len(taxpayer.years) == 1)
    representations = [
        {"__typename": "Taxpayer", "taxpayerNumber": three.person_id},
        {"__typename": "Taxpayer", "taxpayerNumber": one.person_id},
    ]
    sql.reset()
    # when their annual summaries are asked for in one _entities call
    result = await graphql("tax", TAXPAYER_SUMMARIES, {"representations": representations})
    # then each lists its years newest first, from one SELECT of taxpayers and one of summaries
    fields = ("taxpayerNumber", "annualSummaries")
    assert result == {
        "data": {"_entities": [taxpayer_json(three, *fields), taxpayer_json(one, *fields)]}
    }
    assert len(sql.selects("tax")) == 2


async def test_person_taxpayer_of_several_persons_runs_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given two taxpayers, a registered person who is not a taxpayer and an unknown person,
    # as Person keys
    first, second = first_taxpayers(2)
    stranger = non_taxpayer()
    representations = [
        {"__typename": "Person", "idNumber": second.person_id},
        {"__typename": "Person", "idNumber": stranger},
        {"__typename": "Person", "idNumber": UNKNOWN},
        {"__typename": "Person", "idNumber": first.person_id},
    ]
    sql.reset()
    # when the gateway asks for their taxpayer registrations in one _entities call
    result = await graphql("tax", PERSON_TAXPAYERS, {"representations": representations})
    # then every person resolves in order, null where not registered, from one SELECT
    fields = ("taxpayerNumber", "taxOffice")
    assert result == {
        "data": {
            "_entities": [
                {"idNumber": second.person_id, "taxpayer": taxpayer_json(second, *fields)},
                {"idNumber": stranger, "taxpayer": None},
                {"idNumber": UNKNOWN, "taxpayer": None},
                {"idNumber": first.person_id, "taxpayer": taxpayer_json(first, *fields)},
            ]
        }
    }
    assert len(sql.selects("tax")) == 1


async def test_person_keys_resolve_without_a_query(graphql: GraphQL, sql: SqlLog) -> None:
    # given a Person key the tax bureau has no record of
    representations = [{"__typename": "Person", "idNumber": UNKNOWN}]
    sql.reset()
    # when only the key field is asked for
    result = await graphql("tax", PERSON_KEYS, {"representations": representations})
    # then the person resolves from its key alone, without touching the database
    assert result == {"data": {"_entities": [{"idNumber": UNKNOWN}]}}
    assert sql.selects("tax") == []
