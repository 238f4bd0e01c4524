"""Checks of execution arguments; a failure is an INVALID ExecutionFailed naming the argument."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

from subgraph.execution.outcome import ExecutionErrorCode, ExecutionFailed
from subgraph.idnumber import birth_date_of

# The hall's application numbers: letters, digits and dashes, e.g. YW-2026-0001.
APPLICATION_LENGTH = 32
_APPLICATION = re.compile(rf"[A-Za-z0-9][A-Za-z0-9-]{{0,{APPLICATION_LENGTH - 1}}}")
# Registered names: letters of any script, the middle dot of transliterated minority names.
NAME_LENGTH = 40
NAME_DOT = "·"
CHINA = ZoneInfo("Asia/Shanghai")


def quoted(value: str, *, limit: int = 20) -> str:
    """The caller's value for a message: quoted, cut after `limit` characters."""
    return repr(value[:limit] + ("…" if len(value) > limit else ""))


def invalid(message: str) -> ExecutionFailed:
    """An INVALID failure with its message."""
    return ExecutionFailed(ExecutionErrorCode.INVALID, message)


def application_number(value: str) -> str:
    """Return a well-formed application number, else raise INVALID."""
    if not _APPLICATION.fullmatch(value):
        raise invalid(f"`application` must be 1 to {APPLICATION_LENGTH} letters, digits and dashes")
    return value


def person_name(value: str, *, argument: str) -> str:
    """Return a well-formed registered name (letters, inner middle dots), else raise INVALID."""
    if not value:
        raise invalid(f"`{argument}` is empty")
    if len(value) > NAME_LENGTH:
        raise invalid(f"`{argument}` is longer than {NAME_LENGTH} characters")
    if unicodedata.normalize("NFC", value) != value:
        raise invalid(f"`{argument}` is not in Unicode normal form C")
    letters = value.split(NAME_DOT)
    if not all(part.isalpha() for part in letters):
        raise invalid(f"`{argument}` may hold only letters, and {NAME_DOT} between them")
    return value


def short_text(value: str, *, argument: str, max_length: int) -> str:
    """Return printable text of 1 to `max_length` characters, else raise INVALID."""
    if not value or len(value) > max_length:
        raise invalid(f"`{argument}` must be 1 to {max_length} characters")
    if not value.isprintable() or value != value.strip():
        raise invalid(f"`{argument}` holds control characters or surrounding spaces")
    return value


def today_in_china() -> date:
    """Today's date in China Standard Time, the day changes take effect by."""
    return datetime.now(CHINA).date()


def day_in_life(day: date, *, argument: str, id_number: str) -> date:
    """Return a day between the person's birth (from the ID number) and today, else INVALID."""
    born = birth_date_of(id_number)
    if day < born:
        raise invalid(f"`{argument}` {day.isoformat()} is before the person's birth")
    if day > today_in_china():
        raise invalid(f"`{argument}` {day.isoformat()} is in the future")
    return day
