"""Races the hall must survive: a double submission, two officers deciding, a crash mid-run."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from hall.calendar import default_calendar
from hall.catalogue import service_of
from hall.models import Application, Job, Transition
from hall.services import StaleApplication, decide
from hall.states import State
from hall.submission import Submitted, submit
from hall.workflow import StepActor
from subgraph.database import Database
from subgraph.errors import BadUserInput
from tests.hall.conftest import NOW
from tests.hall.flow import REGISTERED_ETHNICITY, SHE, Hall, scenario

CHILD = "350424201401010011"
MOTHER = "350424198801010022"
DETAILS = {"target_ethnic_group": SHE, "reason": "随母亲"}
OFFICERS = [
    StepActor(subject=f"officer-{n}", kind="STAFF", agency="ethnic_affairs", unit="MZ350400")
    for n in (1, 2)
]


async def _submit(database: Database, key: str) -> Submitted:
    service = service_of("ETHNICITY_CHANGE_MINOR")
    assert service is not None
    async with database.sessions() as session:
        return await submit(
            session=session,
            service=service,
            calendar=default_calendar(),
            applicant_id=MOTHER,
            subject_id=CHILD,
            details=DETAILS,
            delivery="ELECTRONIC",
            idempotency_key=key,
            now=NOW,
        )


async def test_the_same_submission_twice_at_once_makes_one_application(
    hall_db: Database,
) -> None:
    # Given a double click: the same submission, same key, sent twice at the same moment
    first, second = await asyncio.gather(
        _submit(hall_db, "double-click-0001"), _submit(hall_db, "double-click-0001")
    )
    # Then one application exists, and one of the two answers is the replay of the other
    async with hall_db.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(Application))
    assert (count, first.application.number, sorted([first.replayed, second.replayed])) == (
        1,
        second.application.number,
        [False, True],
    )


async def test_a_key_reused_for_another_application_is_refused(hall_db: Database) -> None:
    # Given an application submitted with a key
    await _submit(hall_db, "reused-key-0001")
    # When the same key comes with other details
    service = service_of("ETHNICITY_CHANGE_MINOR")
    assert service is not None
    async with hall_db.sessions() as session:
        try:
            await submit(
                session=session,
                service=service,
                calendar=default_calendar(),
                applicant_id=MOTHER,
                subject_id=CHILD,
                details={**DETAILS, "reason": "另一份申请"},
                delivery="ELECTRONIC",
                idempotency_key="reused-key-0001",
                now=NOW,
            )
        except BadUserInput as error:
            refused = str(error)
    # Then it is refused, naming the key
    assert refused == "this idempotencyKey was used for a different application; use a new key"


async def _verified(database: Database) -> tuple[str, int]:
    submitted = await _submit(database, "to-be-decided-01")
    async with database.sessions() as session:
        application = await session.get(Application, submitted.application.number)
        assert application is not None
        application.state = State.VERIFIED.value
        application.verification = {"eligible": True, "checks": [], "errors": [], "facts": {}}
        await session.commit()
        return application.number, application.version


async def test_two_officers_deciding_at_once_cannot_both_decide(hall_db: Database) -> None:
    # Given a verified application both officers read at the same version
    number, version = await _verified(hall_db)

    # When one approves and the other rejects at the same moment
    async def decide_as(officer: StepActor, approve: bool) -> Any:
        async with hall_db.sessions() as session:
            try:
                decided = await decide(
                    session=session,
                    number=number,
                    expected_version=version,
                    approve=approve,
                    reason="审核意见",
                    actor=officer,
                    now=NOW + timedelta(minutes=5),
                )
            except StaleApplication:
                return "stale"
            return decided.state

    outcomes = await asyncio.gather(decide_as(OFFICERS[0], True), decide_as(OFFICERS[1], False))

    # Then exactly one decision stands, recorded once, and the other officer is told to reload
    async with hall_db.sessions() as session:
        decisions = (
            await session.scalars(
                select(Transition.to_state).where(
                    Transition.application_number == number,
                    Transition.to_state.in_([State.APPROVED.value, State.REJECTED.value]),
                )
            )
        ).all()
        stored = await session.get(Application, number)
    assert stored is not None
    assert sorted(outcomes, key=str) in (["APPROVED", "stale"], ["REJECTED", "stale"])
    assert list(decisions) == [stored.state]


class CrashAfterFirstStep:
    """A gateway client that loses its process right after the first mutation was applied."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls = 0

    async def execute(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """Forward the call; after the first mutation, fail as a crash would."""
        body: dict[str, Any] = await self.real.execute(document, variables, case=case)
        if document.lstrip().startswith("mutation"):
            self.calls += 1
            if self.calls == 1:
                raise ConnectionResetError("worker crashed after the agency applied the step")
        return body


async def test_a_crash_between_approval_and_execution_executes_once(hall: Hall) -> None:
    # Given an approved ethnicity change (the remarried minor), and a worker that crashes
    # right after ethnic affairs recorded the approval, before the hall noted it
    unit = scenario("remarried_minor")
    mother, child = unit.roles["mother"], unit.roles["child"]
    number = await hall.submitted_number(
        mother, service="ETHNICITY_CHANGE_MINOR", subject=child, details=DETAILS
    )
    await hall.work()
    await hall.decide(number, approve=True, reason="符合条件")
    worker = hall.platform.app.state.hall_worker
    real = worker.gateway
    worker.gateway = CrashAfterFirstStep(real)
    try:
        crashed = await worker.run_once()
    finally:
        worker.gateway = real

    # When the job is taken up again after its backoff, by a fresh worker round
    async with worker.sessions() as session:
        job = await session.scalar(select(Job).where(Job.key == number, Job.kind == "EXECUTE"))
        assert job is not None
        job.run_at = job.run_at - timedelta(minutes=5)
        await session.commit()
    await hall.work()
    body = await hall.as_hall_system(REGISTERED_ETHNICITY, {"id": child}, case=number)

    # Then the crashed round failed, the retry replayed the recorded approval, and each agency
    # holds exactly one record of the change
    registered = body["data"]["person"]
    assert (crashed.jobs, crashed.failed) == (1, 1)
    steps = [step["toState"] for step in (await hall.read(number))["steps"]]
    assert steps.count("EXECUTED") == 1
    assert (len(registered["ethnicityHistory"]), len(registered["ethnicityChanges"])) == (1, 1)
