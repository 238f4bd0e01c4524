"""Beijing time on every page: the API speaks UTC date-times, people read Beijing time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
TO_THE_MINUTE = "%Y-%m-%d %H:%M"
TO_THE_SECOND = "%Y-%m-%d %H:%M:%S"


def parse_instant(value: object) -> datetime | None:
    """An API date-time as an aware instant (one without an offset is UTC); None if unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return None
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant


def when(value: object, *, seconds: bool = False) -> str:
    """An API date-time in Beijing time to the minute (or second); unreadable ones as they came."""
    instant = parse_instant(value)
    if instant is None:
        return value if isinstance(value, str) else ""
    return instant.astimezone(BEIJING).strftime(TO_THE_SECOND if seconds else TO_THE_MINUTE)


def beijing_day(moment: datetime) -> date:
    """The Beijing calendar day of an instant."""
    return moment.astimezone(BEIJING).date()


def beijing_today() -> date:
    """Today in Beijing."""
    return datetime.now(BEIJING).date()
