"""Lists of questions and flags in the caller's jurisdiction, one page at a time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from hall.service_models import Question, SupervisionFlag
from hall.service_states import FlagKind, FlagState, QuestionState
from subgraph.pagination import PageInfo, fetch_page


async def list_questions(
    *,
    session: AsyncSession,
    state: QuestionState | None,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[Question], PageInfo]:
    """Questions in the caller's jurisdiction (an asker's own, a unit's), by number."""
    statement = select(Question).where(scope_filter)
    if state is not None:
        statement = statement.where(Question.state == state.value)
    return await fetch_page(session, statement, key=Question.number, first=first, after=after)


async def list_flags(
    *,
    session: AsyncSession,
    state: FlagState | None,
    kind: FlagKind | None,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[SupervisionFlag], PageInfo]:
    """Flags in the caller's jurisdiction (a citizen's own, a bureau's, a region's), by number."""
    statement = select(SupervisionFlag).where(scope_filter)
    if state is not None:
        statement = statement.where(SupervisionFlag.state == state.value)
    if kind is not None:
        statement = statement.where(SupervisionFlag.kind == kind.value)
    return await fetch_page(
        session, statement, key=SupervisionFlag.number, first=first, after=after
    )
