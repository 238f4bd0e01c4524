"""The access-log search: filters in a GET form, a page of entries, paging with `after`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from web.console.entries import entry_rows
from web.console.filters import Reading
from web.console.labels import PURPOSE_CODES, purpose_name
from web.console.problems import AUDITOR_WORDS
from web.console.queries import ACCESS_LOG, AUDIT_PURPOSE, PAGE_SIZE
from web.kit import Visit
from web.labels import AGENCIES, DECISIONS, named
from web.paging import next_cursor

FILTERS = ("actor", "subject", "agency", "purpose", "decision", "since", "until")


async def access_log(visit: Visit) -> Response:
    """Search the access log by actor, subject, agency, purpose, decision and time."""
    reading = Reading.of(visit.request.query_params, (*FILTERS, "after"))
    variables: dict[str, Any] = {
        "actor": reading.actor(),
        "subject": reading.subject(),
        "agency": reading.choice("agency", AGENCIES),
        "purpose": reading.choice("purpose", PURPOSE_CODES),
        "decision": reading.choice("decision", DECISIONS),
        "first": PAGE_SIZE,
        "after": reading.cursor(),
    }
    window = reading.window(required=False)
    if reading.problems or window is None:
        return _page(visit, reading, status=400)
    result = await visit.query(
        ACCESS_LOG, {**variables, **window.variables()}, purpose=AUDIT_PURPOSE
    )
    problem = AUDITOR_WORDS.of(result, "accessLog")
    found = result.data.get("accessLog") or {}
    filters = {name: value for name in FILTERS if (value := reading.text(name))}
    following = next_cursor(found)
    return _page(
        visit,
        reading,
        status=problem.status if problem else 200,
        problem=problem,
        entries=entry_rows(found.get("items"), visit.language),
        searched=problem is None,
        next_link="/audit?" + urlencode({**filters, "after": following}) if following else None,
        first_link=("/audit?" + urlencode(filters)) if reading.text("after") else None,
    )


def _page(visit: Visit, reading: Reading, *, status: int, **context: Any) -> Response:
    language = visit.language
    return visit.render(
        "console/log.html",
        status=status,
        values=reading.values,
        problems=reading.problems,
        agencies=[(code, named(language, AGENCIES, code)) for code in AGENCIES],
        purposes=[(code, purpose_name(language, code, None, None)) for code in PURPOSE_CODES],
        decisions=[(code, named(language, DECISIONS, code)) for code in DECISIONS],
        **context,
    )
