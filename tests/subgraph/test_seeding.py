"""`row_values` fills a table's columns from a record's attributes of the same names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, text

from subgraph.seeding import row_values

metadata = MetaData()
# `id` and `created_on` are filled by the database; `points` only has a client-side default.
CARD = Table(
    "card",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(8)),
    Column("holder_name", String(40), key="holder"),
    Column("points", Integer, default=0),
    Column("created_on", Date, server_default=text("CURRENT_DATE")),
)


@dataclass
class CardRecord:
    code: str
    holder: str
    points: int


def test_copies_each_column_from_the_attribute_of_its_key() -> None:
    # given a record with an attribute for every column the database does not fill
    record = CardRecord(code="C1", holder="林秀英", points=3)
    # when its row values are taken
    values = row_values(CARD, record)
    # then each such column, keyed by column key, has the record's value; `id` and
    # `created_on` are left to the database
    assert values == {"code": "C1", "holder": "林秀英", "points": 3}


def test_database_filled_columns_are_copied_when_the_record_has_them() -> None:
    # given a record that also holds an id and a creation day
    @dataclass
    class FullRecord(CardRecord):
        id: int
        created_on: date

    record = FullRecord(code="C1", holder="林秀英", points=3, id=9, created_on=date(2024, 5, 1))
    # when its row values are taken
    values = row_values(CARD, record)
    # then those columns are filled from it too
    assert values == {
        "id": 9,
        "code": "C1",
        "holder": "林秀英",
        "points": 3,
        "created_on": date(2024, 5, 1),
    }


def test_overrides_win_over_and_complete_the_record() -> None:
    # given a record whose points are under another name and whose code is stale
    @dataclass
    class OtherRecord:
        code: str
        holder: str
        balance: int

    record = OtherRecord(code="OLD", holder="林秀英", balance=5)
    # when its row values are taken with overrides for both
    values = row_values(CARD, record, code="C2", points=record.balance)
    # then the overrides are taken
    assert values == {"code": "C2", "holder": "林秀英", "points": 5}


def test_column_without_value_is_named() -> None:
    # given a record that lacks the holder
    @dataclass
    class NoHolder:
        code: str
        points: int

    # when its row values are taken without an override for it
    with pytest.raises(LookupError) as raised:
        row_values(CARD, NoHolder(code="C1", points=3))
    # then the error names the column and the record's type
    assert str(raised.value) == (
        "no value for column card.holder: NoHolder has no attribute 'holder' "
        "and no override gives it"
    )


def test_column_with_client_default_is_not_skipped() -> None:
    # given a record that lacks `points`, a column with a client-side default
    @dataclass
    class NoPoints:
        code: str
        holder: str

    # when its row values are taken
    with pytest.raises(LookupError) as raised:
        row_values(CARD, NoPoints(code="C1", holder="林秀英"))
    # then the forgotten column is reported rather than silently defaulted
    assert str(raised.value) == (
        "no value for column card.points: NoPoints has no attribute 'points' "
        "and no override gives it"
    )


def test_override_of_no_column_is_refused() -> None:
    # given a complete record
    record = CardRecord(code="C1", holder="林秀英", points=3)
    # when overrides name the column by its name rather than its key, and an unknown column
    with pytest.raises(LookupError) as raised:
        row_values(CARD, record, holder_name="x", colour="R")
    # then the error names both
    assert str(raised.value) == "table card has no column colour, holder_name"
