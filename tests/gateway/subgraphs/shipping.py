"""The shipping subgraph: delivery times, warehouse addresses, shipments and promotions.

Federation features exercised here:

- last link of a requires chain across three subgraphs: `Product.deliveryDays(express:
  Boolean! = false) @requires(fields: "shippingClass")`, where `shippingClass` comes from
  inventory (by `sku`) and needs `dimensions { weightGrams }` from products, while this
  subgraph knows products by `upc`;
- field with arguments and a default: `deliveryDays(express:)`;
- `@interfaceObject`: `Promotion @key(fields: "id") @interfaceObject` is an interface owned
  by products (implementations `Discount`, `Bundle`); here it is an object type adding
  `freeShipping`, and `Query.freeShippingPromotions` returns it without knowing the
  concrete types;
- `@shareable` field resolved by two subgraphs: `Warehouse.name`, also in inventory;
- compound key: `Warehouse @key(fields: "region code")`, reachable from here by
  `Query.warehouse(region:, code:)`;
- mutations whose order matters: `resetJournal` then `ship(upc:)` append to the journal
  shared with accounts' `signIn`; each answer is a snapshot of the journal, and a
  `Shipment` links back to a `Product` entity resolved elsewhere.
"""

from __future__ import annotations

import strawberry

from tests.gateway.subgraphs.common import JOURNAL

DELIVERY_DAYS = {"DIGITAL": (0, 0), "LIGHT": (3, 1), "HEAVY": (5, 2)}
ADDRESSES = {
    ("EU", "AMS"): "Havenstraat 1, Amsterdam",
    ("EU", "BER"): "Südring 9, Berlin",
    ("US", "NYC"): "Pier 40, New York",
}
WAREHOUSE_NAMES = {
    ("EU", "AMS"): "Amsterdam Central",
    ("EU", "BER"): "Berlin South",
    ("US", "NYC"): "New York Pier",
}
FREE_SHIPPING = {"promo-1": False, "promo-2": True, "promo-3": True}


@strawberry.federation.type(keys=["upc"], description="A product's delivery terms.")
class Product:
    upc: str
    # Known only when a representation brings it (for @requires); non-null in GraphQL.
    shipping_class: str | None = strawberry.federation.field(
        external=True, graphql_type=str, default=None
    )

    @strawberry.federation.field(requires=["shippingClass"], description="Working days to deliver.")
    def delivery_days(self, express: bool = False) -> int:
        assert self.shipping_class is not None
        standard, fast = DELIVERY_DAYS[self.shipping_class]
        return fast if express else standard

    @classmethod
    def resolve_reference(
        cls,
        upc: str,
        shippingClass: str | None = None,  # the representation's (GraphQL) field name
    ) -> Product:
        return cls(upc=upc, shipping_class=shippingClass)


@strawberry.federation.type(keys=["region code"], description="A warehouse.")
class Warehouse:
    region: str
    code: str

    @strawberry.federation.field(shareable=True, description="Display name.")
    def name(self) -> str:
        return WAREHOUSE_NAMES[(self.region, self.code)]

    @strawberry.field(description="Street address.")
    def address(self) -> str:
        return ADDRESSES[(self.region, self.code)]

    @classmethod
    def resolve_reference(cls, region: str, code: str) -> Warehouse | None:
        return cls(region=region, code=code) if (region, code) in ADDRESSES else None


@strawberry.federation.interface_object(keys=["id"], description="A promotion (see products).")
class Promotion:
    id: strawberry.ID

    @strawberry.field(description="Whether orders under it ship for free.")
    def free_shipping(self) -> bool:
        return FREE_SHIPPING[self.id]

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Promotion | None:
        return cls(id=id) if id in FREE_SHIPPING else None


@strawberry.type(description="A parcel sent by `ship`.")
class Shipment:
    number: int
    upc: strawberry.Private[str]
    journal: list[str] = strawberry.field(description="The journal right after shipping.")

    @strawberry.field(description="What was shipped.")
    def product(self) -> Product:
        return Product(upc=self.upc)


@strawberry.type
class Query:
    @strawberry.field(description="A warehouse by its compound key.")
    def warehouse(self, region: str, code: str) -> Warehouse | None:
        return Warehouse.resolve_reference(region=region, code=code)

    @strawberry.field(description="Promotions that ship for free, without their concrete type.")
    def free_shipping_promotions(self) -> list[Promotion]:
        return [Promotion(id=strawberry.ID(id)) for id, free in FREE_SHIPPING.items() if free]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Empties the journal and returns it (empty).")
    def reset_journal(self) -> list[str]:
        JOURNAL.clear()
        return list(JOURNAL)

    @strawberry.mutation(description='Journals "ship <upc>" and returns the shipment.')
    def ship(self, upc: str) -> Shipment:
        JOURNAL.append(f"ship {upc}")
        return Shipment(number=len(JOURNAL), upc=upc, journal=list(JOURNAL))


schema = strawberry.federation.Schema(query=Query, mutation=Mutation, types=[Product, Promotion])
