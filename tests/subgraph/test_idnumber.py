"""ID numbers follow GB 11643: shape, real birth date and ISO 7064 MOD 11-2 check digit."""

from __future__ import annotations

from datetime import date

import pytest

from subgraph.idnumber import (
    birth_date_of,
    check_digit,
    is_valid_id_number,
    make_id_number,
    sex_of,
)


def test_standard_example_is_valid() -> None:
    # given the example printed in GB 11643, then its check character is X
    assert (check_digit("11010519491231002"), is_valid_id_number("11010519491231002X")) == (
        "X",
        True,
    )


def test_made_numbers_carry_birth_date_and_sex() -> None:
    # given a man born 2008-02-29 in 宁化县 with sequence 13, when his number is made
    number = make_id_number("350424", date(2008, 2, 29), 13)
    # then it is valid and encodes his birth date and sex
    assert (is_valid_id_number(number), birth_date_of(number), sex_of(number)) == (
        True,
        date(2008, 2, 29),
        "M",
    )


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002x",
        "110105194912310021",
        "11010519490231002X",
        "1101051949123100",
        "ABCDEFGHIJKLMNOPQR",
        "11010519491231002X ",
        "",
    ],
)
def test_malformed_numbers_are_invalid(value: str) -> None:
    # given a wrong check digit, date, length, alphabet or padding, then it is invalid
    assert is_valid_id_number(value) is False
