"""The audit subgraph's reads: the auditors' search, the citizens' data tracker, alerts, verify.

Keyword-only functions over a session. The searches reuse audit/search.py and the alerts
audit/alerts.py; `scope_filter` is the kit's WHERE clause of the caller's jurisdiction over
`AccessEntry`, written against `access_subject.subject` (the data subject), so it is applied
as a semi-join through the subject index, in SQL, before any entry is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.sql.elements import True_

from audit.alerts import Alert, detect_alerts
from audit.models import AccessEntry, AccessSubject
from audit.search import LoggedAccess, search_entries
from audit.signing import load_public_keys
from audit.statistics import AccessCounts, count_accesses
from audit.verify import VerifyReport, verify_engine
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo


def within_jurisdiction(scope_filter: ColumnElement[bool]) -> ColumnElement[bool] | None:
    """Return the entries inside the caller's jurisdiction (None: every entry)."""
    if isinstance(scope_filter, True_):
        return None
    return AccessEntry.seq.in_(select(AccessSubject.seq).where(scope_filter))


async def search_log(
    *,
    session: AsyncSession,
    scope_filter: ColumnElement[bool],
    actor: str | None,
    subject: str | None,
    agency: str | None,
    purpose: str | None,
    decision: str | None,
    since: datetime | None,
    until: datetime | None,
    first: int,
    after: str | None,
) -> tuple[list[LoggedAccess], PageInfo]:
    """Find entries by actor, subject, agency, purpose, decision and time, newest first."""
    _check_window(since, until)
    return await search_entries(
        session=session,
        actor=actor,
        subject=subject,
        agency=agency,
        purpose=purpose,
        decision=decision,
        since=since,
        until=until,
        first=first,
        after=after,
        where=within_jurisdiction(scope_filter),
    )


async def data_tracker(
    *,
    session: AsyncSession,
    scope_filter: ColumnElement[bool],
    subjects: Sequence[str],
    reader: str,
    first: int,
    after: str | None,
) -> tuple[list[LoggedAccess], PageInfo]:
    """List the entries about `subjects` (the caller and their wards) by anyone but the caller
    (`reader`) themself, newest first."""
    about = AccessEntry.seq.in_(
        select(AccessSubject.seq).where(AccessSubject.subject.in_(list(subjects)), scope_filter)
    )
    by_others = and_(about, AccessEntry.actor != reader)
    return await search_entries(session=session, first=first, after=after, where=by_others)


async def alerts_in(
    *,
    session: AsyncSession,
    scope_filter: ColumnElement[bool],
    since: datetime,
    until: datetime,
) -> list[Alert]:
    """Return the window's anomaly alerts, if the caller's jurisdiction covers them."""
    _check_window(since, until)
    if not await _permitted(session, scope_filter):
        return []
    return await detect_alerts(session=session, since=since, until=until)


async def access_statistics(
    *,
    session: AsyncSession,
    scope_filter: ColumnElement[bool],
    since: datetime,
    until: datetime,
) -> AccessCounts:
    """Count the window's entries inside the caller's jurisdiction by agency, purpose, decision."""
    _check_window(since, until)
    return await count_accesses(
        session=session, since=since, until=until, where=within_jurisdiction(scope_filter)
    )


async def verify_log(
    *,
    session: AsyncSession,
    scope_filter: ColumnElement[bool],
    key_files: Sequence[Path],
) -> VerifyReport | None:
    """Recompute the chain and check the checkpoints with the public keys in `key_files`.

    None when the caller's jurisdiction does not cover the log (nothing is computed).
    """
    if not await _permitted(session, scope_filter):
        return None
    keys = load_public_keys(path for path in key_files if path.exists())
    return await verify_engine(_engine_of(session), keys)


async def _permitted(session: AsyncSession, scope_filter: ColumnElement[bool]) -> bool:
    """Whether the kit's filter admits what has no data subject (scope ALL), asked in SQL."""
    row = (await session.execute(select(literal(1)).where(scope_filter))).first()
    return row is not None


def _engine_of(session: AsyncSession) -> AsyncEngine:
    bind = session.bind
    if isinstance(bind, AsyncConnection):
        return bind.engine
    if isinstance(bind, AsyncEngine):
        return bind
    raise TypeError("the audit session is bound to neither an engine nor a connection")


def _check_window(since: datetime | None, until: datetime | None) -> None:
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.utcoffset() is None:
            raise BadUserInput(f"`{name}` needs a time zone offset")
    if since is not None and until is not None and since >= until:
        raise BadUserInput("`since` must come before `until`")
