"""The inventory subgraph: stock, warehouses and parcel sizes.

Federation features exercised here:

- entity known by its second key only: `Product @key(fields: "sku")`;
- `@requires` with a nested selection: `Product.shippingEstimate @requires(fields:
  "price dimensions { weightGrams }")` (free from 10.00, else 1.00 + 1 cent per gram);
- `@requires` of an `@inaccessible` field: `Product.binLocation @requires(fields:
  "internalCode")`: clients cannot select `internalCode`, the gateway must still fetch it;
- middle link of a requires chain across three subgraphs: `Product.shippingClass
  @requires(fields: "dimensions { weightGrams }")` from products, itself required by
  shipping's `Product.deliveryDays`;
- `@override(from: "products")`: `Product.inStock` (products answers a stale `false`);
- `@shareable` field resolved by two subgraphs: `Warehouse.name`, also in shipping;
- compound key: `Warehouse @key(fields: "region code")`;
- non-null field that raises: `Product.stockLevel: Int!` fails for "Neuromancer" (BK-3),
  so the error nulls the nearest nullable parent;
- lists of entities: `Product.stockedAt: [Warehouse!]!`, `Query.warehouses`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from tests.gateway.subgraphs.common import Money

IN_STOCK = {"BK-1": True, "BK-2": True, "BK-3": True, "BK-4": False}
STOCK_LEVELS = {"BK-1": 5, "BK-2": 12, "BK-4": 0}
STOCKED_AT = {
    "BK-1": [("EU", "AMS"), ("US", "NYC")],
    "BK-2": [("EU", "BER"), ("EU", "AMS")],
    "BK-3": [],
    "BK-4": [],
}
WAREHOUSE_NAMES = {
    ("EU", "AMS"): "Amsterdam Central",
    ("EU", "BER"): "Berlin South",
    ("US", "NYC"): "New York Pier",
}
FREE_SHIPPING_FROM = Decimal("10.00")


@strawberry.federation.type(shareable=True, description="Physical measurements.")
class Dimensions:
    weight_grams: int


@strawberry.federation.type(keys=["region code"], description="A warehouse.")
class Warehouse:
    region: str
    code: str

    @strawberry.federation.field(shareable=True, description="Display name.")
    def name(self) -> str:
        return WAREHOUSE_NAMES[(self.region, self.code)]

    @classmethod
    def resolve_reference(cls, region: str, code: str) -> Warehouse | None:
        return cls(region=region, code=code) if (region, code) in WAREHOUSE_NAMES else None


@strawberry.federation.type(keys=["sku"], description="A title's stock.")
class Product:
    sku: str
    # External fields are only known when a representation brings them (for @requires),
    # hence None in Python but non-null in GraphQL, as in products.
    price: Decimal | None = strawberry.federation.field(
        external=True, graphql_type=Money, default=None
    )
    dimensions: Dimensions | None = strawberry.federation.field(
        external=True, graphql_type=Dimensions, default=None
    )
    internal_code: str | None = strawberry.federation.field(
        external=True, graphql_type=str, default=None
    )

    @strawberry.federation.field(override="products", description="Whether it can be ordered.")
    def in_stock(self) -> bool:
        return IN_STOCK[self.sku]

    @strawberry.field(description="Units on hand; the feed for BK-3 is down.")
    def stock_level(self) -> int:
        if self.sku not in STOCK_LEVELS:
            raise RuntimeError(f"stock feed offline for {self.sku}")
        return STOCK_LEVELS[self.sku]

    @strawberry.federation.field(
        requires=["price dimensions { weightGrams }"],
        description="Postage: free from 10.00, else 1.00 plus one cent per gram.",
    )
    def shipping_estimate(self) -> Money:
        assert self.price is not None and self.dimensions is not None
        if self.price >= FREE_SHIPPING_FROM:
            return Decimal("0.00")
        return Decimal("1.00") + Decimal(self.dimensions.weight_grams) / 100

    @strawberry.federation.field(
        requires=["dimensions { weightGrams }"],
        description="DIGITAL when weightless, LIGHT under 500 g, else HEAVY.",
    )
    def shipping_class(self) -> str:
        assert self.dimensions is not None
        weight = self.dimensions.weight_grams
        return "DIGITAL" if weight == 0 else "LIGHT" if weight < 500 else "HEAVY"

    @strawberry.federation.field(
        requires=["internalCode"], description="Where to find it: derived from internalCode."
    )
    def bin_location(self) -> str:
        assert self.internal_code is not None
        return f"bin {self.internal_code.lower()}"

    @strawberry.field(description="Warehouses holding it.")
    def stocked_at(self) -> list[Warehouse]:
        return [Warehouse(region=region, code=code) for region, code in STOCKED_AT[self.sku]]

    @classmethod
    def resolve_reference(
        cls,
        sku: str,
        price: Any = None,
        dimensions: dict[str, Any] | None = None,
        internalCode: str | None = None,  # the representation's (GraphQL) field name
    ) -> Product | None:
        if sku not in IN_STOCK:
            return None
        return cls(
            sku=sku,
            price=None if price is None else Decimal(str(price)),
            dimensions=None
            if dimensions is None
            else Dimensions(weight_grams=dimensions["weightGrams"]),
            internal_code=internalCode,
        )


@strawberry.type
class Query:
    @strawberry.field(description="Every warehouse.")
    def warehouses(self) -> list[Warehouse]:
        return [Warehouse(region=region, code=code) for region, code in WAREHOUSE_NAMES]


schema = strawberry.federation.Schema(query=Query, types=[Product])
