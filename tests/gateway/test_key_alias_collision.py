"""A client alias that takes the response key of a key field the planner must add."""

from __future__ import annotations

from tests.gateway.inprocess import in_process_gateway


async def test_alias_taking_a_key_fields_name_is_refused_not_answered_wrongly() -> None:
    # given a query naming the title `upc` while reviews need Product's key `upc`
    query = '{ product(upc: "1") { upc: title reviews { stars } } }'
    async with in_process_gateway() as gw:
        # when it is sent
        response = await gw.client.post("/graphql", json={"query": query})
    # then it is refused with a planning error that says what to change (Apollo Gateway
    # 2.14.4 answers it with the key's value, "1", where the title was asked)
    assert (response.status_code, response.json()) == (
        200,
        {
            "errors": [
                {
                    "message": "response key upc names two different fields; alias one of them",
                    "extensions": {"code": "QUERY_PLANNING_FAILED"},
                }
            ]
        },
    )
