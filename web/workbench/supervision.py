"""Supervision: the workload of the units supervised, their overdue applications, urging."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.i18n import N_
from web.kit import Visit
from web.workbench.display import beijing_time, named, page_links
from web.workbench.labels import AGENCIES, STATES, label
from web.workbench.operations import SUPERVISION, URGE
from web.workbench.paging import PageRequest
from web.workbench.problems import FALLBACK, Problem, problem_of
from web.workbench.validation import is_application_number, normalized_text, text_problem

PURPOSE = "SERVICE_APPLICATION"
REFUSED_STATUS = {"FORBIDDEN": 403, "CASE_NOT_ASSIGNED": 403}


async def supervision(visit: Visit) -> Response:
    """The workload per unit and the overdue applications, each with an urge form."""
    paging = PageRequest.of(visit.request.query_params)
    urged = visit.request.query_params.get("urged", "")
    return await _page(
        visit,
        paging,
        urged=urged if is_application_number(urged) else None,
        page_error=None
        if paging.valid
        else N_("This page link is not valid: start again from the first page."),
    )


async def urge(visit: Visit) -> Response:
    """Urge an overdue application's unit to act, with a message."""
    number, message = visit.form.get("number"), visit.form.get("message")
    first = PageRequest("", [], True)
    if not is_application_number(number):
        return await _page(
            visit, first, status=400, page_error=N_("Choose an application from the list.")
        )
    problem = text_problem(message, required=True)
    if problem is not None:
        return await _page(visit, first, status=400, failed=(number, message, problem))
    answer = await visit.query(
        URGE, {"number": number, "message": normalized_text(message)}, purpose=PURPOSE, case=number
    )
    if not answer.errors and answer.data.get("urgeApplication"):
        return visit.redirect(f"/work/supervision?urged={number}")
    refused = problem_of(answer) or Problem("", FALLBACK, "")
    return await _page(
        visit,
        first,
        status=REFUSED_STATUS.get(refused.code, 400),
        failed=(number, message, refused.message),
        refused=refused,
    )


async def _page(
    visit: Visit,
    paging: PageRequest,
    *,
    status: int = 200,
    urged: str | None = None,
    page_error: str | None = None,
    failed: tuple[str, str, str] | None = None,
    refused: Problem | None = None,
) -> Response:
    result = await visit.query(SUPERVISION, {"after": paging.after or None}, purpose=PURPOSE)
    page: dict[str, Any] = result.data.get("applications") or {}
    info = page.get("pageInfo") or {}
    previous, following = page_links(
        "/work/supervision",
        {},
        after=paging.after,
        trail=paging.trail,
        end=info.get("endCursor") if info.get("hasNextPage") else None,
    )
    agency = visit.user.agency if visit.user else None
    return visit.render(
        "workbench/supervision.html",
        status=status,
        workload=[
            {**load, "agency_label": label(AGENCIES, load.get("agency"))}
            for load in result.data.get("workload") or []
        ],
        overdue=[_row(item, visit.language, agency) for item in page.get("items") or []],
        problem=problem_of(result),
        urged=urged,
        page_error=page_error,
        failed=failed,
        refused=refused,
        previous=previous,
        following=following,
    )


def _row(item: dict[str, Any], language: str, agency: str | None) -> dict[str, Any]:
    return {
        "number": item["number"],
        "service": named(item.get("service"), language) or item.get("serviceCode", ""),
        "state": label(STATES, item.get("state")),
        "agency": label(AGENCIES, item.get("agency")),
        "unit": item.get("unitCode") or "",
        "promised": item.get("promisedOn") or "",
        "legal": item.get("legalOn") or "",
        "urgings": [
            {**urging, "at": beijing_time(urging.get("at"))} for urging in item.get("urgings") or []
        ],
        # Only the agency's own supervisors may declare its applications as their case.
        "urgeable": item.get("agency") == agency,
    }
