"""Opaque cursors round-trip and refuse what they did not produce."""

from __future__ import annotations

import pytest

from subgraph.errors import BadUserInput
from subgraph.pagination import decode_cursor, encode_cursor


def test_cursor_round_trips() -> None:
    # given a sort key, when it is encoded and decoded, then it comes back unchanged
    assert decode_cursor(encode_cursor("350424201401010011")) == "350424201401010011"


@pytest.mark.parametrize("cursor", ["%%%", "\u00e9t\u00e9", "x" * 201, "_w"])
def test_foreign_cursor_is_refused(cursor: str) -> None:
    # given a string the API never issued, when it is decoded, then a user error is raised
    with pytest.raises(BadUserInput) as raised:
        decode_cursor(cursor)
    assert (raised.value.message, raised.value.extensions) == (
        "`after` is not a cursor returned by this API",
        {"code": "BAD_USER_INPUT"},
    )
