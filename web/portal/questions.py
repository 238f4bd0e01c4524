"""The citizen's questions and their answers, and asking about a service."""

from __future__ import annotations

from starlette.responses import Response

from web.citizen_operations import CITIZEN_ASK_QUESTION, CITIZEN_QUESTIONS
from web.kit import Visit
from web.paging import listing
from web.portal.checks import FormState, check_choice, check_text, clean
from web.portal.problems import CITIZEN_WORDS
from web.portal.shared import people_for, render, services

QUESTION_LENGTH = 1000


async def _page(visit: Visit, state: FormState, status: int = 200) -> Response:
    page = await listing(visit, CITIZEN_QUESTIONS, "serviceQuestions")
    catalogue = await services(visit)
    return render(
        visit,
        "portal/questions.html",
        status=status,
        page=page,
        failed=page.failed,
        services=catalogue,
        names={service["code"]: service for service in catalogue},
        people=await people_for(visit),
        state=state,
        asked=visit.request.query_params.get("done") == "asked",
    )


async def questions(visit: Visit) -> Response:
    """The citizen's questions, newest first, and the form to ask one."""
    user = visit.user
    return await _page(visit, FormState(values={"subject": (user and user.id_number) or ""}))


async def ask_question(visit: Visit) -> Response:
    """Ask the unit that would accept a service a question about it, for oneself or a minor."""
    form, state = visit.form, FormState()
    codes = {service["code"] for service in await services(visit)}
    people = {someone.id_number for someone in await people_for(visit)}
    service, subject, text = form.get("service"), form.get("subject"), form.get("text")
    state.check("service", service, check_choice(service, codes))
    state.check("subject", subject, check_choice(subject, people))
    problem = check_text(text, required=True, max_length=QUESTION_LENGTH, multiline=True)
    state.check("text", text, problem)
    if not state.ok:
        return await _page(visit, state, status=400)
    variables = {"serviceCode": service, "subjectIdNumber": subject, "text": clean(text)}
    result = await visit.query(CITIZEN_ASK_QUESTION, variables)
    if result.errors or not result.data.get("askQuestion"):
        state.problem = CITIZEN_WORDS.refusal(result)
        return await _page(visit, state, status=400)
    return visit.redirect("/me/questions?done=asked")
