"""Parcels: the courier the hall books through, and a deterministic demo one.

A carrier books a parcel once per booking reference (a retried booking returns the first
tracking number) and reports its scans; the hall polls and keeps what it reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hall.demo_models import DemoParcel
from hall.times import utc_now

DELIVERED = "DELIVERED"
# The demo carrier's scans of every parcel, one `pace` apart from its booking.
DEMO_ROUTE: tuple[tuple[str, str], ...] = (
    ("COLLECTED", "快递员已揽收"),
    ("IN_TRANSIT", "运输中"),
    ("OUT_FOR_DELIVERY", "派送中"),
    (DELIVERED, "已签收"),
)


class CarrierUnavailable(ConnectionError):
    """The carrier did not answer; book or track again later."""


@dataclass(frozen=True, kw_only=True)
class TrackingEvent:
    """One scan of a parcel."""

    code: str
    description_zh: str
    at: datetime


class Carrier(Protocol):
    """A courier service (快递)."""

    async def book(self, *, reference: str, origin: str, destination: str) -> str:
        """Book a parcel and return its tracking number; a repeated reference returns it again."""
        ...

    async def track(self, *, tracking_number: str) -> list[TrackingEvent]:
        """Every scan of the parcel so far, oldest first."""
        ...


@dataclass(frozen=True)
class DemoCarrier:
    """A carrier whose parcels are scanned on a fixed schedule, kept in the hall's database."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime] = utc_now
    pace: timedelta = timedelta(minutes=10)

    async def book(self, *, reference: str, origin: str, destination: str) -> str:
        """Book the parcel, or return the tracking number of the one booked for `reference`."""
        async with self.sessions() as session:
            found = await _by_reference(session, reference)
            if found is not None:
                return found
            tracking = demo_tracking_number(reference)
            session.add(
                DemoParcel(
                    tracking_number=tracking,
                    reference=reference,
                    origin=origin,
                    destination=destination,
                    booked_at=self.clock(),
                )
            )
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()
                found = await _by_reference(session, reference)
                if found is None:
                    raise
                return found
            return tracking

    async def track(self, *, tracking_number: str) -> list[TrackingEvent]:
        """The scans due by now; none for a parcel the carrier does not know."""
        async with self.sessions() as session:
            parcel = await session.get(DemoParcel, tracking_number)
            if parcel is None:
                return []
            booked = parcel.booked_at
        now = self.clock()
        scans = [
            TrackingEvent(code=code, description_zh=zh, at=booked + self.pace * step)
            for step, (code, zh) in enumerate(DEMO_ROUTE)
        ]
        return [scan for scan in scans if scan.at <= now]


def demo_tracking_number(reference: str) -> str:
    """The demo tracking number of a booking: SF and 12 digits of its reference's hash."""
    digits = int(hashlib.sha256(reference.encode()).hexdigest(), 16) % 10**12
    return f"SF{digits:012d}"


async def _by_reference(session: AsyncSession, reference: str) -> str | None:
    found: str | None = await session.scalar(
        select(DemoParcel.tracking_number).where(DemoParcel.reference == reference)
    )
    return found
