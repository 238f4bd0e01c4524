"""`apply_once`: one change per application, replays, conflicts, and races lost at commit."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from enum import Enum
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import Database, agency_metadata
from subgraph.execution import (
    Executed,
    ExecutionErrorCode,
    ExecutionFailed,
    apply_once,
    request_digest,
)
from subgraph.settings import sqlite_url

APPLICATION = "YW-2026-000001"
PERSON = "350424200709220019"


class Base(DeclarativeBase):
    metadata = agency_metadata()


class Grant(Executed, Base):
    """A toy change record: one grant per person."""

    __tablename__ = "grant"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String(18), unique=True)
    amount: Mapped[int]


@pytest_asyncio.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database of grants."""
    database = Database(url=sqlite_url(tmp_path / "grants.db"), metadata=Base.metadata)
    await database.create_tables()
    yield database
    await database.dispose()


def grant(amount: int, calls: list[int]) -> Callable[[], Awaitable[Grant]]:
    """A change granting `amount` to PERSON, counting its calls."""

    async def change() -> Grant:
        calls.append(amount)
        return Grant(person_id=PERSON, amount=amount)

    return change


async def apply(
    session: AsyncSession,
    amount: int,
    calls: list[int],
    application: str = APPLICATION,
) -> tuple[bool, tuple[str | None, str, int]]:
    """Apply a grant of `amount`; return (replayed, the record's application, person, amount)."""
    applied = await apply_once(
        session,
        model=Grant,
        application=application,
        arguments={"amount": amount},
        change=grant(amount, calls),
    )
    record = applied.record
    return applied.replayed, (record.application, record.person_id, record.amount)


async def grants(database: Database) -> list[tuple[str | None, str, int]]:
    """Every grant stored, as (application, person, amount)."""
    async with database.sessions() as session:
        rows = (await session.scalars(select(Grant).order_by(Grant.id))).all()
        return [(row.application, row.person_id, row.amount) for row in rows]


async def test_a_change_is_applied_once_then_replayed(database: Database) -> None:
    # given an application executed once
    calls: list[int] = []
    async with database.sessions() as session:
        first = await apply(session, 100, calls)
    # when the same application comes again with the same arguments
    async with database.sessions() as session:
        again = await apply(session, 100, calls)
    # then the second answers the first's record as a replay, without changing anything
    assert (first, again) == (
        (False, (APPLICATION, PERSON, 100)),
        (True, (APPLICATION, PERSON, 100)),
    )
    assert calls == [100]
    assert await grants(database) == [(APPLICATION, PERSON, 100)]


async def test_the_same_application_with_other_arguments_is_a_conflict(
    database: Database,
) -> None:
    # given an application executed with one amount
    calls: list[int] = []
    async with database.sessions() as session:
        await apply(session, 100, calls)
    # when it comes again with another amount
    async with database.sessions() as session:
        with pytest.raises(ExecutionFailed) as failure:
            await apply(session, 200, calls)
    # then it is a conflict, and the first change stands alone
    assert (failure.value.code, failure.value.message) == (
        ExecutionErrorCode.CONFLICT,
        f"application {APPLICATION} was already executed with other arguments",
    )
    assert (calls, await grants(database)) == ([100], [(APPLICATION, PERSON, 100)])


async def test_a_business_failure_changes_nothing_and_can_be_retried(database: Database) -> None:
    calls: list[int] = []
    async with database.sessions() as session:
        # given a change that began (a pending row) before finding the records refuse it
        async def refuse() -> Grant:
            session.add(Grant(person_id=PERSON, amount=1))
            raise ExecutionFailed(ExecutionErrorCode.REJECTED, "not now")

        with pytest.raises(ExecutionFailed) as failure:
            await apply_once(
                session, model=Grant, application=APPLICATION, arguments={}, change=refuse
            )
        # when the application is retried in the same session once the records allow it
        retried = await apply(session, 100, calls)
    # then the failure left nothing behind (not even the pending row), and the retry applies
    assert (failure.value.code, retried) == (
        ExecutionErrorCode.REJECTED,
        (False, (APPLICATION, PERSON, 100)),
    )
    assert await grants(database) == [(APPLICATION, PERSON, 100)]


