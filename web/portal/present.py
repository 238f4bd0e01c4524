"""How the portal shows the API's values: Beijing time, yuan, names and codes by language."""

from __future__ import annotations

from typing import Any

from web.labels import named, record_name
from web.portal.labels import KINDS
from web.times import parse_instant, when


def newest_first(items: list[Any], field: str) -> list[Any]:
    """Items sorted by a date-time field, newest first (then by number)."""

    def key(item: Any) -> tuple[float, str]:
        instant = parse_instant(item.get(field))
        return (instant.timestamp() if instant else 0.0, str(item.get("number") or ""))

    return sorted(items, key=key, reverse=True)


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
        return when(value)

    def money(self, fen: object) -> str:
        """An amount in yuan."""
        return yuan(fen)

    def name(self, item: Any, field: str = "name") -> str:
        """The Chinese or English text of an API object's `<field>Zh`/`<field>En`."""
        return record_name(self.language, item, field)

    def label(self, kind: str, code: object) -> str:
        """The translated name of a code of one kind (a state, an agency, ...); else the code."""
        return named(self.language, KINDS[kind], None if code is None else str(code))

    def state(self, application: Any) -> str:
        """An application's state: the hall's Chinese name in zh, the translated code in en."""
        if self.language == "zh" and application.get("stateZh"):
            return str(application["stateZh"])
        return self.label("state", application.get("state"))
