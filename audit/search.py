"""Reading the log: the auditors' search and the citizens' data tracker, newest first, by page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from audit.models import AccessEntry, AccessSubject
from subgraph.convert import from_row
from subgraph.errors import BadUserInput
from subgraph.pagination import MAX_PAGE_SIZE, PageInfo, decode_cursor, encode_cursor


@dataclass(frozen=True, kw_only=True)
class LoggedAccess:
    """One entry of the access log as readers see it."""

    seq: int
    recorded_at: datetime
    actor: str
    actor_kind: str
    agency: str | None
    unit: str | None
    subgraph: str
    data_subjects: tuple[str, ...]
    type_name: str
    fields: tuple[str, ...]
    purpose: str | None
    case: str | None
    decision: str
    request_id: str | None
    entry_hash: str


async def search_entries(
    *,
    session: AsyncSession,
    actor: str | None = None,
    subject: str | None = None,
    agency: str | None = None,
    purpose: str | None = None,
    decision: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    first: int = 50,
    after: str | None = None,
    where: ColumnElement[bool] | None = None,
) -> tuple[list[LoggedAccess], PageInfo]:
    """Find entries matching every given filter (`since` inclusive, `until` exclusive), one page.

    `where` is one more condition on the entries (the caller's jurisdiction, say).
    """
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}")
    statement = select(AccessEntry)
    if where is not None:
        statement = statement.where(where)
    if subject is not None:
        statement = statement.join(AccessSubject, AccessSubject.seq == AccessEntry.seq).where(
            AccessSubject.subject == subject
        )
    for column, value in (
        (AccessEntry.actor, actor),
        (AccessEntry.agency, agency),
        (AccessEntry.purpose, purpose),
        (AccessEntry.decision, decision),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if since is not None:
        statement = statement.where(AccessEntry.recorded_at >= since)
    if until is not None:
        statement = statement.where(AccessEntry.recorded_at < until)
    if after is not None:
        statement = statement.where(AccessEntry.seq < _seq_of(after))
    statement = statement.order_by(AccessEntry.seq.desc()).limit(first + 1)
    rows = list(await session.scalars(statement))
    page = [logged_access(row) for row in rows[:first]]
    end = encode_cursor(str(page[-1].seq)) if page else None
    return page, PageInfo(has_next_page=len(rows) > first, end_cursor=end)


async def entries_about(
    *,
    session: AsyncSession,
    subject: str,
    decision: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    first: int = 50,
    after: str | None = None,
) -> tuple[list[LoggedAccess], PageInfo]:
    """List the entries that mention one data subject, newest first: who read their data and why."""
    return await search_entries(
        session=session,
        subject=subject,
        decision=decision,
        since=since,
        until=until,
        first=first,
        after=after,
    )


def logged_access(row: AccessEntry) -> LoggedAccess:
    """Turn a stored entry into what readers see (JSON lists decoded)."""
    return from_row(
        LoggedAccess,
        row,
        data_subjects=_strings(row.data_subjects),
        fields=_strings(row.fields),
        case=row.case_ref,
    )


def _seq_of(cursor: str) -> int:
    key = decode_cursor(cursor)
    if not (key.isascii() and key.isdigit()):
        raise BadUserInput("`after` is not a cursor returned by this API")
    return int(key)


def _strings(text: str) -> tuple[str, ...]:
    values: Sequence[str] = json.loads(text)
    return tuple(values)
