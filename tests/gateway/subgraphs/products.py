"""The products subgraph: the catalogue, its promotions and the editors' picks.

Federation features exercised here:

- multiple keys on one type: `Product @key(fields: "upc") @key(fields: "sku")`; reviews
  and shipping know products by `upc`, inventory only by `sku`, so the gateway has to
  come here to translate one key into the other;
- `resolvable: false` stub: `User @key(fields: "id", resolvable: false)`, only an id here,
  returned by `Wishlist.owner` and the `Pick` union;
- nested key: `Wishlist @key(fields: "owner { id }")` extended here with `products`;
- requires sources: `price`, `dimensions { weightGrams }` and the inaccessible
  `internalCode` are required by inventory; `dimensions { weightGrams }` starts the
  three-subgraph chain products → inventory (`shippingClass`) → shipping (`deliveryDays`);
- `@shareable` value type: `Dimensions`, also declared by inventory;
- `@override` source: `Product.inStock` is still declared here but answers a stale
  `false`; inventory overrides it with `@override(from: "products")`;
- `@inaccessible`: the field `Product.internalCode` and the enum value
  `Format.AUDIOBOOK` (one product, "Foundation", has that format);
- enum: `Format`, as output and as argument of `Query.products`;
- custom scalar: `Money` as output (`price`) and as argument (`products(maxPrice:)`);
- interface with implementations owned by different subgraphs: `Merchandise` is
  implemented by `Product` (owned here) and `GiftCard` (owned by accounts, extended here);
- entity interface for `@interfaceObject`: `Promotion @key(fields: "id")` with
  implementations `Discount` and `Bundle`, both here; shipping sees `Promotion` as an
  object type and adds `freeShipping`;
- union with members in different subgraphs: `Pick = Product | User` (`User` is a stub
  here; its fields come from accounts);
- arguments with defaults: `topProducts(first: Int! = 3)`;
- lists of entities with repeats: `Bundle.products` and `Wishlist.products` reach the
  same products that other fields reach;
- key fields of one name and different types: `Voucher @key(fields: "upc")` has
  `upc: Int!` where `Product.upc` is `String!`; `Query.shelf: [Shelved!]!` (a union of
  both) whose members both go to reviews makes the gateway select both keys side by
  side, which it must alias apart.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.federation.schema_directives import Key

from tests.gateway.subgraphs.common import Money


@strawberry.enum(description="How a title is published.")
class Format(Enum):
    HARDCOVER = "HARDCOVER"
    PAPERBACK = "PAPERBACK"
    EBOOK = "EBOOK"
    AUDIOBOOK = strawberry.federation.enum_value("AUDIOBOOK", inaccessible=True)


@strawberry.federation.type(shareable=True, description="Physical measurements.")
class Dimensions:
    weight_grams: int
    pages: int


@strawberry.interface(description="Anything the shop sells.")
class Merchandise:
    title: str
    price: Money


@strawberry.federation.type(keys=["upc", "sku"], description="A title in the catalogue.")
class Product(Merchandise):
    upc: str
    sku: str
    format: Format
    dimensions: Dimensions
    internal_code: str = strawberry.federation.field(
        inaccessible=True, description="Warehouse code; inventory requires it."
    )

    @strawberry.field(description="Stale: inventory overrides this field.")
    def in_stock(self) -> bool:
        return False

    @classmethod
    def resolve_reference(cls, upc: str | None = None, sku: str | None = None) -> Product | None:
        if upc is not None:
            return PRODUCTS.get(upc)
        return next((product for product in PRODUCTS.values() if product.sku == sku), None)


PRODUCTS = {
    product.upc: product
    for product in [
        Product(
            upc="1",
            sku="BK-1",
            title="The Hobbit",
            price=Decimal("12.50"),
            format=Format.HARDCOVER,
            dimensions=Dimensions(weight_grams=720, pages=310),
            internal_code="H-17",
        ),
        Product(
            upc="2",
            sku="BK-2",
            title="Dune",
            price=Decimal("9.99"),
            format=Format.PAPERBACK,
            dimensions=Dimensions(weight_grams=410, pages=612),
            internal_code="D-04",
        ),
        Product(
            upc="3",
            sku="BK-3",
            title="Neuromancer",
            price=Decimal("4.99"),
            format=Format.EBOOK,
            dimensions=Dimensions(weight_grams=0, pages=271),
            internal_code="N-88",
        ),
        Product(
            upc="4",
            sku="BK-4",
            title="Foundation",
            price=Decimal("15.00"),
            format=Format.AUDIOBOOK,
            dimensions=Dimensions(weight_grams=0, pages=255),
            internal_code="F-51",
        ),
    ]
}


@strawberry.federation.type(keys=["code"], description="A prepaid gift card (owned by accounts).")
class GiftCard(Merchandise):
    code: str

    @classmethod
    def resolve_reference(cls, code: str) -> GiftCard | None:
        return GIFT_CARDS.get(code)


GIFT_CARDS = {
    "GC-25": GiftCard(code="GC-25", title="Gift card 25", price=Decimal("25.00")),
    "GC-50": GiftCard(code="GC-50", title="Gift card 50", price=Decimal("50.00")),
}


@strawberry.federation.type(keys=[Key(fields="id", resolvable=False)], description="A user.")
class User:
    id: strawberry.ID


WISHED = {"u1": ["1", "3"], "u2": ["2", "1"], "u3": []}


@strawberry.federation.type(keys=["owner { id }"], description="One wishlist per user.")
class Wishlist:
    owner: User

    @strawberry.field(description="The wished-for products, most wanted first.")
    def products(self) -> list[Product]:
        return [PRODUCTS[upc] for upc in WISHED.get(self.owner.id, [])]

    @classmethod
    def resolve_reference(cls, owner: dict[str, str]) -> Wishlist:
        return cls(owner=User(id=strawberry.ID(owner["id"])))


@strawberry.federation.interface(keys=["id"], description="A promotion, owned by products.")
class Promotion:
    id: strawberry.ID
    headline: str

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Promotion | None:
        return PROMOTIONS.get(id)


@strawberry.federation.type(keys=["id"], description="A percentage off.")
class Discount(Promotion):
    percent: int


@strawberry.federation.type(keys=["id"], description="Several products sold together.")
class Bundle(Promotion):
    upcs: strawberry.Private[list[str]]

    @strawberry.field(description="The bundled products.")
    def products(self) -> list[Product]:
        return [PRODUCTS[upc] for upc in self.upcs]


PROMOTIONS: dict[str, Promotion] = {
    "promo-1": Discount(id=strawberry.ID("promo-1"), headline="Ten percent off Dune", percent=10),
    "promo-2": Bundle(id=strawberry.ID("promo-2"), headline="Two classics", upcs=["1", "2"]),
    "promo-3": Discount(id=strawberry.ID("promo-3"), headline="Half-price ebooks", percent=50),
}


@strawberry.federation.type(keys=["upc"], description="A reading voucher, numbered.")
class Voucher:
    upc: int
    title: str

    @classmethod
    def resolve_reference(cls, upc: int) -> Voucher | None:
        return VOUCHERS.get(upc)


VOUCHERS = {7: Voucher(upc=7, title="Reading voucher"), 8: Voucher(upc=8, title="Gift voucher")}

Pick = Annotated[Product | User, strawberry.union("Pick", description="An editors' pick.")]
Shelved = Annotated[
    Product | Voucher, strawberry.union("Shelved", description="On the front shelf.")
]


@strawberry.type
class Query:
    @strawberry.field(description="The first `first` products of the catalogue.")
    def top_products(self, first: int = 3) -> list[Product]:
        return list(PRODUCTS.values())[:first]

    @strawberry.field(description="A product by upc.")
    def product(self, upc: str) -> Product | None:
        return PRODUCTS.get(upc)

    @strawberry.field(
        description="Products by format and maximum price (elements nullable on purpose)."
    )
    def products(
        self, format: Format | None = None, max_price: Money | None = None
    ) -> list[Product | None]:
        return [
            product
            for product in PRODUCTS.values()
            if (format is None or product.format == format)
            and (max_price is None or product.price <= max_price)
        ]

    @strawberry.field(description="Everything for sale: products and gift cards.")
    def merchandise(self) -> list[Merchandise]:
        return [PRODUCTS["1"], GIFT_CARDS["GC-25"], PRODUCTS["2"], GIFT_CARDS["GC-50"]]

    @strawberry.field(description="Running promotions.")
    def promotions(self) -> list[Promotion]:
        return list(PROMOTIONS.values())

    @strawberry.field(description="What the editors recommend: products and people.")
    def editors_picks(self) -> list[Pick]:
        return [PRODUCTS["2"], User(id=strawberry.ID("u3")), PRODUCTS["1"]]

    @strawberry.field(description="The front shelf: products and vouchers.")
    def shelf(self) -> list[Shelved]:
        return [PRODUCTS["1"], VOUCHERS[7], PRODUCTS["3"], VOUCHERS[8]]


schema = strawberry.federation.Schema(
    query=Query, types=[Product, GiftCard, Wishlist, Discount, Bundle, User, Voucher]
)
