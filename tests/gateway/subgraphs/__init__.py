"""Small in-memory federation subgraphs the gateways are checked on.

Together they exercise every federation feature the gateway must handle; each module's
docstring lists its own. `SUBGRAPHS` maps each subgraph's name (as composed into the
supergraph) to its `strawberry.federation.Schema`.
"""

from __future__ import annotations

from strawberry.federation import Schema

from tests.gateway.subgraphs import accounts, inventory, products, reviews, shipping

SUBGRAPHS: dict[str, Schema] = {
    "accounts": accounts.schema,
    "inventory": inventory.schema,
    "products": products.schema,
    "reviews": reviews.schema,
    "shipping": shipping.schema,
}
