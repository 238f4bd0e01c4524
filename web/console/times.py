"""The Beijing times an auditor types into the console's forms, and the window they default to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from web.times import BEIJING

MAX_TIME_CHARS = 25
# Dates the auditor may type: a day, or a day and time as an <input type="datetime-local">
# sends it (with or without seconds; a space instead of the `T` is accepted too).
DATE_FORMAT = "%Y-%m-%d"
TIME_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
EARLIEST_YEAR, LATEST_YEAR = 1970, 9998


def parse_beijing(text: str, *, end: bool = False) -> datetime | None:
    """The UTC instant of a Beijing date or date-time; None when it is not one.

    A bare date means the start of that day, or with `end` the start of the next one (so
    that "until 2026-11-27" includes the 27th).
    """
    value = text.strip().replace(" ", "T", 1)
    if not value or len(value) > MAX_TIME_CHARS:
        return None
    day = _parse(value, DATE_FORMAT)
    moment: datetime | None
    if day is not None:
        moment = day + timedelta(days=1) if end else day
    else:
        moment = next((m for p in TIME_FORMATS if (m := _parse(value, p)) is not None), None)
    if moment is None:
        return None
    return moment.replace(tzinfo=BEIJING).astimezone(UTC)


def _parse(value: str, pattern: str) -> datetime | None:
    """A naive Beijing time of the years we accept (the next day still representable)."""
    try:
        moment = datetime.strptime(value, pattern)  # noqa: DTZ007 (Beijing, attached by the caller)
    except ValueError:
        return None
    return moment if EARLIEST_YEAR <= moment.year <= LATEST_YEAR else None


def as_input(moment: datetime) -> str:
    """A UTC instant as a datetime-local input's value in Beijing time (to the second)."""
    return moment.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M:%S")


def as_api(moment: datetime) -> str:
    """A UTC instant as the API's DateTime."""
    return moment.astimezone(UTC).isoformat()


def last_week(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The default window: the seven days up to now, to the whole second.

    It ends at a second already begun, not later: the page and its charts, drawn by later
    requests, then count the same entries (the reads the page itself causes come after).
    """
    until = (now or datetime.now(UTC)).replace(microsecond=0)
    return until - timedelta(days=7), until
