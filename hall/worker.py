"""The hall's background worker: verification, execution, delivery, notices and escalation.

It runs in the platform's process on the embedded default, and as `tongban worker` in any
number of processes on PostgreSQL: jobs and notices are claimed with row locks that skip
what another worker holds, so no job is done twice at once, and every handler is idempotent
so a job retried after a crash does no harm.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hall import jobs
from hall.carriers import Carrier
from hall.escalation import escalate_overdue
from hall.execution import execute
from hall.executors import StepFailed
from hall.gateway_client import GatewayUnavailable
from hall.jobs import JobKind
from hall.models import Application
from hall.notices import NoticeSender, deliver_pending
from hall.providers import carrier as default_carrier
from hall.service_jobs import SERVICE_JOBS
from hall.times import beijing_day, utc_now
from hall.verification import Gateway, VerificationIncomplete, verify

logger = logging.getLogger("tongban.hall.worker")
# A verification still missing records after this many tries is stored as it is (not eligible,
# with the errors shown), for staff to decide rather than waiting for ever.
VERIFY_ATTEMPTS = 5


@dataclass(frozen=True)
class Round:
    """What one round of the worker did."""

    jobs: int
    failed: int
    notices: int
    escalated: int


@dataclass(kw_only=True)
class HallWorker:
    """Claims and runs the hall's background work."""

    sessions: async_sessionmaker[AsyncSession]
    gateway: Gateway
    sender: NoticeSender
    clock: Callable[[], datetime] = utc_now
    # The courier of results and originals; the demo carrier unless one is given.
    carrier: Carrier | None = None
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    async def run_once(self) -> Round:
        """Run every due job, send pending notices and escalate overdue applications."""
        now = self.clock()
        async with self.sessions() as session:
            claimed = await jobs.claim(session, worker=self.name, now=now)
        failed = 0
        for job in claimed:
            if not await self._run(job.id, JobKind(job.kind), job.key, job.attempts):
                failed += 1
        async with self.sessions() as session:
            notices = await deliver_pending(session=session, sender=self.sender, now=self.clock())
        async with self.sessions() as session:
            now = self.clock()
            escalated = await escalate_overdue(session=session, today=beijing_day(now), now=now)
        return Round(jobs=len(claimed), failed=failed, notices=notices, escalated=escalated)

    async def run(self, stop: asyncio.Event, *, interval: float = 0.5) -> None:
        """Work in rounds until `stop` is set; a failing round is logged, not fatal."""
        while not stop.is_set():
            try:
                done = await self.run_once()
            except Exception:
                logger.exception("hall worker round failed")
                done = Round(0, 0, 0, 0)
            if done.jobs == 0 and done.notices == 0:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=interval)
                except TimeoutError:
                    pass

    async def _run(self, job_id: int, kind: JobKind, key: str, attempts: int) -> bool:
        async with self.sessions() as session:
            try:
                if kind is JobKind.VERIFY:
                    final = attempts + 1 >= VERIFY_ATTEMPTS
                    await verify(
                        session=session,
                        gateway=self.gateway,
                        number=key,
                        clock=self.clock,
                        final=final,
                    )
                elif kind is JobKind.EXECUTE:
                    await execute(
                        session=session, gateway=self.gateway, number=key, now=self.clock()
                    )
                else:
                    await SERVICE_JOBS[kind](
                        session=session,
                        gateway=self.gateway,
                        carrier=self.carrier or default_carrier(self.sessions),
                        key=key,
                        now=self.clock(),
                    )
            except StepFailed as failure:
                if failure.retry:
                    await self._fail(session, job_id, str(failure))
                    return False
                await self._give_up(session, job_id, key, str(failure))
                return False
            except (GatewayUnavailable, VerificationIncomplete, OSError) as error:
                await self._fail(session, job_id, str(error))
                return False
            except Exception as error:  # a bug in one job must not hold the others back
                logger.exception("hall job %s (%s %s) raised", job_id, kind.value, key)
                await self._fail(session, job_id, f"{type(error).__name__}: {error}")
                return False
            await jobs.finish(session, job_id=job_id, worker=self.name, now=self.clock())
        return True

    async def _fail(self, session: AsyncSession, job_id: int, error: str) -> None:
        await session.rollback()
        logger.warning("hall job %s failed, will retry: %s", job_id, error)
        await jobs.fail(session, job_id=job_id, worker=self.name, now=self.clock(), error=error)

    async def _give_up(self, session: AsyncSession, job_id: int, number: str, error: str) -> None:
        """A step the agency refused for good: keep the reason on the application for staff."""
        await session.rollback()
        logger.error("hall job %s for %s cannot complete: %s", job_id, number, error)
        application = await session.get(Application, number)
        if application is not None:
            application.execution = {**(application.execution or {}), "error": error}
        await session.commit()
        await jobs.finish(session, job_id=job_id, worker=self.name, now=self.clock())
