"""What accepting an application opens besides its verification: a fee order, originals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue_model import Service
from hall.fee_orders import open_fee_order
from hall.jobs import JobKind, enqueue
from hall.models import Application


def on_accepted(
    session: AsyncSession, application: Application, service: Service, *, now: datetime
) -> None:
    """Open the fee order of a fee service; book the parcel of originals the unit needs."""
    open_fee_order(session, application=application, fee=service.fee, now=now)
    if service.originals_required:
        enqueue(session, kind=JobKind.ORIGINALS, key=application.number, run_at=now)
