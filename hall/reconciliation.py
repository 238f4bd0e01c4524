"""Daily reconciliation of the hall's paid fee orders with the provider's settlement list.

Both sides are keyed by order number and dated by the provider's time of payment (which the
hall records as the order's `paid_at`), so a payment near midnight falls on the same day on
both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hall.payments import PaymentProvider
from hall.service_models import FeeOrder
from hall.service_states import FeeState
from hall.times import day_start


@strawberry.enum(description="How one payment compares between the hall and the provider.")
class Outcome(StrEnum):
    """How one payment compares between the hall and the provider."""

    MATCHED = "MATCHED"
    MISSING_AT_PROVIDER = "MISSING_AT_PROVIDER"
    MISSING_AT_HALL = "MISSING_AT_HALL"
    AMOUNT_MISMATCH = "AMOUNT_MISMATCH"


@dataclass(frozen=True, kw_only=True)
class Line:
    """One order as each side knows it (None: that side has no such payment)."""

    order_number: str
    transaction_id: str | None
    hall_fen: int | None
    provider_fen: int | None
    outcome: Outcome


@dataclass(frozen=True, kw_only=True)
class Report:
    """A day's reconciliation: every line, by order number, and the totals of each side."""

    day: date
    lines: list[Line]
    hall_total_fen: int
    provider_total_fen: int

    @property
    def balanced(self) -> bool:
        """Whether every line matched."""
        return all(line.outcome is Outcome.MATCHED for line in self.lines)

    def count(self, outcome: Outcome) -> int:
        """How many lines have this outcome."""
        return sum(1 for line in self.lines if line.outcome is outcome)


async def reconcile(*, session: AsyncSession, provider: PaymentProvider, day: date) -> Report:
    """Compare the day's paid orders with the provider's settlement of that day."""
    # The provider is asked outside any transaction of ours.
    await session.commit()
    settled = {payment.order_number: payment for payment in await provider.settlement(day=day)}
    paid = {
        order.number: order
        for order in await session.scalars(
            select(FeeOrder).where(
                FeeOrder.state == FeeState.PAID.value,
                FeeOrder.paid_at >= day_start(day),
                FeeOrder.paid_at < day_start(day + timedelta(days=1)),
            )
        )
    }
    lines = []
    for number in sorted(settled.keys() | paid.keys()):
        order, payment = paid.get(number), settled.get(number)
        hall_fen = None if order is None else order.amount_fen
        provider_fen = None if payment is None else payment.amount_fen
        lines.append(
            Line(
                order_number=number,
                transaction_id=(payment.transaction_id if payment else None)
                or (order.transaction_id if order else None),
                hall_fen=hall_fen,
                provider_fen=provider_fen,
                outcome=_outcome(hall_fen, provider_fen),
            )
        )
    return Report(
        day=day,
        lines=lines,
        hall_total_fen=sum(order.amount_fen for order in paid.values()),
        provider_total_fen=sum(payment.amount_fen for payment in settled.values()),
    )


def _outcome(hall_fen: int | None, provider_fen: int | None) -> Outcome:
    if hall_fen is None:
        return Outcome.MISSING_AT_HALL
    if provider_fen is None:
        return Outcome.MISSING_AT_PROVIDER
    return Outcome.MATCHED if hall_fen == provider_fen else Outcome.AMOUNT_MISMATCH
