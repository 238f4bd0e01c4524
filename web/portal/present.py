"""How the portal shows the API's values: Beijing time, yuan, names and codes by language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from web.i18n import translate
from web.portal.labels import KINDS

SHANGHAI = ZoneInfo("Asia/Shanghai")


def parse_instant(value: object) -> datetime | None:
    """An API date-time as an aware instant (one without an offset is UTC); None if unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return None
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant


def newest_first(items: list[Any], field: str) -> list[Any]:
    """Items sorted by a date-time field, newest first (then by number)."""

    def key(item: Any) -> tuple[float, str]:
        instant = parse_instant(item.get(field))
        return (instant.timestamp() if instant else 0.0, str(item.get("number") or ""))

    return sorted(items, key=key, reverse=True)


def beijing(value: object) -> str:
    """An API date-time in Beijing time, as YYYY-MM-DD HH:MM ('' if missing)."""
    instant = parse_instant(value)
    return instant.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if instant else ""


def beijing_today() -> date:
    """Today in Beijing."""
    return datetime.now(SHANGHAI).date()


def yuan(fen: object) -> str:
    """An amount in fen as yuan with two decimals, e.g. 20.00."""
    if not isinstance(fen, int):
        return ""
    return f"{fen // 100}.{fen % 100:02d}"


class Show:
    """The formats of one page's language, passed to the templates as `show`."""

    def __init__(self, language: str) -> None:
        self.language = language

    def when(self, value: object) -> str:
        """A date-time in Beijing time."""
        return beijing(value)

    def money(self, fen: object) -> str:
        """An amount in yuan."""
        return yuan(fen)

    def name(self, item: Any, field: str = "name") -> str:
        """The Chinese or English text of an API object's `<field>Zh`/`<field>En`."""
        if not isinstance(item, dict):
            return ""
        suffix = "Zh" if self.language == "zh" else "En"
        return str(item.get(field + suffix) or item.get(field + "Zh") or "")

    def label(self, kind: str, code: object) -> str:
        """The translated name of a code of one kind (a state, an agency, ...); else the code."""
        if code is None:
            return ""
        message = KINDS[kind].get(str(code))
        return translate(self.language, message) if message else str(code)

    def state(self, application: Any) -> str:
        """An application's state: the hall's Chinese name in zh, the translated code in en."""
        if self.language == "zh" and application.get("stateZh"):
            return str(application["stateZh"])
        return self.label("state", application.get("state"))
