"""Checking what citizens type into the portal's forms, as the hall will check it.

A problem is a message (English, translated when shown) and the data shown beside it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from web.i18n import N_
from web.problems import Problem as GatewayProblem

Problem = tuple[str, str]
REQUIRED: Problem = (N_("Required."), "")
KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NAME = re.compile(f"[{_HAN}]{{2,}}|[{_HAN}]+(?:\u00b7[{_HAN}]+)+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TWO_DIGITS = re.compile(r"[0-9]{2}")


@dataclass
class FormState:
    """A form as the citizen filled it in: their values, what is wrong with them, and what the
    gateway refused when it was sent."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, Problem] = field(default_factory=dict)
    problem: GatewayProblem | None = None

    def check(self, name: str, value: str, problem: Problem | None) -> None:
        """Keep a value and its problem, if any."""
        self.values[name] = value
        if problem is not None:
            self.errors[name] = problem

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong."""
        return not self.errors and self.problem is None


def clean(value: str) -> str:
    """Text as the hall keeps it: NFC, Windows line breaks made plain, surrounding space removed."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()


def check_text(
    value: str, *, required: bool, max_length: int, multiline: bool = False
) -> Problem | None:
    """Required, at most `max_length` characters, no control or invisible characters."""
    text = clean(value)
    if not text:
        return REQUIRED if required else None
    if len(text) > max_length:
        return (N_("Too long. Characters allowed at most:"), str(max_length))
    allowed = "\n" if multiline else ""
    if any(unicodedata.category(c).startswith("C") and c not in allowed for c in text):
        return (N_("Remove the control or invisible characters from this text."), "")
    return None


def check_name(value: str, *, required: bool, max_length: int) -> Problem | None:
    """A registered name: two or more Chinese characters (parts joined by a middle dot)."""
    problem = check_text(value, required=required, max_length=max_length)
    if problem is None and clean(value) and not _NAME.fullmatch(clean(value)):
        return (N_("Write the name in Chinese characters (at least two)."), "")
    return problem


def check_choice(value: str, allowed: Collection[str], *, required: bool = True) -> Problem | None:
    """One of the listed values."""
    if not value:
        return REQUIRED if required else None
    if value not in allowed:
        return (N_("Choose one of the listed options."), "")
    return None


def check_date(value: str, *, required: bool) -> Problem | None:
    """A day as YYYY-MM-DD."""
    if not value:
        return REQUIRED if required else None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        return (N_("Enter a date as YYYY-MM-DD."), "")
    return None


def check_ethnic_group(value: str, *, required: bool) -> Problem | None:
    """A GB 3304 code, 01 to 56."""
    if not value:
        return REQUIRED if required else None
    if not _TWO_DIGITS.fullmatch(value) or not 1 <= int(value) <= 56:
        return (N_("Choose one of the listed options."), "")
    return None


def check_key(value: str) -> bool:
    """Whether an idempotency key is one the portal could have made."""
    return KEY.fullmatch(value) is not None
