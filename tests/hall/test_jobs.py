"""The job queue: leases, retries with backoff, and no job taken by two workers at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from hall import jobs
from hall.jobs import JobKind
from hall.models import Job
from subgraph.database import Database
from tests.hall.conftest import NOW


async def _enqueue(database: Database, count: int) -> None:
    async with database.sessions() as session:
        for index in range(count):
            jobs.enqueue(session, kind=JobKind.VERIFY, key=f"SQ{index:04d}", run_at=NOW)
        await session.commit()


async def test_two_workers_claiming_at_once_take_disjoint_jobs(hall_db: Database) -> None:
    # Given 20 due jobs
    await _enqueue(hall_db, 20)

    # When two workers claim up to 10 each at the same moment
    async def claim(worker: str) -> list[str]:
        async with hall_db.sessions() as session:
            return [job.key for job in await jobs.claim(session, worker=worker, now=NOW)]

    first, second = await asyncio.gather(claim("w1"), claim("w2"))

    # Then every job is leased exactly once
    assert sorted(first + second) == [f"SQ{index:04d}" for index in range(20)]
    assert set(first).isdisjoint(second)


async def test_a_leased_job_is_not_claimed_again_until_its_lease_ends(hall_db: Database) -> None:
    # Given a job leased by a worker that then died
    await _enqueue(hall_db, 1)
    async with hall_db.sessions() as session:
        assert [j.key for j in await jobs.claim(session, worker="dead", now=NOW)] == ["SQ0000"]

    # When another worker looks during the lease, and after it
    async with hall_db.sessions() as session:
        during = await jobs.claim(session, worker="w2", now=NOW + timedelta(seconds=30))
    async with hall_db.sessions() as session:
        after = await jobs.claim(session, worker="w2", now=NOW + jobs.LEASE + timedelta(seconds=1))

    # Then it gets nothing during the lease and the job afterwards
    assert ([j.key for j in during], [(j.key, j.locked_by) for j in after]) == (
        [],
        [("SQ0000", "w2")],
    )


async def test_a_failed_job_backs_off_and_a_finished_one_is_never_claimed(
    hall_db: Database,
) -> None:
    # Given two claimed jobs: one fails, one finishes
    await _enqueue(hall_db, 2)
    async with hall_db.sessions() as session:
        failing, finishing = await jobs.claim(session, worker="w", now=NOW)
        await jobs.fail(session, job_id=failing.id, worker="w", now=NOW, error="gateway down")
        await jobs.finish(session, job_id=finishing.id, worker="w", now=NOW)

    # When workers look right away and after the backoff
    async with hall_db.sessions() as session:
        now_claimed = await jobs.claim(session, worker="w", now=NOW + timedelta(seconds=1))
    async with hall_db.sessions() as session:
        later = await jobs.claim(session, worker="w", now=NOW + timedelta(seconds=3))
        rows = (await session.scalars(select(Job).order_by(Job.id))).all()

    # Then only the failed one comes back, once its backoff (2 s) has passed
    assert [j.key for j in now_claimed] == []
    assert [j.key for j in later] == ["SQ0000"]
    assert [(r.key, r.attempts, r.last_error, r.done_at is not None) for r in rows] == [
        ("SQ0000", 1, "gateway down", False),
        ("SQ0001", 0, None, True),
    ]


async def test_enqueue_once_refuses_a_second_job_of_the_same_kind_and_key(
    hall_db: Database,
) -> None:
    # Given a job for an application
    async with hall_db.sessions() as session:
        first = await jobs.enqueue_once(session, kind=JobKind.EXECUTE, key="SQ1", run_at=NOW)
    # When the same job is queued again
    async with hall_db.sessions() as session:
        second = await jobs.enqueue_once(session, kind=JobKind.EXECUTE, key="SQ1", run_at=NOW)
        count = len((await session.scalars(select(Job))).all())
    # Then it is there once
    assert (first, second, count) == (True, False, 1)
