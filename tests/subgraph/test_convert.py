"""`from_row` builds a Strawberry type from any object's attributes of the same names."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import SimpleNamespace

import pytest
import strawberry

from subgraph.convert import from_row


@strawberry.enum
class Colour(Enum):
    RED = "R"
    BLUE = "B"


@strawberry.type
class Card:
    code: str
    colour: Colour
    owner_id: strawberry.Private[str | None]

    @strawberry.field
    def label(self) -> str:
        return f"{self.code}/{self.colour.value}"


def test_copies_every_init_field_private_ones_too() -> None:
    # given a row holding each field of the type under its own name
    row = SimpleNamespace(code="C1", colour=Colour.RED, owner_id="350424201401010011")
    # when the type is built from it
    card = from_row(Card, row)
    # then every field, the private one included, has the row's value
    assert card == Card(code="C1", colour=Colour.RED, owner_id="350424201401010011")


def test_ignores_row_attributes_that_are_no_init_field() -> None:
    # given a row with extra attributes, one named like the resolver field `label`
    row = SimpleNamespace(code="C1", colour=Colour.BLUE, owner_id=None, label="x", extra=1)
    # when the type is built from it
    card = from_row(Card, row)
    # then only the init fields are taken, and the resolver still computes the label
    assert (card, card.label()) == (Card(code="C1", colour=Colour.BLUE, owner_id=None), "C1/B")


def test_overrides_win_and_need_no_row_attribute() -> None:
    # given a row whose colour is a raw code and whose owner is under another name
    row = SimpleNamespace(code="C1", colour="R", owner="350424201401010011")
    # when the type is built with the converted colour and the renamed owner as overrides
    card = from_row(Card, row, colour=Colour(row.colour), owner_id=row.owner)
    # then the overrides are taken instead of the row's attributes
    assert card == Card(code="C1", colour=Colour.RED, owner_id="350424201401010011")


def test_missing_attribute_without_override_is_named() -> None:
    # given a row that lacks the private field `owner_id`
    row = SimpleNamespace(code="C1", colour=Colour.RED)
    # when the type is built from it without an override for that field
    with pytest.raises(AttributeError) as raised:
        from_row(Card, row)
    # then the error names the type, the row's type and the missing attribute
    assert str(raised.value) == (
        "cannot build Card from SimpleNamespace: "
        "it has no attribute 'owner_id' and no override gives it"
    )


def test_override_of_no_init_field_is_refused() -> None:
    # given a complete row
    row = SimpleNamespace(code="C1", colour=Colour.RED, owner_id=None)
    # when an override names the resolver field and a field the type does not have
    with pytest.raises(AttributeError) as raised:
        from_row(Card, row, label="x", owner="y")
    # then the error names both
    assert str(raised.value) == "Card has no init field label, owner"


def test_plain_dataclass_is_built_too() -> None:
    # given a plain dataclass and a row for it
    @dataclass
    class Pair:
        left: int
        right: int

    # when it is built from the row
    pair = from_row(Pair, SimpleNamespace(left=1, right=2))
    # then it is filled like a Strawberry type
    assert pair == Pair(left=1, right=2)


def test_class_that_is_no_dataclass_is_refused() -> None:
    # given a class that is not a dataclass
    class Plain:
        code: str

    # when it is built from a row
    with pytest.raises(TypeError) as raised:
        from_row(Plain, SimpleNamespace(code="C1"))
    # then the error says it is no Strawberry type
    assert str(raised.value) == "Plain is not a dataclass, so not a Strawberry type"
