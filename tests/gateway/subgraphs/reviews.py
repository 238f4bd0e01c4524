"""The reviews subgraph: what users wrote about products.

Federation features exercised here:

- `@provides` with `@external`: `Review.author: User! @provides(fields: "username")`
  and `User.username @external`; along `author` this subgraph answers `username` itself
  (same values as accounts), anywhere else it comes from accounts;
- entities extended with list fields: `Product.reviews` (by `upc`) and `User.reviews`;
  `Query.latestReviews` reaches products and users several times over, so the same
  representation shows up more than once in one fetch;
- field with arguments and defaults: `Product.reviews(minStars: Int! = 1, first: Int)`,
  `Query.latestReviews(first: Int! = 5)`; aliases of it with different arguments;
- nullable field that raises: `Product.reviewSummary: String` fails for "Dune" (upc 2),
  giving partial data with an error whose path the gateway must rewrite;
- `Voucher.reviewCount` by `upc: Int!`, beside `Product` by `upc: String!`: one fetch
  carries representations of both, with key values of different types; the count fails
  for voucher 8, an error the gateway must place on the shelf.
"""

from __future__ import annotations

from dataclasses import dataclass

import strawberry


@dataclass(frozen=True)
class ReviewRow:
    upc: str
    author_id: str
    stars: int
    body: str


REVIEWS = {
    "r1": ReviewRow("1", "u1", 5, "A cosy classic."),
    "r2": ReviewRow("2", "u2", 4, "The spice must flow."),
    "r3": ReviewRow("1", "u2", 3, "A long walk."),
    "r4": ReviewRow("3", "u1", 5, "Cyberpunk done right."),
    "r5": ReviewRow("2", "u3", 2, "Too much sand."),
}
USERNAMES = {"u1": "ada", "u2": "alan", "u3": "grace"}


@strawberry.federation.type(keys=["id"], description="A customer account.")
class User:
    id: strawberry.ID
    username: str = strawberry.federation.field(external=True)

    @strawberry.field(description="What the user wrote, oldest first.")
    def reviews(self) -> list[Review]:
        return [review(id) for id, row in REVIEWS.items() if row.author_id == self.id]

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return cls(id=id, username=USERNAMES.get(id, ""))


@strawberry.federation.type(keys=["upc"], description="A product's reviews.")
class Product:
    upc: str

    @strawberry.field(description="Reviews with at least `minStars` stars, oldest first.")
    def reviews(self, min_stars: int = 1, first: int | None = None) -> list[Review]:
        found = [
            review(id)
            for id, row in REVIEWS.items()
            if row.upc == self.upc and row.stars >= min_stars
        ]
        return found if first is None else found[:first]

    @strawberry.field(description="A one-line summary; the summariser chokes on upc 2.")
    def review_summary(self) -> str | None:
        if self.upc == "2":
            raise RuntimeError("summary service unavailable for upc 2")
        stars = [row.stars for row in REVIEWS.values() if row.upc == self.upc]
        if not stars:
            return "no reviews yet"
        return f"{len(stars)} review(s), {sum(stars) / len(stars):.1f} stars on average"

    @classmethod
    def resolve_reference(cls, upc: str) -> Product:
        return cls(upc=upc)


VOUCHER_REVIEWS = {7: 3}


@strawberry.federation.type(keys=["upc"], description="How often a voucher was reviewed.")
class Voucher:
    upc: int

    @strawberry.field(description="Reviews of the voucher; the counter fails for voucher 8.")
    def review_count(self) -> int | None:
        if self.upc == 8:
            raise RuntimeError("review counter unavailable for voucher 8")
        return VOUCHER_REVIEWS.get(self.upc, 0)

    @classmethod
    def resolve_reference(cls, upc: int) -> Voucher:
        return cls(upc=upc)


@strawberry.federation.type(keys=["id"], description="A review of a product.")
class Review:
    id: strawberry.ID
    stars: int
    body: str
    author: User = strawberry.federation.field(provides=["username"])
    product: Product

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Review | None:
        return review(id) if id in REVIEWS else None


def review(id: str) -> Review:
    row = REVIEWS[id]
    return Review(
        id=strawberry.ID(id),
        stars=row.stars,
        body=row.body,
        author=User(id=strawberry.ID(row.author_id), username=USERNAMES[row.author_id]),
        product=Product(upc=row.upc),
    )


@strawberry.type
class Query:
    @strawberry.field(description="The newest `first` reviews, newest first.")
    def latest_reviews(self, first: int = 5) -> list[Review]:
        return [review(id) for id in reversed(REVIEWS)][:first]


schema = strawberry.federation.Schema(query=Query, types=[Voucher])
