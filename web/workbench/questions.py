"""The citizens' questions to the unit (咨询), and answering them."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.i18n import N_
from web.kit import Visit
from web.workbench.display import beijing_time, named, page_links
from web.workbench.operations import ANSWER, QUESTIONS
from web.workbench.paging import PageRequest
from web.workbench.problems import FALLBACK, Problem, problem_of
from web.workbench.validation import is_question_number, normalized_text, text_problem

PURPOSE = "SERVICE_APPLICATION"
REFUSED_STATUS = {"FORBIDDEN": 403, "CASE_NOT_ASSIGNED": 403}
INVALID_PAGE = N_("This page link is not valid: start again from the first page.")


async def questions(visit: Visit) -> Response:
    """The open questions to the unit, each with an answer form."""
    paging = PageRequest.of(visit.request.query_params)
    answered = visit.request.query_params.get("answered", "")
    return await _page(
        visit,
        paging,
        answered=answered if is_question_number(answered) else None,
        page_error=None if paging.valid else INVALID_PAGE,
    )


async def answer(visit: Visit) -> Response:
    """Answer a question, once; the asker reads the answer."""
    number, text = visit.form.get("number"), visit.form.get("answer")
    first = PageRequest("", [], True)
    if not is_question_number(number):
        return await _page(
            visit, first, status=400, page_error=N_("Choose a question from the list.")
        )
    problem = text_problem(text, required=True)
    if problem is not None:
        return await _page(visit, first, status=400, failed=(number, text, problem))
    result = await visit.query(
        ANSWER, {"number": number, "answer": normalized_text(text)}, purpose=PURPOSE, case=number
    )
    if not result.errors and result.data.get("answerQuestion"):
        return visit.redirect(f"/work/questions?answered={number}")
    refused = problem_of(result) or Problem("", FALLBACK, "")
    return await _page(
        visit,
        first,
        status=REFUSED_STATUS.get(refused.code, 400),
        failed=(number, text, refused.message),
        refused=refused,
    )


async def _page(
    visit: Visit,
    paging: PageRequest,
    *,
    status: int = 200,
    answered: str | None = None,
    page_error: str | None = None,
    failed: tuple[str, str, str] | None = None,
    refused: Problem | None = None,
) -> Response:
    result = await visit.query(QUESTIONS, {"after": paging.after or None}, purpose=PURPOSE)
    page: dict[str, Any] = result.data.get("serviceQuestions") or {}
    info = page.get("pageInfo") or {}
    previous, following = page_links(
        "/work/questions",
        {},
        after=paging.after,
        trail=paging.trail,
        end=info.get("endCursor") if info.get("hasNextPage") else None,
    )
    services = {s["code"]: named(s, visit.language) for s in result.data.get("services") or []}
    return visit.render(
        "workbench/questions.html",
        status=status,
        items=[
            {
                "number": item["number"],
                "service": services.get(item.get("serviceCode") or "", item.get("serviceCode")),
                "application": item.get("applicationNumber") or "",
                "text": item.get("text") or "",
                "asked": beijing_time(item.get("askedAt")),
            }
            for item in page.get("items") or []
        ],
        problem=problem_of(result),
        answered=answered,
        page_error=page_error,
        failed=failed,
        refused=refused,
        previous=previous,
        following=following,
    )
