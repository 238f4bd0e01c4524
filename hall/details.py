"""Validation of an application's details against the fields of its service's form.

Every problem is collected and reported at once (`InvalidDetails`, a `BadUserInput`): unknown
or missing keys, wrong types, over-long or malformed text, values not on the list. Text is
normalised (NFC, surrounding white space removed) and may hold no control or format
characters (no NUL, no bidirectional overrides), except line breaks in a multi-line field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from hall.catalogue_model import FieldType, FormField, Service
from subgraph.errors import BadUserInput

MAX_KEYS = 32
SHOWN_KEY_LENGTH = 40
ETHNIC_GROUP_COUNT = 56
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A registered name: Han characters, parts of a transcribed name joined by a middle dot.
_NAME = re.compile(f"[{_HAN}]+(?:\u00b7[{_HAN}]+)*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TWO_DIGITS = re.compile(r"[0-9]{2}")


@dataclass(frozen=True)
class DetailProblem:
    """One thing wrong with the details: which key, what kind of problem, and a message."""

    field: str
    code: str
    message: str


class InvalidDetails(BadUserInput):
    """Details that do not fit the service's form; `problems` lists every fault."""

    def __init__(self, service_code: str, problems: list[DetailProblem]) -> None:
        super().__init__(
            f"the details of a {service_code} application are not valid "
            f"({len(problems)} problem{'s' if len(problems) != 1 else ''})",
            problems=[asdict(problem) for problem in problems],
        )
        self.problems = tuple(problems)


def validate_details(service: Service, details: Mapping[str, Any]) -> dict[str, Any]:
    """Return the details cleaned, in form order; raise `InvalidDetails` listing every fault."""
    if not isinstance(details, Mapping):
        raise InvalidDetails(service.code, [DetailProblem("", "NOT_AN_OBJECT", "not an object")])
    if len(details) > MAX_KEYS:
        problem = DetailProblem("", "TOO_MANY_FIELDS", f"more than {MAX_KEYS} fields")
        raise InvalidDetails(service.code, [problem])
    fields = {field.key: field for field in service.fields}
    problems = [
        DetailProblem(_shown(key), "UNKNOWN_FIELD", "the form has no such field")
        for key in details
        if not isinstance(key, str) or key not in fields
    ]
    cleaned: dict[str, Any] = {}
    for key, field in fields.items():
        value = details.get(key)
        if value is None:
            if field.required:
                problems.append(DetailProblem(key, "MISSING", "required"))
            continue
        try:
            result = _clean(field, value)
        except _Fault as fault:
            problems.append(DetailProblem(key, fault.code, fault.message))
            continue
        if result is None and field.required:
            problems.append(DetailProblem(key, "MISSING", "required"))
        elif result is not None:
            cleaned[key] = result
    if problems:
        raise InvalidDetails(service.code, problems)
    return cleaned


class _Fault(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _clean(field: FormField, value: object) -> object:
    """Return the cleaned value (None for blank text); raise `_Fault` for a bad one."""
    kind = field.type
    if kind is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            raise _Fault("WRONG_TYPE", "expected true or false")
        return value
    if not isinstance(value, str):
        raise _Fault("WRONG_TYPE", "expected a string")
    if kind in (FieldType.TEXT, FieldType.NAME):
        return _text(field, value)
    if kind in (FieldType.CHOICE, FieldType.REGION):
        if value not in {choice.code for choice in field.choices}:
            raise _Fault("NOT_ALLOWED", "not one of the listed values")
        return value
    if kind is FieldType.ETHNIC_GROUP:
        if not _TWO_DIGITS.fullmatch(value) or not 1 <= int(value) <= ETHNIC_GROUP_COUNT:
            raise _Fault("NOT_ALLOWED", "not a GB 3304 code (01 to 56)")
        return value
    return _date(value)


def _text(field: FormField, value: str) -> str | None:
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    if field.max_length is not None and len(text) > field.max_length:
        raise _Fault("TOO_LONG", f"longer than {field.max_length} characters")
    allowed = "\n" if field.multiline else ""
    if any(unicodedata.category(c).startswith("C") and c not in allowed for c in text):
        raise _Fault("BAD_CHARACTERS", "holds control or invisible formatting characters")
    if not text:
        return None
    if field.type is FieldType.NAME and (len(text) < 2 or not _NAME.fullmatch(text)):
        raise _Fault("BAD_FORMAT", "a name is two or more Chinese characters")
    return text


def _date(value: str) -> str:
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise _Fault("BAD_FORMAT", "expected a date as YYYY-MM-DD") from None


def _shown(key: object) -> str:
    """The key as shown in a problem: a string, cut short."""
    shown = key if isinstance(key, str) else repr(key)
    return shown if len(shown) <= SHOWN_KEY_LENGTH else shown[:SHOWN_KEY_LENGTH] + "…"
