"""The background jobs of delivery and closing, by kind, for the worker to dispatch."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from hall.carriers import Carrier
from hall.delivery import close, deliver
from hall.jobs import JobKind
from hall.shipping import request_originals, track_shipment
from hall.verification import Gateway


class ServiceJob(Protocol):
    """A job handler: idempotent, it commits what it did."""

    def __call__(
        self,
        *,
        session: AsyncSession,
        gateway: Gateway,
        carrier: Carrier,
        key: str,
        now: datetime,
    ) -> Awaitable[None]: ...


SERVICE_JOBS: dict[JobKind, ServiceJob] = {
    JobKind.DELIVER: deliver,
    JobKind.TRACK: track_shipment,
    JobKind.CLOSE: close,
    JobKind.ORIGINALS: request_originals,
}
