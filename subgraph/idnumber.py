"""Citizen ID numbers (GB 11643-1999): region, birth date, sequence, ISO 7064 check digit."""

from __future__ import annotations

import re
from datetime import date

from subgraph.errors import BadUserInput

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_digit(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def make_id_number(region_code: str, birth: date, sequence: int) -> str:
    """Compose an 18-character ID number; `sequence` is odd for men, even for women."""
    first17 = f"{region_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def is_valid_id_number(value: str) -> bool:
    """Tell whether `value` has the shape, a real birth date and the right check digit."""
    if not _SHAPE.match(value):
        return False
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return check_digit(value[:17]) == value[17]


def birth_date_of(id_number: str) -> date:
    """Return the birth date encoded in an ID number."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def sex_of(id_number: str) -> str:
    """Return 'M' or 'F' from the parity of the sequence digits."""
    return "M" if int(id_number[16]) % 2 else "F"


def require_id_number(value: str) -> str:
    """Return `value` if it is a valid ID number, else raise `BadUserInput`."""
    if not is_valid_id_number(value):
        raise BadUserInput("not a valid 18-character citizen ID number (GB 11643)")
    return value


def region_code_of(id_number: str | None) -> str | None:
    """Return the 6-digit address code (GB/T 2260) an ID number begins with, or None."""
    if id_number is None or len(id_number) < 6 or not id_number[:6].isdigit():
        return None
    return id_number[:6]


def sequence_of(id_number: str) -> int:
    """Return the 3-digit sequence (order code) of an ID number, e.g. 1 for ...001X."""
    return int(id_number[14:17])


def sequences_for(sex: str) -> range:
    """Return the sequences of a sex, lowest first: odd for 'M', even from 002 for 'F'."""
    return range(1 if sex == "M" else 2, 1000, 2)
