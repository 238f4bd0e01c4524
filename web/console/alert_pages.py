"""Anomaly alerts of a window (by default the last seven days), each with a link to its entries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from web.console.filters import Reading, read_window
from web.console.labels import ALERT_KINDS, ALERT_MEANINGS
from web.console.problems import AUDITOR_WORDS
from web.console.queries import ALERTS, AUDIT_PURPOSE
from web.kit import Visit
from web.labels import AGENCIES, named


@dataclass(frozen=True, kw_only=True)
class AlertRow:
    """One alert, named in the page's language, with the link that opens its entries."""

    kind: str
    kind_name: str
    meaning: str
    actor: str
    agency: str
    count: int
    first_seq: int
    last_seq: int
    detail: str
    link: str


def alert_row(item: dict[str, Any], reading: Reading, language: str) -> AlertRow:
    """An alert of the API as a row whose link carries the window as the auditor typed it."""
    kind = str(item.get("kind") or "")
    first, last = int(item.get("firstSeq") or 0), int(item.get("lastSeq") or 0)
    link = {
        "kind": kind,
        "actor": item.get("actor") or "",
        "firstSeq": first,
        "lastSeq": last,
        "since": reading.values["since"],
        "until": reading.values["until"],
    }
    return AlertRow(
        kind=kind,
        kind_name=named(language, ALERT_KINDS, kind),
        meaning=named(language, ALERT_MEANINGS, kind),
        actor=str(item.get("actor") or ""),
        agency=named(language, AGENCIES, item.get("agency")),
        count=int(item.get("count") or 0),
        first_seq=first,
        last_seq=last,
        detail=str(item.get("detail") or ""),
        link="/audit/alerts/open?" + urlencode(link),
    )


async def alerts(visit: Visit) -> Response:
    """List the alerts of a window: kind, actor, agency, count, detail and a link to open it."""
    reading, window = read_window(visit.request.query_params)
    if window is None:
        return visit.render(
            "console/alerts.html", status=400, values=reading.values, problems=reading.problems
        )
    result = await visit.query(ALERTS, window.variables(), purpose=AUDIT_PURPOSE)
    problem = AUDITOR_WORDS.of(result, "auditAlerts")
    rows = [
        alert_row(item, reading, visit.language) for item in result.data.get("auditAlerts") or ()
    ]
    return visit.render(
        "console/alerts.html",
        status=problem.status if problem else 200,
        values=reading.values,
        problems=reading.problems,
        problem=problem,
        rows=rows,
        listed=problem is None,
    )
