"""Applying a change at most once per application number, whatever retries and races occur."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Generic, TypeVar

from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from subgraph.execution.checks import APPLICATION_LENGTH, application_number
from subgraph.execution.outcome import ExecutionErrorCode, ExecutionFailed


class Executed:
    """Columns of an agency's record of a change: the application it executes, and how.

    `application` is UNIQUE, so the database itself lets one change per application commit;
    `request_digest` tells a replay (same arguments) from a conflicting reuse. Both are null
    on records from before the platform executed changes.
    """

    application: Mapped[str | None] = mapped_column(String(APPLICATION_LENGTH), unique=True)
    request_digest: Mapped[str | None] = mapped_column(String(64))


E = TypeVar("E", bound=Executed)


@dataclass(frozen=True, kw_only=True)
class Applied(Generic[E]):
    """The record of an application's change, and whether this call only replayed it."""

    record: E
    replayed: bool


def request_digest(arguments: Mapping[str, object]) -> str:
    """The SHA-256 of the arguments in canonical JSON (dates ISO, enums by value)."""
    canonical = json.dumps(arguments, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot digest a {type(value).__name__}")


async def apply_once(
    session: AsyncSession,
    *,
    model: type[E],
    application: str,
    arguments: Mapping[str, object],
    change: Callable[[], Awaitable[E]],
) -> Applied[E]:
    """Apply `change` for `application` unless done already; commit it; answer a replay.

    `change` checks the records (raising ExecutionFailed, nothing changed), makes the change
    in the session and returns its record, which this stamps with the application and the
    digest of `arguments` (all but the application). A concurrent call of the same
    application may commit while this one runs: its record then decides (a replay, or a
    conflict), whether this one's commit collided with it (the UNIQUE application) or its
    change made this one's look refused (the ethnicity is already the new one).
    """
    application_number(application)
    digest = request_digest(arguments)
    done = await _record_of(session, model, application)
    if done is not None:
        return _replay(done, application, digest)
    try:
        record = await change()
        record.application, record.request_digest = application, digest
        session.add(record)
        await session.commit()
    except ExecutionFailed:
        await session.rollback()
        done = await _record_of(session, model, application)
        if done is None:
            raise
        return _replay(done, application, digest)
    except IntegrityError:
        await session.rollback()
        done = await _record_of(session, model, application)
        if done is None:  # another constraint: a concurrent change of the same records won
            raise ExecutionFailed(
                ExecutionErrorCode.CONFLICT,
                "a concurrent change to the same records was made first; nothing was changed",
            ) from None
        return _replay(done, application, digest)
    return Applied(record=record, replayed=False)


async def _record_of(session: AsyncSession, model: type[E], application: str) -> E | None:
    statement = select(model).where(model.application == application)
    found: E | None = (await session.scalars(statement)).one_or_none()
    return found


def _replay(done: E, application: str, digest: str) -> Applied[E]:
    if done.request_digest != digest:
        raise ExecutionFailed(
            ExecutionErrorCode.CONFLICT,
            f"application {application} was already executed with other arguments",
        )
    return Applied(record=done, replayed=True)
