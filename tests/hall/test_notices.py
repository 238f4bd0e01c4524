"""The notice outbox: sent at least once, never lost, each taken by one worker at a time."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from hall.models import Application, Notice
from hall.notices import LogSender, deliver_pending
from hall.states import State
from subgraph.database import Database
from tests.hall.conftest import NOW


class FlakySender:
    """Refuses the texts it is told to refuse, records the rest."""

    def __init__(self, refuse: set[str]) -> None:
        self.refuse = refuse
        self.sent: list[str] = []

    async def send(self, *, recipient_id: str, text: str, reference: str) -> None:
        """Send, or fail like an SMS gateway that is down."""
        if reference in self.refuse:
            raise ConnectionError("SMS gateway timed out")
        await asyncio.sleep(0)
        self.sent.append(reference)


async def _outbox(database: Database, count: int) -> None:
    async with database.sessions() as session:
        session.add(
            Application(
                number="SQ20261127TEST0001",
                service_code="ETHNICITY_CHANGE_ADULT",
                applicant_id="350424200701010011",
                subject_id="350424200701010011",
                idempotency_key="notice-test-0001",
                request_digest="0" * 64,
                details={},
                delivery="ELECTRONIC",
                state=State.ACCEPTED.value,
                agency="ethnic_affairs",
                unit_code="MZ350400",
                region_code="350424",
                submitted_at=NOW,
                promised_on=NOW.date(),
                legal_on=NOW.date(),
                deadlines_provisional=False,
            )
        )
        for index in range(count):
            session.add(
                Notice(
                    application_number="SQ20261127TEST0001",
                    event=f"E{index}",
                    recipient_id="350424200701010011",
                    text_zh=f"通知{index}",
                    created_at=NOW,
                    attempts=0,
                )
            )
        await session.commit()


async def test_a_failed_send_stays_in_the_outbox_and_goes_out_next_round(
    hall_db: Database,
) -> None:
    # Given three notices, the SMS gateway failing for the second
    await _outbox(hall_db, 3)
    flaky = FlakySender(refuse={"SQ20261127TEST0001/E1"})
    # When a round runs, and another once the gateway is back
    async with hall_db.sessions() as session:
        first = await deliver_pending(session=session, sender=flaky, now=NOW)
    flaky.refuse.clear()
    async with hall_db.sessions() as session:
        second = await deliver_pending(session=session, sender=flaky, now=NOW)
        rows = (await session.scalars(select(Notice).order_by(Notice.id))).all()
    # Then the failed one went out in the second round, after two attempts, and all are sent
    assert (first, second, flaky.sent) == (
        2,
        1,
        ["SQ20261127TEST0001/E0", "SQ20261127TEST0001/E2", "SQ20261127TEST0001/E1"],
    )
    assert [(r.event, r.attempts, r.sent_at is not None) for r in rows] == [
        ("E0", 1, True),
        ("E1", 2, True),
        ("E2", 1, True),
    ]


async def test_two_workers_sending_at_once_send_each_notice_once(hall_db: Database) -> None:
    # Given twenty notices and two workers with their own senders
    await _outbox(hall_db, 20)
    senders = [LogSender(), LogSender()]

    # When both deliver at the same moment
    async def deliver(sender: LogSender) -> int:
        async with hall_db.sessions() as session:
            return await deliver_pending(session=session, sender=sender, now=NOW, limit=10)

    counts = await asyncio.gather(*(deliver(sender) for sender in senders))

    # Then every notice was sent exactly once between them
    references = [reference for sender in senders for reference, _, _ in sender.sent]
    assert (sum(counts), sorted(references)) == (
        20,
        sorted(f"SQ20261127TEST0001/E{index}" for index in range(20)),
    )
