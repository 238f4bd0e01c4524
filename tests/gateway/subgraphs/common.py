"""What the test subgraphs share: the `Money` custom scalar and the shipping journal.

`Money` is a decimal amount serialized as a string with two decimals ("12.50"); it is
declared by every subgraph that uses it, as real subgraphs would.

`JOURNAL` stands in for an external audit log that two subgraphs (shipping and accounts)
append to from mutations. Because both write to the same list, the order in which a
gateway runs mutation root fields across subgraphs is visible in the answers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NewType

import strawberry


def _serialize_money(value: object) -> str:
    return f"{Decimal(str(value)):.2f}"


def _parse_money(value: object) -> Decimal:
    return Decimal(str(value))


Money = strawberry.federation.scalar(
    NewType("Money", Decimal),
    name="Money",
    description='An amount of money in euros, as a decimal string with two places: "12.50".',
    serialize=_serialize_money,
    parse_value=_parse_money,
)

JOURNAL: list[str] = []
