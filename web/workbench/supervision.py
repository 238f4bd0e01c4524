"""Supervision: the workload of the units supervised, their overdue applications, urging."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.gateway import GraphQLResult
from web.i18n import N_
from web.kit import Visit
from web.labels import AGENCIES, STATES, label, record_name
from web.times import when
from web.workbench.item_forms import ItemForms
from web.workbench.operations import SUPERVISION, URGE
from web.workbench.validation import is_application_number


def _context(visit: Visit, result: GraphQLResult, items: list[dict[str, Any]]) -> dict[str, Any]:
    agency = visit.user.agency if visit.user else None
    return {
        "workload": [
            {**load, "agency_label": label(AGENCIES, load.get("agency"))}
            for load in result.data.get("workload") or []
        ],
        "overdue": [_row(item, visit.language, agency) for item in items],
    }


def _row(item: dict[str, Any], language: str, agency: str | None) -> dict[str, Any]:
    return {
        "number": item["number"],
        "service": record_name(language, item.get("service")) or item.get("serviceCode", ""),
        "state": label(STATES, item.get("state")),
        "agency": label(AGENCIES, item.get("agency")),
        "unit": item.get("unitCode") or "",
        "promised": item.get("promisedOn") or "",
        "legal": item.get("legalOn") or "",
        "urgings": [
            {**urging, "at": when(urging.get("at"))} for urging in item.get("urgings") or []
        ],
        # Only the agency's own supervisors may declare its applications as their case.
        "urgeable": item.get("agency") == agency,
    }


SUPERVISION_PAGE = ItemForms(
    path="/work/supervision",
    template="workbench/supervision.html",
    query=SUPERVISION,
    list_field="applications",
    context=_context,
    is_number=is_application_number,
    unknown=N_("Choose an application from the list."),
    done="urged",
    field="message",
    mutation=URGE,
    mutation_field="urgeApplication",
)


async def supervision(visit: Visit) -> Response:
    """The workload per unit and the overdue applications, each with an urge form."""
    return await SUPERVISION_PAGE.show(visit)


async def urge(visit: Visit) -> Response:
    """Urge an overdue application's unit to act, with a message."""
    return await SUPERVISION_PAGE.post(visit)