async def winner(database: Database, application: str, amount: int) -> None:
    """A concurrent call that commits its grant first."""
    async with database.sessions() as session:
        session.add(
            Grant(
                person_id=PERSON,
                amount=amount,
                application=application,
                request_digest=request_digest({"amount": amount}),
            )
        )
        await session.commit()


async def test_a_call_losing_the_race_at_commit_answers_the_winners_change(
    database: Database,
) -> None:
    # given a call whose change is made while a concurrent call of the same application
    # commits first (after this call looked for a record and found none)
    async def racing() -> Grant:
        await winner(database, APPLICATION, 100)
        return Grant(person_id=PERSON, amount=100)

    # when this call commits
    async with database.sessions() as session:
        applied = await apply_once(
            session,
            model=Grant,
            application=APPLICATION,
            arguments={"amount": 100},
            change=racing,
        )
    # then the UNIQUE application refuses its row, and it answers the winner's as a replay
    assert (applied.replayed, applied.record.application, applied.record.amount) == (
        True,
        APPLICATION,
        100,
    )
    assert await grants(database) == [(APPLICATION, PERSON, 100)]


async def test_a_call_refused_because_its_twin_just_applied_answers_the_twins_change(
    database: Database,
) -> None:
    # given a call that found no record, and whose change then finds the records already
    # changed, by a concurrent call of the same application that committed meanwhile
    async def too_late() -> Grant:
        await winner(database, APPLICATION, 100)
        raise ExecutionFailed(ExecutionErrorCode.REJECTED, "the grant is already made")

    # when the change refuses
    async with database.sessions() as session:
        applied = await apply_once(
            session,
            model=Grant,
            application=APPLICATION,
            arguments={"amount": 100},
            change=too_late,
        )
    # then the call answers the twin's change as a replay, not the refusal
    assert (applied.replayed, applied.record.application, applied.record.amount) == (
        True,
        APPLICATION,
        100,
    )
    assert await grants(database) == [(APPLICATION, PERSON, 100)]


async def test_a_race_lost_to_another_application_is_a_conflict(database: Database) -> None:
    # given a call whose change collides with another application's grant to the same person,
    # committed concurrently
    async def racing() -> Grant:
        await winner(database, "YW-2026-000002", 300)
        return Grant(person_id=PERSON, amount=100)

    # when this call commits
    async with database.sessions() as session:
        with pytest.raises(ExecutionFailed) as failure:
            await apply_once(
                session,
                model=Grant,
                application=APPLICATION,
                arguments={"amount": 100},
                change=racing,
            )
    # then it is a conflict, and only the other application's change stands
    assert (failure.value.code, failure.value.message) == (
        ExecutionErrorCode.CONFLICT,
        "a concurrent change to the same records was made first; nothing was changed",
    )
    assert await grants(database) == [("YW-2026-000002", PERSON, 300)]


@pytest.mark.parametrize("application", ["", "YW 2026", "-YW", "Y" * 33, "YW-2026\n"])
async def test_a_malformed_application_number_is_invalid(
    database: Database, application: str
) -> None:
    # given a malformed application number, when it is executed
    calls: list[int] = []
    async with database.sessions() as session:
        with pytest.raises(ExecutionFailed) as failure:
            await apply(session, 100, calls, application=application)
    # then it is refused before anything is looked at or changed
    assert (failure.value.code, failure.value.message, calls) == (
        ExecutionErrorCode.INVALID,
        "`application` must be 1 to 32 letters, digits and dashes",
        [],
    )
    assert await grants(database) == []


class Colour(Enum):
    RED = "R"


def test_the_digest_is_canonical() -> None:
    # given the same arguments in another order, and arguments that differ in one value
    arguments = {"on": date(2026, 11, 1), "colour": Colour.RED, "name": "蓝晓", "n": None}
    reordered = dict(reversed(list(arguments.items())))
    other = {**arguments, "on": date(2026, 11, 2)}
    # then the order does not matter, the value does, and dates and enums digest by value
    assert (
        request_digest(reordered) == request_digest(arguments),
        request_digest(other) == request_digest(arguments),
        request_digest(arguments)
        == request_digest({"on": "2026-11-01", "colour": "R", "name": "蓝晓", "n": None}),
    ) == (True, False, True)
