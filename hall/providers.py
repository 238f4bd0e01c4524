"""The outside services the hall uses, chosen in one place: today the demo ones."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hall.carriers import Carrier, DemoCarrier
from hall.payments import DemoPaymentProvider, PaymentProvider


def payment_provider(sessions: async_sessionmaker[AsyncSession]) -> PaymentProvider:
    """The payment provider of a hall whose database `sessions` open."""
    return DemoPaymentProvider(sessions)


def carrier(sessions: async_sessionmaker[AsyncSession]) -> Carrier:
    """The courier of a hall whose database `sessions` open."""
    return DemoCarrier(sessions)
