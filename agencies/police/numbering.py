"""Numbers the police issue in a series (card serials, household and document numbers).

A series is a prefix and a fixed count of digits; its next number is the highest issued plus
one. Two executions at once may pick the same number: the column's uniqueness lets one insert
it, and the other numbers again (`numbered_anew`) in a new transaction that sees it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from subgraph.execution import ExecutionErrorCode, ExecutionFailed

T = TypeVar("T")
# One more than the executions of one series expected at the same moment.
NUMBERING_ATTEMPTS = 4


async def next_in_series(
    session: AsyncSession, column: InstrumentedAttribute[str], *, prefix: str, digits: int
) -> str:
    """Return the number after the highest of the series in `column`; REJECTED when full."""
    # A range on the column (digits sort alike in every collation) uses its index.
    highest = await session.scalar(
        select(func.max(column)).where(column.between(prefix + "0" * digits, prefix + "9" * digits))
    )
    following = int(highest[len(prefix) :]) + 1 if highest else 1
    if following >= 10**digits:
        raise ExecutionFailed(ExecutionErrorCode.REJECTED, f"the numbers {prefix}… are all used")
    return f"{prefix}{following:0{digits}d}"


async def numbered_anew(session: AsyncSession, attempt: Callable[[], Awaitable[T]]) -> T:
    """Run `attempt`, which numbers and flushes; again while a concurrent one took its number."""
    for _ in range(NUMBERING_ATTEMPTS):
        try:
            return await attempt()
        except IntegrityError:
            # No savepoint: SQLite's driver would commit at its release.
            await session.rollback()
    raise ExecutionFailed(
        ExecutionErrorCode.CONFLICT,
        "concurrent executions took every number tried; nothing was changed",
    )
