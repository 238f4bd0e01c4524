"""Reading the console's GET forms: every filter checked, the input kept as typed."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from subgraph.idnumber import is_valid_id_number
from web.console.times import as_api, as_input, last_week, parse_beijing
from web.i18n import N_
from web.paging import is_cursor

MAX_TEXT = 128
ACTOR = re.compile(r"^[A-Za-z0-9._@:\-]+$")

TOO_LONG = N_("Use at most 128 characters.")
BAD_ACTOR = N_("Use letters, digits and the signs . _ - @ : only.")
BAD_SUBJECT = N_("Enter a valid 18-character citizen ID number.")
BAD_CHOICE = N_("Choose one of the listed options.")
BAD_TIME = N_("Enter a date such as 2026-11-27, or a date and time such as 2026-11-27T09:30.")
BAD_ORDER = N_("The end must come after the start.")
BAD_CURSOR = N_("This page link is not valid. Start again from the first page.")


@dataclass
class Reading:
    """A GET form as typed (`values`) and what is wrong with it (field: English message)."""

    values: dict[str, str]
    problems: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, params: Mapping[str, str], names: Collection[str]) -> Reading:
        """Take the named fields of the query string (others are ignored)."""
        return cls({name: params.get(name, "") for name in names})

    def text(self, name: str) -> str | None:
        """A trimmed value, None when empty."""
        return self.values.get(name, "").strip() or None

    def refuse(self, name: str, message: str) -> None:
        """Note a problem with a field (the first one stays)."""
        self.problems.setdefault(name, message)

    def actor(self, name: str = "actor") -> str | None:
        """An actor's identity: a login, an ID number, a system's name."""
        value = self.text(name)
        if value is not None and len(value) > MAX_TEXT:
            self.refuse(name, TOO_LONG)
        elif value is not None and not ACTOR.match(value):
            self.refuse(name, BAD_ACTOR)
        return None if name in self.problems else value

    def subject(self, name: str = "subject") -> str | None:
        """A citizen ID number (GB 11643, check digit included)."""
        value = self.text(name)
        if value is not None and not (len(value) == 18 and is_valid_id_number(value.upper())):
            self.refuse(name, BAD_SUBJECT)
            return None
        return value.upper() if value else None

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        """One of the listed options, or none."""
        value = self.text(name)
        if value is not None and value not in allowed:
            self.refuse(name, BAD_CHOICE)
            return None
        return value

    def cursor(self, name: str = "after") -> str | None:
        """A paging cursor the API gave out."""
        value = self.text(name)
        if value is not None and not is_cursor(value):
            self.refuse(name, BAD_CURSOR)
            return None
        return value

    def window(self, *, required: bool) -> Window | None:
        """`since` and `until` (Beijing), the end after the start; both needed if `required`."""
        since = self._moment("since", end=False, required=required)
        until = self._moment("until", end=True, required=required)
        if since is not None and until is not None and until <= since:
            self.refuse("until", BAD_ORDER)
        if "since" in self.problems or "until" in self.problems:
            return None
        return Window(since, until)

    def _moment(self, name: str, *, end: bool, required: bool) -> datetime | None:
        value = self.text(name)
        if value is None:
            if required:
                self.refuse(name, N_("Required."))
            return None
        moment = parse_beijing(value, end=end)
        if moment is None:
            self.refuse(name, BAD_TIME)
        return moment


@dataclass(frozen=True)
class Window:
    """A stretch of time (UTC; either end may be open)."""

    since: datetime | None
    until: datetime | None

    def variables(self) -> dict[str, Any]:
        """The window as the API's `since` and `until`."""
        return {
            "since": as_api(self.since) if self.since else None,
            "until": as_api(self.until) if self.until else None,
        }


def read_window(params: Mapping[str, str]) -> tuple[Reading, Window | None]:
    """A window form; the last seven days when neither end is given."""
    reading = Reading.of(params, ("since", "until"))
    if not reading.text("since") and not reading.text("until"):
        since, until = last_week()
        reading.values.update(since=as_input(since), until=as_input(until))
    return reading, reading.window(required=True)
