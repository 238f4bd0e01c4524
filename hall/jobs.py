"""The hall's job queue in its own database: each job is claimed by one worker at a time.

A worker claims due jobs with `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, so any number
of `tongban worker` processes share the queue without taking the same job; SQLite serializes
writers anyway (the claim is one write transaction). A claim is a lease: a worker that dies
leaves the job locked until the lease ends, then another takes it up. Handlers must therefore
be idempotent, and are: each finishes by a workflow step that refuses to run twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hall.models import Job

LEASE = timedelta(minutes=2)
MAX_ERROR = 2_000


class JobKind(StrEnum):
    """What a job does."""

    VERIFY = "VERIFY"
    EXECUTE = "EXECUTE"
    DELIVER = "DELIVER"
    TRACK = "TRACK"
    CLOSE = "CLOSE"
    ORIGINALS = "ORIGINALS"


def backoff(attempts: int) -> timedelta:
    """How long a failed job waits before its next attempt: 2 s doubling up to 10 minutes."""
    return timedelta(seconds=min(600, 2 ** min(attempts, 10)))


def enqueue(session: AsyncSession, *, kind: JobKind, key: str, run_at: datetime) -> None:
    """Add a job to the session; the caller's commit makes it visible to workers."""
    session.add(Job(kind=kind.value, key=key, run_at=run_at, attempts=0))


async def enqueue_once(session: AsyncSession, *, kind: JobKind, key: str, run_at: datetime) -> bool:
    """Add and commit a job unless one of that kind and key exists; False when it did."""
    exists = await session.scalar(select(Job.id).where(Job.kind == kind.value, Job.key == key))
    if exists is not None:
        return False
    enqueue(session, kind=kind, key=key, run_at=run_at)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return False
    return True


async def requeue(session: AsyncSession, *, kind: JobKind, key: str, run_at: datetime) -> None:
    """Make the job of this kind and key due again at `run_at` (added if missing); the caller
    commits. A worker still running it loses its lease, so it cannot mark the job done."""
    job = await session.scalar(select(Job).where(Job.kind == kind.value, Job.key == key))
    if job is None:
        enqueue(session, kind=kind, key=key, run_at=run_at)
        return
    job.run_at = run_at
    job.done_at = None
    job.locked_by = None
    job.locked_until = None
    job.attempts = 0


async def claim(
    session: AsyncSession, *, worker: str, now: datetime, limit: int = 10
) -> Sequence[Job]:
    """Lease up to `limit` due jobs to `worker` and commit the lease."""
    due = (
        select(Job)
        .where(
            Job.done_at.is_(None),
            Job.run_at <= now,
            or_(Job.locked_until.is_(None), Job.locked_until < now),
        )
        .order_by(Job.run_at, Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    jobs = (await session.scalars(due)).all()
    for job in jobs:
        job.locked_by = worker
        job.locked_until = now + LEASE
    await session.commit()
    return jobs


async def finish(session: AsyncSession, *, job_id: int, worker: str, now: datetime) -> None:
    """Mark a job done, if `worker` still holds its lease."""
    await session.execute(
        update(Job)
        .where(Job.id == job_id, Job.locked_by == worker)
        .values(done_at=now, locked_until=None, last_error=None)
    )
    await session.commit()


async def fail(
    session: AsyncSession, *, job_id: int, worker: str, now: datetime, error: str
) -> None:
    """Release a failed job for a later attempt, backing off with each failure."""
    job = await session.get(Job, job_id)
    if job is None or job.locked_by != worker:
        return
    job.attempts += 1
    job.run_at = now + backoff(job.attempts)
    job.locked_until = None
    job.locked_by = None
    job.last_error = error[:MAX_ERROR]
    await session.commit()
