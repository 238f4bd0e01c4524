"""Times as the hall keeps them: aware UTC instants, and days in Beijing time."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def utc_now() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def utc(value: datetime) -> datetime:
    """The instant as aware UTC (a naive one is taken as UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def beijing_day(value: datetime) -> date:
    """The day an instant falls on in Beijing time."""
    return utc(value).astimezone(SHANGHAI).date()


def day_start(day: date) -> datetime:
    """The first instant of a Beijing day, in UTC."""
    return datetime.combine(day, time(), tzinfo=SHANGHAI).astimezone(UTC)


def record_number(prefix: str, now: datetime) -> str:
    """A new record number: a two-letter prefix, the Beijing day, 8 random hex digits."""
    return f"{prefix}{beijing_day(now):%Y%m%d}{secrets.token_hex(4).upper()}"
