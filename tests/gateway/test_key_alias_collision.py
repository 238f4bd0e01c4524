"""Client aliases that take the names of fields the planner adds (keys, @requires fields).

The planner's own fields then travel under `<name>__key`, so the client's field keeps its
response key. Apollo Gateway 2.14.4 answers the first case below with the key's value ("1")
where the client asked for the title.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.gateway.inprocess import in_process_gateway

CASES = {
    "key after the alias": (
        '{ product(upc: "1") { upc: title reviews { stars } } }',
        {"product": {"upc": "The Hobbit", "reviews": [{"stars": 5}, {"stars": 3}]}},
    ),
    "key before the alias": (
        '{ product(upc: "1") { reviews { stars } upc: title } }',
        {"product": {"reviews": [{"stars": 5}, {"stars": 3}], "upc": "The Hobbit"}},
    ),
    "@requires field": (
        '{ product(upc: "1") { dimensions: title shippingClass } }',
        {"product": {"dimensions": "The Hobbit", "shippingClass": "HEAVY"}},
    ),
    "key of another subgraph (inventory knows products by sku)": (
        '{ product(upc: "1") { sku: title inStock } }',
        {"product": {"sku": "The Hobbit", "inStock": True}},
    ),
    "key chain from reviews through products to inventory": (
        "{ latestReviews(first: 2) { product { upc: title sku inStock } } }",
        {
            "latestReviews": [
                {"product": {"upc": "Dune", "sku": "BK-2", "inStock": True}},
                {"product": {"upc": "Neuromancer", "sku": "BK-3", "inStock": True}},
            ]
        },
    ),
}


@pytest.mark.parametrize("query, data", CASES.values(), ids=CASES.keys())
async def test_client_alias_keeps_its_field_beside_the_planners(
    query: str, data: dict[str, Any]
) -> None:
    # given a query whose alias names a field the planner must add at the same place
    async with in_process_gateway() as gw:
        # when it is sent
        response = await gw.client.post("/graphql", json={"query": query})
    # then every aliased field holds what the client asked for, and the jumps still work
    assert (response.status_code, response.json()) == (200, {"data": data})
