"""The numbers of the charts page: the API's counts as labelled rows, and as bars to draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web.console.charts import Bars
from web.console.labels import NO_AGENCY, purpose_name
from web.i18n import N_, translate
from web.labels import AGENCIES, DECISIONS, STATES, named

TITLES = {
    "agency": N_("Accesses by agency"),
    "purpose": N_("Accesses by purpose"),
    "decision": N_("Accesses by decision"),
    "states": N_("Applications by state"),
}
UNITS = {"states": N_("Applications")}
ENTRIES = N_("Entries")
NOTHING = N_("Nothing in this window")


@dataclass(frozen=True)
class Counted:
    """One row of a chart's table: its label in the page's language and its count."""

    label: str
    count: int


def counted_rows(name: str, data: dict[str, Any], language: str) -> list[Counted]:
    """The rows of chart `name` from `accessStatistics` (agency, purpose, decision) or
    `hallStatistics` (states)."""
    if name == "agency":
        groups = data.get("byAgency") or []
        return [
            Counted(named(language, AGENCIES, g.get("key"), none=NO_AGENCY), _count(g))
            for g in groups
        ]
    if name == "purpose":
        return [
            Counted(purpose_name(language, g.get("key"), g.get("zh"), g.get("en")), _count(g))
            for g in data.get("byPurpose") or []
        ]
    if name == "decision":
        return [
            Counted(named(language, DECISIONS, g.get("key")), _count(g))
            for g in data.get("byDecision") or []
        ]
    return [
        Counted(named(language, STATES, g.get("key")), _count(g)) for g in data.get("byState") or []
    ]


def _count(group: dict[str, Any]) -> int:
    return int(group.get("count") or 0)


def bars_of(name: str, rows: list[Counted], language: str) -> Bars:
    """The chart of `name` over its rows."""
    return Bars(
        title=translate(language, TITLES[name]),
        labels=tuple(row.label for row in rows),
        values=tuple(row.count for row in rows),
        unit=translate(language, UNITS.get(name, ENTRIES)),
        empty=translate(language, NOTHING),
    )


def alt_text(name: str, rows: list[Counted], language: str) -> str:
    """The chart said in words: its title, then each label with its count."""
    title = translate(language, TITLES[name])
    if not rows:
        return f"{title}: {translate(language, NOTHING)}"
    separator = "；" if language == "zh" else "; "
    return f"{title}: " + separator.join(f"{row.label} {row.count}" for row in rows)
