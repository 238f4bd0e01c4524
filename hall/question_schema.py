"""Questions in GraphQL: citizens ask about a service or their application, units answer.

`QuestionQuery` and `QuestionMutation` are inherited by the hall's Query and Mutation. Asking
is a write on `ServiceQuestion` (the asker's), answering one on `QuestionAnswer` (the unit's),
so an asker cannot answer and an officer cannot ask for a citizen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hall import questions
from hall import service_models as rows
from hall.service_fields import basic
from hall.service_listings import list_questions
from hall.service_states import QuestionState
from hall.step_actors import step_actor
from hall.targets import application_target
from hall.times import utc_now
from subgraph import convert
from subgraph.context import call_service, context_of
from subgraph.entities import load_one
from subgraph.guard import PUBLIC, WRITE, Attr, Guard, Guarded
from subgraph.guard.permit import Permit
from subgraph.idnumber import region_code_of
from subgraph.pagination import Page, page_of
from subgraph.resolvers import mutation, resolver


@Guarded(model=rows.Question, region="region_code", unit="unit_code", subject="asker_id")
@strawberry.type(description="A citizen's question (咨询) and the unit's answer.")
class ServiceQuestion:
    number: str = strawberry.field(
        description="Question number, e.g. ZX20261127A1B2C3D4.", extensions=[Guard(PUBLIC)]
    )
    service_code: str = basic("The service asked about.")
    application_number: str | None = basic("The application asked about, if any.")
    agency: str = basic("The agency of the answering unit.")
    unit_code: str = basic("The unit that answers.")
    text: str = basic("The question.")
    asked_at: datetime = basic("When it was asked.")
    state: QuestionState = basic("Whether it was answered.")
    answer: str | None = basic("The unit's answer; null until answered.")
    answered_at: datetime | None = basic("When it was answered.")
    asker_id: strawberry.Private[str]
    region_code: strawberry.Private[str]

    @staticmethod
    def from_row(row: rows.Question) -> ServiceQuestion:
        return convert.from_row(
            ServiceQuestion,
            row,
            state=QuestionState(row.state),
            asked_at=row.asked_at,
            answered_at=row.answered_at,
        )


@Guarded(part_of="ServiceQuestion")
@strawberry.type(description="What asking did.")
class AskPayload:
    question: ServiceQuestion | None = basic("The question, filed.")


@Guarded(part_of="QuestionAnswer")
@strawberry.type(description="What answering did.")
class AnswerPayload:
    question: ServiceQuestion | None = basic("The question, answered.")


async def question_target(info: Info, arguments: dict[str, Any]) -> ServiceQuestion | None:
    """The question a mutation names by `number`."""
    return await load_one(info, rows.Question.number, arguments["number"], ServiceQuestion.from_row)


@strawberry.type(description="Question lookups.")
class QuestionQuery:
    @resolver("A question by its number; null if unknown.")
    async def service_question(
        self, info: Info, number: Annotated[str, strawberry.argument(description="Number.")]
    ) -> ServiceQuestion | None:
        return await question_target(info, {"number": number})

    @resolver("Questions in the caller's jurisdiction (an asker's, a unit's), by number.")
    async def service_questions(
        self,
        info: Info,
        state: Annotated[
            QuestionState | None, strawberry.argument(description="Only in this state.")
        ] = None,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
    ) -> Page[ServiceQuestion]:
        found, page_info = await call_service(
            info, list_questions, listing=ServiceQuestion, state=state, first=first, after=after
        )
        return page_of(found, page_info, ServiceQuestion.from_row)


@strawberry.type(description="Asking and answering questions.")
class QuestionMutation:
    @mutation(
        "Ask about a service, for oneself or a ward; the unit that would accept it answers.",
        Permit(
            WRITE,
            type_name="ServiceQuestion",
            subject="subject_id_number",
            region=Attr(lambda args: region_code_of(args.subject_id_number)),
        ),
    )
    async def ask_question(
        self,
        info: Info,
        service_code: Annotated[str, strawberry.argument(description="The service's code.")],
        subject_id_number: Annotated[
            str, strawberry.argument(description="ID number of whom it concerns (self, ward).")
        ],
        text: Annotated[str, strawberry.argument(description="The question (1,000 characters).")],
    ) -> AskPayload:
        question = await call_service(
            info,
            questions.ask_about_service,
            service_code=service_code,
            subject_id=subject_id_number,
            asker_id=context_of(info).actor.subject,
            text=text,
            now=utc_now(),
        )
        return AskPayload(question=ServiceQuestion.from_row(question))

    @mutation(
        "Ask about one's application; the unit handling it answers.",
        Permit(WRITE, type_name="ServiceQuestion", target=application_target),
    )
    async def ask_about_application(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The application's number.")],
        text: Annotated[str, strawberry.argument(description="The question (1,000 characters).")],
    ) -> AskPayload:
        question = await call_service(
            info,
            questions.ask_about_application,
            number=number,
            asker_id=context_of(info).actor.subject,
            text=text,
            now=utc_now(),
        )
        return AskPayload(question=ServiceQuestion.from_row(question))

    @mutation(
        "Answer an open question of one's unit, once.",
        Permit(WRITE, type_name="QuestionAnswer", target=question_target),
    )
    async def answer_question(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The question's number.")],
        answer: Annotated[str, strawberry.argument(description="The answer (2,000 characters).")],
    ) -> AnswerPayload:
        question = await call_service(
            info,
            questions.answer_question,
            number=number,
            answer=answer,
            actor=step_actor(info),
            now=utc_now(),
        )
        return AnswerPayload(question=ServiceQuestion.from_row(question))
