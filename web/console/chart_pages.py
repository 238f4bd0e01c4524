"""The statistics page: accesses by agency and purpose (charts with their tables), and the
hall's statistics (applications by state, time to decision, satisfaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from web.console.filters import Reading, Window, read_window
from web.console.problems import AUDITOR_WORDS
from web.console.queries import AUDIT_PURPOSE, HALL_STATISTICS, STATISTICS
from web.console.statistics import TITLES, Counted, alt_text, counted_rows
from web.kit import Visit
from web.problems import Problem
from web.times import beijing_day

ACCESS_CHARTS = ("agency", "purpose")
HALL_CHART = "states"


@dataclass(frozen=True)
class Chart:
    """A chart on the page: its image, its words and its table."""

    name: str
    title: str
    image: str
    alt: str
    rows: list[Counted]


def chart(visit: Visit, reading: Reading, name: str, data: dict[str, Any]) -> Chart:
    """The chart `name` of `data`, its image drawn over the same window in the same language."""
    rows = counted_rows(name, data, visit.language)
    query = {"since": reading.values["since"], "until": reading.values["until"]}
    return Chart(
        name=name,
        title=visit._(TITLES[name]),
        image=f"/audit/charts/{name}.svg?" + urlencode({**query, "lang": visit.language}),
        alt=alt_text(name, rows, visit.language),
        rows=rows,
    )


async def hall_statistics(visit: Visit, window: Window) -> tuple[dict[str, Any], Problem | None]:
    """The hall's statistics of Sanming for the days the window touches (Beijing)."""
    assert window.since is not None and window.until is not None
    days = {
        "from": beijing_day(window.since).isoformat(),
        "to": beijing_day(window.until - timedelta(microseconds=1)).isoformat(),
    }
    result = await visit.query(HALL_STATISTICS, days, purpose=AUDIT_PURPOSE)
    return result.data.get("hallStatistics") or {}, AUDITOR_WORDS.of(result, "hallStatistics")


async def charts(visit: Visit) -> Response:
    """Charts of the window's accesses by agency and purpose, and the hall's statistics."""
    reading, window = read_window(visit.request.query_params)
    if window is None or reading.problems:
        return visit.render(
            "console/charts.html", status=400, values=reading.values, problems=reading.problems
        )
    result = await visit.query(STATISTICS, window.variables(), purpose=AUDIT_PURPOSE)
    problem = AUDITOR_WORDS.of(result, "accessStatistics")
    data = result.data.get("accessStatistics") or {}
    context: dict[str, Any] = {
        "charts": [chart(visit, reading, name, data) for name in ACCESS_CHARTS],
        "decisions": counted_rows("decision", data, visit.language),
        "total": data.get("total"),
    }
    hall, hall_problem = await hall_statistics(visit, window)
    context.update(hall=hall, hall_problem=hall_problem)
    if hall_problem is None:
        context["hall_chart"] = chart(visit, reading, HALL_CHART, hall)
    return visit.render(
        "console/charts.html",
        status=problem.status if problem else 200,
        values=reading.values,
        problems=reading.problems,
        problem=problem,
        shown=problem is None,
        **context,
    )
