"""A unit's queue: open applications only, the earliest deadline first, page by page."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import true

from hall.models import Application
from hall.queue_order import ApplicationOrder
from hall.services import list_applications
from subgraph.database import Database
from subgraph.errors import BadUserInput
from tests.hall.conftest import NOW

TODAY = date(2026, 11, 27)
# (number, state, promised in days, legal in days)
KNOWN = [
    ("SQ1", "VERIFIED", 5, 20),
    ("SQ2", "ACCEPTED", 1, 30),
    ("SQ3", "CLOSED", 0, 10),
    ("SQ4", "APPROVED", 5, 10),
    ("SQ5", "VERIFIED", 1, 30),
    ("SQ6", "SUBMITTED", -2, 15),
]


def _application(
    number: str, state: str, promised: int, legal: int, submitted: datetime = NOW
) -> Application:
    return Application(
        number=number,
        service_code="ID_CARD_REISSUE",
        applicant_id="P1",
        subject_id="P1",
        idempotency_key=number,
        request_digest=number,
        details={},
        delivery="PICKUP",
        state=state,
        version=1,
        agency="police",
        unit_code="350424000000",
        region_code="350424",
        submitted_at=submitted,
        promised_on=TODAY + timedelta(days=promised),
        legal_on=TODAY + timedelta(days=legal),
        deadlines_provisional=False,
    )


async def _pages(database: Database, order: ApplicationOrder, *, open_only: bool) -> list[str]:
    numbers: list[str] = []
    after = None
    async with database.sessions() as session:
        while True:
            rows, info = await list_applications(
                session=session,
                state=None,
                service_code=None,
                overdue_on=None,
                first=2,
                after=after,
                scope_filter=true(),
                open_only=open_only,
                order=order,
            )
            numbers.extend(row.number for row in rows)
            if not info.has_next_page:
                return numbers
            after = info.end_cursor


async def test_the_queue_lists_open_applications_by_deadline_across_pages(
    hall_db: Database,
) -> None:
    # given applications of a unit with various deadlines, one of them closed
    async with hall_db.sessions() as session:
        session.add_all(_application(*row) for row in KNOWN)
        await session.commit()
    # when the open ones are listed by deadline two at a time, and all of them by number
    by_deadline = await _pages(hall_db, ApplicationOrder.DEADLINE, open_only=True)
    by_number = await _pages(hall_db, ApplicationOrder.NUMBER, open_only=False)
    # then the earliest promised day comes first (then the legal day, then the number), the
    # closed one is left out, and the default order is unchanged
    assert (by_deadline, by_number) == (
        ["SQ6", "SQ2", "SQ5", "SQ4", "SQ1"],
        ["SQ1", "SQ2", "SQ3", "SQ4", "SQ5", "SQ6"],
    )


async def test_a_cursor_of_another_order_is_refused(hall_db: Database) -> None:
    # given a cursor of the number order, when it is sent to the deadline order
    async with hall_db.sessions() as session:
        with pytest.raises(BadUserInput) as refused:
            await list_applications(
                session=session,
                state=None,
                service_code=None,
                overdue_on=None,
                first=2,
                after="U1Ex",
                scope_filter=true(),
                order=ApplicationOrder.DEADLINE,
            )
    # then it is refused as a bad argument
    assert refused.value.message == "`after` is not a cursor of this order"


async def test_a_citizens_list_comes_newest_first_across_pages(hall_db: Database) -> None:
    # given applications submitted a minute apart, two of them in the same instant
    minutes = {"SQ1": 3, "SQ2": 1, "SQ3": 1, "SQ4": 0, "SQ5": 2, "SQ6": 5}
    async with hall_db.sessions() as session:
        session.add_all(
            _application(*row, submitted=NOW + timedelta(minutes=minutes[row[0]])) for row in KNOWN
        )
        await session.commit()
    # when they are listed newest first, two at a time
    newest = await _pages(hall_db, ApplicationOrder.NEWEST, open_only=False)
    # then the latest submission leads, and a tie goes to the higher number
    assert newest == ["SQ6", "SQ1", "SQ5", "SQ3", "SQ2", "SQ4"]
