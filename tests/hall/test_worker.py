"""Several workers on one queue: every application verified exactly once between them."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from hall.calendar import default_calendar
from hall.catalogue import service_of
from hall.models import Application, Job
from hall.notices import LogSender
from hall.states import State
from hall.submission import submit
from hall.worker import HallWorker
from subgraph.database import Database
from tests.hall.conftest import NOW

ELIGIBLE = {
    "person": {
        "idNumber": "",
        "ethnicityCode": "01",
        "father": {"idNumber": "350424197001010013"},
        "mother": {"idNumber": "350424197201010024"},
        "guardianships": [],
        "ethnicityChangeEligibility": {"eligible": True, "checks": []},
    }
}


class CountingGateway:
    """Answers every verification as eligible, counting the calls per application."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    async def execute(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """One verification answer, after a pause as a real gateway round trip would take."""
        self.calls[case] = self.calls.get(case, 0) + 1
        await asyncio.sleep(0.01)
        return {"data": ELIGIBLE}


async def _applications(database: Database, count: int) -> None:
    service = service_of("ETHNICITY_CHANGE_ADULT")
    assert service is not None
    for index in range(count):
        applicant = f"3504242007010{index:02d}1"
        async with database.sessions() as session:
            await submit(
                session=session,
                service=service,
                calendar=default_calendar(),
                applicant_id=applicant,
                subject_id=applicant,
                details={"target_ethnic_group": "22", "reason": "随母亲"},
                delivery="ELECTRONIC",
                idempotency_key=f"worker-test-{index:04d}",
                now=NOW,
            )


async def test_three_workers_verify_each_application_exactly_once(hall_db: Database) -> None:
    # Given 30 submitted applications, each with a verification job
    await _applications(hall_db, 30)
    gateway = CountingGateway()
    workers = [
        HallWorker(
            sessions=hall_db.sessions,
            gateway=gateway,
            sender=LogSender(),
            clock=lambda: NOW,
            name=f"worker-{n}",
        )
        for n in range(3)
    ]

    # When three workers run rounds side by side until none finds a job
    async def drain(worker: HallWorker) -> int:
        done = 0
        while (round_ := await worker.run_once()).jobs:
            done += round_.jobs
        return done

    done = await asyncio.gather(*(drain(worker) for worker in workers))

    # Then every application was verified by one call, and all are VERIFIED
    async with hall_db.sessions() as session:
        states = (await session.scalars(select(Application.state))).all()
    assert (sum(done), sorted(set(gateway.calls.values())), len(gateway.calls)) == (30, [1], 30)
    assert set(states) == {State.VERIFIED.value}


class BrokenForOne(CountingGateway):
    """Raises an unexpected error for one application, answers the others."""

    def __init__(self, broken: str) -> None:
        super().__init__()
        self.broken = broken

    async def execute(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """Fail like a bug would for the broken application."""
        if case == self.broken:
            raise KeyError("person")
        return await super().execute(document, variables, case=case)


async def test_a_job_that_raises_does_not_hold_back_the_others(hall_db: Database) -> None:
    # Given three applications, the verification of the first raising an unexpected error
    await _applications(hall_db, 3)
    async with hall_db.sessions() as session:
        numbers = sorted((await session.scalars(select(Application.number))).all())
    worker = HallWorker(
        sessions=hall_db.sessions,
        gateway=BrokenForOne(numbers[0]),
        sender=LogSender(),
        clock=lambda: NOW,
    )
    # When a round runs
    done = await worker.run_once()
    # Then the broken job failed on its own (kept for a later attempt), the others went on
    async with hall_db.sessions() as session:
        states = dict((await session.execute(select(Application.number, Application.state))).all())
        job = await session.scalar(select(Job).where(Job.key == numbers[0]))
    assert (done.jobs, done.failed) == (3, 1)
    assert states == {
        numbers[0]: State.ACCEPTED.value,
        numbers[1]: State.VERIFIED.value,
        numbers[2]: State.VERIFIED.value,
    }
    assert job is not None and (job.attempts, job.last_error) == (1, "KeyError: 'person'")
