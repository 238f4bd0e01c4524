"""The accounts subgraph: users, their gift cards and their wishlists.

Federation features exercised here:

- single key: `User @key(fields: "id")`, owned here and resolved here for every other
  subgraph (products only holds a `resolvable: false` stub, reviews a provided username);
- nested key: `Wishlist @key(fields: "owner { id }")`, owned here (`name`) and extended by
  products (`products`), so representations carry `{"owner": {"id": ...}}`;
- an interface implementation owned elsewhere: `GiftCard` is owned here (`balance`,
  `holder`) but implements products' `Merchandise` interface over there;
- custom scalar: `GiftCard.balance: Money`;
- mutation in order: `Mutation.signIn` appends to the shared journal and returns it, so
  it interleaves observably with shipping's `Mutation.ship`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import strawberry

from tests.gateway.subgraphs.common import JOURNAL, Money


@dataclass(frozen=True)
class UserRow:
    username: str
    name: str


USERS = {
    "u1": UserRow("ada", "Ada Lovelace"),
    "u2": UserRow("alan", "Alan Turing"),
    "u3": UserRow("grace", "Grace Hopper"),
}
WISHLIST_NAMES = {"u1": "Ada's reading list", "u2": "Alan's picks", "u3": "Grace's shelf"}
GIFT_CARDS = {"GC-25": (Decimal("25.00"), "u2"), "GC-50": (Decimal("12.00"), "u1")}


@strawberry.federation.type(keys=["id"], description="A customer account.")
class User:
    id: strawberry.ID
    username: str = strawberry.federation.field(
        shareable=True, description="Login name; reviews provides it too."
    )
    name: str

    @strawberry.field(description="The user's wishlist; every user has one.")
    def wishlist(self) -> Wishlist:
        return Wishlist(owner=self)

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User | None:
        return user(id)


def user(id: str) -> User | None:
    row = USERS.get(id)
    if row is None:
        return None
    return User(id=strawberry.ID(id), username=row.username, name=row.name)


@strawberry.federation.type(keys=["owner { id }"], description="One wishlist per user.")
class Wishlist:
    owner: User

    @strawberry.field(description="The wishlist's title.")
    def name(self) -> str:
        return WISHLIST_NAMES[self.owner.id]

    @classmethod
    def resolve_reference(cls, owner: dict[str, str]) -> Wishlist | None:
        found = user(owner["id"])
        return None if found is None else cls(owner=found)


@strawberry.federation.type(keys=["code"], description="A prepaid gift card.")
class GiftCard:
    code: str

    @strawberry.field(description="What is left on the card.")
    def balance(self) -> Money:
        return GIFT_CARDS[self.code][0]

    @strawberry.field(description="Who holds the card.")
    def holder(self) -> User:
        found = user(GIFT_CARDS[self.code][1])
        assert found is not None
        return found

    @classmethod
    def resolve_reference(cls, code: str) -> GiftCard | None:
        return cls(code=code) if code in GIFT_CARDS else None


@strawberry.type
class Query:
    @strawberry.field(description="The signed-in user (always ada).")
    def me(self) -> User:
        found = user("u1")
        assert found is not None
        return found

    @strawberry.field(name="user", description="A user by id.")
    def user_by_id(self, id: strawberry.ID) -> User | None:
        return user(id)

    @strawberry.field(description="Every user, by id.")
    def users(self) -> list[User]:
        return [found for id in USERS if (found := user(id)) is not None]


@strawberry.type
class Mutation:
    @strawberry.mutation(description='Journals "signIn <username>" and returns the journal.')
    def sign_in(self, username: str) -> list[str]:
        JOURNAL.append(f"signIn {username}")
        return list(JOURNAL)


schema = strawberry.federation.Schema(query=Query, mutation=Mutation, types=[GiftCard])
