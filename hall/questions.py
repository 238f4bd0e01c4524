"""Questions (咨询): a citizen asks about a service or an application; the unit answers.

A question on a service goes to the unit that would accept an application for the person it
concerns (the asker or their ward); one on an application, to the application's unit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue import service_of
from hall.free_text import clean_text
from hall.models import Application
from hall.service_models import Question
from hall.service_notices import notify
from hall.service_states import QuestionState
from hall.submission import accepting_unit
from hall.times import record_number
from hall.workflow import StepActor
from subgraph.errors import BadUserInput
from subgraph.idnumber import region_code_of

MAX_QUESTION = 1_000
MAX_ANSWER = 2_000
ANSWERED_ZH = "您关于申请{number}的咨询（{question}）已答复：{answer}"


async def ask_about_service(
    *,
    session: AsyncSession,
    service_code: str,
    subject_id: str,
    asker_id: str,
    text: str,
    now: datetime,
) -> Question:
    """File a question on a service, for the unit that would accept the subject's application."""
    asked = clean_text(text, what="the question", max_length=MAX_QUESTION, required=True)
    service = service_of(service_code)
    if service is None:
        raise BadUserInput(f"unknown service {service_code[:48]!r}")
    region = region_code_of(subject_id)
    if region is None:
        raise BadUserInput("the subject's ID number carries no region code")
    agency, unit = accepting_unit(service, region, {})
    return await _file(
        session,
        Question(
            number=record_number("ZX", now),
            service_code=service.code,
            application_number=None,
            asker_id=asker_id,
            agency=agency,
            unit_code=unit,
            region_code=region,
            text=asked,
            asked_at=now,
            state=QuestionState.OPEN.value,
        ),
    )


async def ask_about_application(
    *, session: AsyncSession, number: str, asker_id: str, text: str, now: datetime
) -> Question:
    """File a question on an application, for the unit handling it."""
    asked = clean_text(text, what="the question", max_length=MAX_QUESTION, required=True)
    application = await session.get(Application, number)
    if application is None:
        raise BadUserInput(f"no application {number}")
    return await _file(
        session,
        Question(
            number=record_number("ZX", now),
            service_code=application.service_code,
            application_number=number,
            asker_id=asker_id,
            agency=application.agency,
            unit_code=application.unit_code,
            region_code=application.region_code,
            text=asked,
            asked_at=now,
            state=QuestionState.OPEN.value,
        ),
    )


async def answer_question(
    *, session: AsyncSession, number: str, answer: str, actor: StepActor, now: datetime
) -> Question:
    """Answer an open question, once; the asker is told when it is about an application."""
    text = clean_text(answer, what="the answer", max_length=MAX_ANSWER, required=True)
    # Conditional on OPEN, so two officers answering at once cannot both succeed.
    answered = await session.execute(
        update(Question)
        .where(Question.number == number, Question.state == QuestionState.OPEN.value)
        .values(
            state=QuestionState.ANSWERED.value,
            answer=text,
            answered_at=now,
            answered_by=actor.subject,
        )
        .execution_options(synchronize_session=False)
    )
    if answered.rowcount != 1:  # type: ignore[attr-defined]
        await session.rollback()
        raise BadUserInput(f"question {number} is not open (answered already?)")
    question = await session.get(Question, number, populate_existing=True)
    assert question is not None
    if question.application_number is not None:
        notify(
            session,
            application_number=question.application_number,
            recipient_id=question.asker_id,
            event=f"ANSWERED {question.number}",
            text=ANSWERED_ZH.format(
                number=question.application_number, question=question.number, answer=text
            ),
            now=now,
        )
    await session.commit()
    return question


async def _file(session: AsyncSession, question: Question) -> Question:
    session.add(question)
    await session.commit()
    return question
