"""The unit's queue: open applications, the earliest deadline first, filtered and paged."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.i18n import N_
from web.kit import Visit
from web.workbench.display import beijing_time, named, page_links
from web.workbench.labels import OPEN_STATES, STATES
from web.workbench.operations import QUEUE, SERVICES
from web.workbench.paging import PageRequest
from web.workbench.problems import problem_of

PURPOSE = "SERVICE_APPLICATION"


async def queue(visit: Visit) -> Response:
    """The open applications awaiting the unit (a supervisor's: the region's), by deadline."""
    params = visit.request.query_params
    state, service = params.get("state", "").strip(), params.get("service", "").strip()
    paging = PageRequest.of(params)
    errors: dict[str, str] = {}
    if state and state not in OPEN_STATES:
        errors["state"] = N_("Choose a state from the list.")
    if not paging.valid:
        errors["page"] = N_("This page link is not valid: start again from the first page.")
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
    end = (page.get("pageInfo") or {}).get("endCursor")
    more = (page.get("pageInfo") or {}).get("hasNextPage")
    previous, following = page_links(
        "/work",
        {"state": state, "service": service},
        after=paging.after,
        trail=paging.trail,
        end=end if more else None,
    )
    return visit.render(
        "workbench/queue.html",
        status=400 if errors else 200,
        state=state,
        service=service,
        errors=errors,
        problem=None if errors else problem_of(result),
        services=[(choice["code"], named(choice, visit.language)) for choice in services],
        states=[(code, STATES[code]) for code in OPEN_STATES],
        rows=[_row(item, visit.language) for item in page.get("items") or []],
        previous=previous,
        following=following,
    )


def _row(item: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        "number": item["number"],
        "service": named(item.get("service"), language) or item.get("serviceCode", ""),
        "state": STATES.get(item.get("state") or "", item.get("state") or ""),
        "submitted": beijing_time(item.get("submittedAt")),
        "promised": item.get("promisedOn") or "",
        "legal": item.get("legalOn") or "",
        "overdue": bool(item.get("overdue")),
        "urged": len(item.get("urgings") or []),
    }
