"""The charts' images: `/audit/charts/{name}.svg?since=...&until=...`, drawn per request.

The pages' policy forbids inline styles, and matplotlib's SVG styles its shapes inline; the
image (loaded through <img>, never scripted) gets a policy of its own that allows them.
"""

from __future__ import annotations

from starlette.responses import Response

from web.console.chart_pages import ACCESS_CHARTS, HALL_CHART, hall_statistics
from web.console.charts import SVG_TYPE, render_svg
from web.console.filters import read_window
from web.console.problems import AUDITOR_WORDS
from web.console.queries import AUDIT_PURPOSE, STATISTICS
from web.console.statistics import bars_of, counted_rows
from web.kit import Visit

IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
CHARTS = (*ACCESS_CHARTS, "decision", HALL_CHART)


async def chart_image(visit: Visit) -> Response:
    """Draw one chart of a window as SVG, labelled in the visit's language."""
    name = str(visit.request.path_params.get("name", ""))
    if name not in CHARTS:
        return visit.error(404, visit._("Page not found"), visit._("There is no such chart."))
    _, window = read_window(visit.request.query_params)
    if window is None:
        return visit.error(
            400, visit._("Chart unavailable"), visit._("The chart's window is not valid.")
        )
    if name == HALL_CHART:
        data, problem = await hall_statistics(visit, window)
    else:
        result = await visit.query(STATISTICS, window.variables(), purpose=AUDIT_PURPOSE)
        data = result.data.get("accessStatistics") or {}
        problem = AUDITOR_WORDS.of(result, "accessStatistics")
    if problem is not None:
        return visit.error(problem.status, visit._("Chart unavailable"), visit._(problem.message))
    rows = counted_rows(name, data, visit.language)
    svg = await render_svg(bars_of(name, rows, visit.language))
    return Response(svg, media_type=SVG_TYPE, headers={"content-security-policy": IMAGE_POLICY})
