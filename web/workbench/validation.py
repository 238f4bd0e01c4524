"""Checks of what staff type in: citizen ID numbers, case numbers, free texts."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from subgraph.idnumber import check_digit
from web.i18n import N_

# Hall records (applications SQ, questions ZX, flags JD): the Beijing day and 8 hex digits.
HALL_NUMBER = re.compile(r"(SQ|ZX|JD)\d{8}[0-9A-F]{8}")
APPLICATION_NUMBER = re.compile(r"SQ\d{8}[0-9A-F]{8}")
QUESTION_NUMBER = re.compile(r"ZX\d{8}[0-9A-F]{8}")
# Police case files: the county's initials, the year, the unit's serial (NH-2026-5101).
CASE_FILE_NUMBER = re.compile(r"[A-Z]{2}-\d{4}-\d{4}")
MAX_TEXT = 2_000  # the hall's limit of decision reasons and urgings


def id_number_problem(value: str) -> str | None:
    """Why `value` is not an 18-character GB 11643 citizen ID number, or None when it is."""
    if not value:
        return N_("Required.")
    if len(value) != 18:
        return N_("An ID number has 18 characters.")
    if not (value[:17].isdigit() and (value[17].isdigit() or value[17] == "X")):
        return N_("An ID number is 17 digits followed by a digit or X.")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return N_("The birth date in this ID number does not exist.")
    if check_digit(value[:17]) != value[17]:
        return N_("The check digit does not match: please check the ID number for a typing error.")
    return None


def normalized_id_number(value: str) -> str:
    """An ID number as typed, without spaces and with an upper-case X."""
    return "".join(value.split()).upper()


def is_case_number(value: str) -> bool:
    """Whether `value` looks like a case staff may declare: a hall record or a police case."""
    return bool(HALL_NUMBER.fullmatch(value) or CASE_FILE_NUMBER.fullmatch(value))


def is_application_number(value: str) -> bool:
    """Whether `value` looks like a hall application number."""
    return bool(APPLICATION_NUMBER.fullmatch(value))


def is_question_number(value: str) -> bool:
    """Whether `value` looks like a hall question number."""
    return bool(QUESTION_NUMBER.fullmatch(value))


def text_problem(value: str, *, required: bool) -> str | None:
    """Why a free text is refused (empty, too long, markup or hidden characters), or None."""
    text = normalized_text(value)
    if not text:
        return N_("Required.") if required else None
    if len(text) > MAX_TEXT:
        return N_("This text is too long: at most 2,000 characters.")
    if "<" in text or ">" in text:
        return N_("Please write plain text, without the characters < and >.")
    if any(unicodedata.category(c).startswith("C") and c != "\n" for c in text):
        return N_("This text holds control or invisible characters: please retype it.")
    return None


def normalized_text(value: str) -> str:
    """A free text as the hall keeps it: NFC, Unix line breaks, no surrounding spaces."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
