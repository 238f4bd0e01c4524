"""Taking fees: the payment provider the hall charges through, and a deterministic demo one.

A provider charges an order at most once: the hall's order number is the idempotency key,
so a retried or doubled payment returns the first charge. Each day the provider publishes a
settlement list (对账单) of what it took, which the hall reconciles with its own books.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hall.demo_models import DemoPayment
from hall.times import beijing_day, utc_now


class PaymentUnavailable(ConnectionError):
    """The provider did not answer; the citizen may pay again (it charges once)."""


@dataclass(frozen=True, kw_only=True)
class Payment:
    """A charge as the provider confirms it, or lists it in a day's settlement."""

    transaction_id: str
    order_number: str
    amount_fen: int
    paid_at: datetime


class PaymentProvider(Protocol):
    """An online payment service (a bank's or a payment platform's gateway)."""

    async def charge(self, *, order_number: str, amount_fen: int, payer_id: str) -> Payment:
        """Charge the payer for an order once; a repeated order number returns that charge."""
        ...

    async def settlement(self, *, day: date) -> list[Payment]:
        """Every charge taken on `day` (Beijing time), by transaction id."""
        ...


@dataclass(frozen=True)
class DemoPaymentProvider:
    """A provider that always succeeds, keeping its books in the hall's database.

    Transaction ids derive from the order number, so the same order always gets the same id.
    """

    sessions: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime] = utc_now

    async def charge(self, *, order_number: str, amount_fen: int, payer_id: str) -> Payment:
        """Record the charge, or return the one already taken for this order."""
        async with self.sessions() as session:
            found = await _by_order(session, order_number)
            if found is not None:
                return _payment(found)
            now = self.clock()
            row = DemoPayment(
                transaction_id=demo_transaction_id(order_number),
                order_number=order_number,
                payer_id=payer_id,
                amount_fen=amount_fen,
                paid_at=now,
                settled_on=beijing_day(now),
            )
            session.add(row)
            try:
                await session.commit()
            except IntegrityError:
                # The same order charged at the same moment: the other charge stands.
                await session.rollback()
                found = await _by_order(session, order_number)
                if found is None:
                    raise
                return _payment(found)
            return _payment(row)

    async def settlement(self, *, day: date) -> list[Payment]:
        """The day's charges, by transaction id."""
        async with self.sessions() as session:
            rows = await session.scalars(
                select(DemoPayment)
                .where(DemoPayment.settled_on == day)
                .order_by(DemoPayment.transaction_id)
            )
            return [_payment(row) for row in rows]


def demo_transaction_id(order_number: str) -> str:
    """The demo provider's transaction id of an order: DP and 18 hex digits of its hash."""
    return "DP" + hashlib.sha256(order_number.encode()).hexdigest()[:18].upper()


async def _by_order(session: AsyncSession, order_number: str) -> DemoPayment | None:
    found: DemoPayment | None = await session.scalar(
        select(DemoPayment).where(DemoPayment.order_number == order_number)
    )
    return found


def _payment(row: DemoPayment) -> Payment:
    return Payment(
        transaction_id=row.transaction_id,
        order_number=row.order_number,
        amount_fen=row.amount_fen,
        paid_at=row.paid_at,
    )
