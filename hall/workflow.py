"""Moving an application one step: check the workflow, record who and why, queue what follows.

Every step goes through `move`. It refuses a step the workflow does not allow (so a retried
job or a second officer cannot decide twice), and relies on the application's version column
(optimistic concurrency: an UPDATE that finds another version fails with StaleDataError) so
two writers racing on the same application cannot both succeed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from hall.jobs import JobKind, enqueue
from hall.models import Application, Notice, Transition
from hall.states import LABELS_ZH, State, may_follow

# What the citizen is told at each step (an SMS-style notice through the outbox).
NOTICE_ZH: dict[State, str] = {
    State.ACCEPTED: "您的{service}申请（{number}）已受理，承诺{promised}前办结。",
    State.VERIFIED: "您的{service}申请（{number}）已完成信息共享核验，等待审批。",
    State.APPROVED: "您的{service}申请（{number}）已批准，正在办理。",
    State.REJECTED: "您的{service}申请（{number}）不予批准：{reason}",
    State.EXECUTED: "您的{service}申请（{number}）已办结。",
    State.DELIVERED: "您的{service}申请（{number}）办理结果已送达。",
    State.CLOSED: "您的{service}申请（{number}）已归档，欢迎对本次服务作出评价。",
}
# The background work a state asks for.
FOLLOW_UP: dict[State, JobKind] = {
    State.ACCEPTED: JobKind.VERIFY,
    State.APPROVED: JobKind.EXECUTE,
    State.EXECUTED: JobKind.DELIVER,
    State.DELIVERED: JobKind.CLOSE,
    State.REJECTED: JobKind.CLOSE,
}


class StepRefused(Exception):
    """The workflow does not allow this step from the application's current state."""

    def __init__(self, number: str, current: str, wanted: State) -> None:
        super().__init__(
            f"application {number} is {current}; it cannot become {wanted.value} from there"
        )
        self.current = current


@dataclass(frozen=True, kw_only=True)
class StepActor:
    """Who takes a step: a person or a system, as the transition records it."""

    subject: str
    kind: str
    agency: str | None = None
    unit: str | None = None


HALL_SYSTEM = StepActor(subject="hall-system", kind="SYSTEM", agency="hall")


def move(
    session: AsyncSession,
    application: Application,
    to: State,
    *,
    actor: StepActor,
    now: datetime,
    reason: str | None = None,
    service_name: str = "",
) -> None:
    """Move `application` to `to` in the session: record the step, notify, queue follow-up."""
    current = State(application.state)
    if not may_follow(current, to):
        raise StepRefused(application.number, current.value, to)
    application.state = to.value
    session.add(
        Transition(
            application_number=application.number,
            from_state=current.value,
            to_state=to.value,
            actor_subject=actor.subject,
            actor_kind=actor.kind,
            actor_agency=actor.agency,
            actor_unit=actor.unit,
            at=now,
            reason=reason,
        )
    )
    template = NOTICE_ZH.get(to)
    if template is not None:
        text = template.format(
            service=service_name or application.service_code,
            number=application.number,
            promised=application.promised_on.isoformat(),
            reason=reason or LABELS_ZH[to],
        )
        session.add(
            Notice(
                application_number=application.number,
                event=to.value,
                recipient_id=application.applicant_id,
                text_zh=text,
                created_at=now,
                attempts=0,
            )
        )
    follow_up = FOLLOW_UP.get(to)
    if follow_up is not None:
        enqueue(session, kind=follow_up, key=application.number, run_at=now)
