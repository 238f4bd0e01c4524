"""The citizens' questions to the unit (咨询), and answering them."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.gateway import GraphQLResult
from web.i18n import N_
from web.kit import Visit
from web.labels import record_name
from web.times import when
from web.workbench.item_forms import ItemForms
from web.workbench.operations import ANSWER, QUESTIONS
from web.workbench.validation import is_question_number


def _context(visit: Visit, result: GraphQLResult, items: list[dict[str, Any]]) -> dict[str, Any]:
    services = {
        s["code"]: record_name(visit.language, s) for s in result.data.get("services") or []
    }
    return {
        "items": [
            {
                "number": item["number"],
                "service": services.get(item.get("serviceCode") or "", item.get("serviceCode")),
                "application": item.get("applicationNumber") or "",
                "text": item.get("text") or "",
                "asked": when(item.get("askedAt")),
            }
            for item in items
        ]
    }


QUESTIONS_PAGE = ItemForms(
    path="/work/questions",
    template="workbench/questions.html",
    query=QUESTIONS,
    list_field="serviceQuestions",
    context=_context,
    is_number=is_question_number,
    unknown=N_("Choose a question from the list."),
    done="answered",
    field="answer",
    mutation=ANSWER,
    mutation_field="answerQuestion",
)


async def questions(visit: Visit) -> Response:
    """The open questions to the unit, each with an answer form."""
    return await QUESTIONS_PAGE.show(visit)


async def answer(visit: Visit) -> Response:
    """Answer a question, once; the asker reads the answer."""
    return await QUESTIONS_PAGE.post(visit)
