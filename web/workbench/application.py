"""One application: read by its accepting unit, and decided on its one-pass verification."""

from __future__ import annotations

from starlette.responses import Response

from web.gateway import GraphQLResult
from web.i18n import N_
from web.kit import Visit
from web.problems import Problem
from web.workbench.application_view import application_view
from web.workbench.decision import DECIDABLE, Decision
from web.workbench.fields import DENIED, Reader
from web.workbench.operations import APPLICATION, DECIDE, PURPOSE
from web.workbench.problems import STAFF_WORDS
from web.workbench.validation import is_application_number

DECIDED = {
    "approve": N_("The application was approved."),
    "reject": N_("The application was rejected."),
}


async def read_application(visit: Visit, number: str) -> GraphQLResult:
    """The application, read for its case; without one when it is not the unit's open case."""
    result = await visit.query(APPLICATION, {"number": number}, purpose=PURPOSE, case=number)
    if "CASE_NOT_ASSIGNED" in result.codes():
        result = await visit.query(APPLICATION, {"number": number}, purpose=PURPOSE)
    return result


async def application(visit: Visit) -> Response:
    """The application: people, details, checks, steps, urgings, and the decision form."""
    number = visit.request.path_params["number"]
    if not is_application_number(number):
        return _missing(visit)
    result = await read_application(visit, number)
    done = visit.request.query_params.get("decided", "")
    return _page(visit, result, Decision(), decided=DECIDED.get(done))


async def decide(visit: Visit) -> Response:
    """Approve or reject on the version shown; a decision taken meanwhile is a conflict."""
    number = visit.request.path_params["number"]
    if not is_application_number(number):
        return _missing(visit)
    result = await read_application(visit, number)
    reader = Reader(result)
    current = reader.value("application")
    if current is None or reader.refusal("application", "state") is not None:
        return _page(visit, result, Decision())
    decision = Decision.read(
        visit.form, eligible=bool((current.get("verification") or {}).get("eligible"))
    )
    if decision.is_stale(current.get("state") or "", current.get("version")):
        decision.errors = {}  # what was typed is kept; the conflict is what to look at
        return _page(visit, result, decision, status=409, conflict=True)
    if decision.errors:
        return _page(visit, result, decision, status=400)
    answer = await visit.query(DECIDE, decision.variables(number), purpose=PURPOSE, case=number)
    if not answer.errors and (answer.data.get("decideApplication") or {}).get("application"):
        return visit.redirect(f"/work/applications/{number}?decided={decision.decision}")
    fresh = await read_application(visit, number)
    moved = Reader(fresh).value("application") or {}
    if decision.is_stale(moved.get("state") or "", moved.get("version")):
        decision.errors = {}
        return _page(visit, fresh, decision, status=409, conflict=True)
    problem = STAFF_WORDS.of(answer)
    return _page(visit, fresh, decision, status=problem.status if problem else 400, refused=problem)


def _page(
    visit: Visit,
    result: GraphQLResult,
    decision: Decision,
    *,
    status: int = 200,
    conflict: bool = False,
    refused: Problem | None = None,
    decided: str | None = None,
) -> Response:
    reader = Reader(result)
    # The number is public: an application outside the jurisdiction comes back with its
    # number only, every other field refused.
    if reader.refusal("application", "state") == DENIED or (
        reader.value("application") is None and "FORBIDDEN" in result.codes()
    ):
        return visit.error(
            403,
            visit._("Not for this account"),
            visit._("This application is not in your unit's jurisdiction."),
        )
    if reader.value("application") is None:
        return _missing(visit)
    view = application_view(reader, language=visit.language)
    user = visit.user
    decidable = view["state"] == DECIDABLE and user is not None and user.unit == view["unit"]
    return visit.render(
        "workbench/application.html",
        status=status,
        app=view,
        form=decision,
        decidable=decidable,
        conflict=conflict,
        refused=refused,
        decided=decided,
    )


def _missing(visit: Visit) -> Response:
    return visit.error(
        404,
        visit._("Page not found"),
        visit._("There is no application with this number in your jurisdiction."),
    )
