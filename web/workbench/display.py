"""How values are shown: times in Beijing, names in the page's language, pages of a list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

BEIJING = timezone(timedelta(hours=8))
MAX_TRAIL = 50
FIRST = "0"  # the first page in a trail (never a cursor: those are longer)


def beijing_time(value: str | None) -> str:
    """An ISO date-time of the gateway (UTC when it names no zone) as Beijing time."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def named(record: dict[str, Any] | None, language: str, *, key: str = "name") -> str:
    """The Chinese or English name of a catalogue record (`nameZh` / `nameEn`)."""
    if not record:
        return ""
    return str(record.get(key + ("En" if language == "en" else "Zh")) or "")


def page_links(
    path: str, params: dict[str, str], *, after: str, trail: list[str], end: str | None
) -> tuple[str | None, str | None]:
    """The previous and next pages of a keyset-paged list: `trail` holds the earlier cursors."""
    previous = None
    if after:
        before = trail[-1] if trail else FIRST
        query = {
            **params,
            "after": "" if before == FIRST else before,
            "trail": ".".join(trail[:-1]),
        }
        previous = _address(path, query)
    following = None
    if end:
        query = {**params, "after": end, "trail": ".".join([*trail, after or FIRST][-MAX_TRAIL:])}
        following = _address(path, query)
    return previous, following


def _address(path: str, query: dict[str, str]) -> str:
    kept = {name: value for name, value in query.items() if value}
    return path + ("?" + urlencode(kept) if kept else "")
