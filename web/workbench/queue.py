"""The unit's queue: open applications, the earliest deadline first, filtered and paged."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.i18n import N_
from web.kit import Visit
from web.labels import STATES, label, record_name
from web.paging import PageRequest, next_cursor, page_links
from web.times import when
from web.workbench.item_forms import INVALID_PAGE
from web.workbench.labels import OPEN_STATES
from web.workbench.operations import PURPOSE, QUEUE, SERVICES
from web.workbench.problems import STAFF_WORDS


async def queue(visit: Visit) -> Response:
    """The open applications awaiting the unit (a supervisor's: the region's), by deadline."""
    params = visit.request.query_params
    state, service = params.get("state", "").strip(), params.get("service", "").strip()
    paging = PageRequest.of(params)
    errors: dict[str, str] = {}
    if state and state not in OPEN_STATES:
        errors["state"] = N_("Choose a state from the list.")
    if not paging.valid:
        errors["page"] = INVALID_PAGE
    if errors:
        result = await visit.query(SERVICES, purpose=PURPOSE)
    else:
        variables = {
            "state": state or None,
            "serviceCode": service or None,
            "after": paging.after or None,
        }
        result = await visit.query(QUEUE, variables, purpose=PURPOSE)
    services = result.data.get("services") or []
    if service and service not in {choice["code"] for choice in services}:
        errors["service"] = N_("Choose a service from the list.")
    page: dict[str, Any] = {} if errors else result.data.get("applications") or {}
    previous, following = page_links(
        "/work",
        {"state": state, "service": service},
        after=paging.after,
        trail=paging.trail,
        end=next_cursor(page),
    )
    return visit.render(
        "workbench/queue.html",
        status=400 if errors else 200,
        state=state,
        service=service,
        errors=errors,
        problem=None if errors else STAFF_WORDS.of(result),
        services=[(choice["code"], record_name(visit.language, choice)) for choice in services],
        states=[(code, STATES[code]) for code in OPEN_STATES],
        rows=[_row(item, visit.language) for item in page.get("items") or []],
        previous=previous,
        following=following,
    )


def _row(item: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        "number": item["number"],
        "service": record_name(language, item.get("service")) or item.get("serviceCode", ""),
        "state": label(STATES, item.get("state")),
        "submitted": when(item.get("submittedAt")),
        "promised": item.get("promisedOn") or "",
        "legal": item.get("legalOn") or "",
        "overdue": bool(item.get("overdue")),
        "urged": len(item.get("urgings") or []),
    }
