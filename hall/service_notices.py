"""Notices of the hall's services around an application, into the outbox (hall/notices.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue import service_of
from hall.models import Notice

MAX_EVENT = 40


def notify(
    session: AsyncSession,
    *,
    application_number: str,
    recipient_id: str,
    event: str,
    text: str,
    now: datetime,
) -> None:
    """Add a notice to the session; the step that causes it commits both together."""
    if len(event) > MAX_EVENT:
        raise ValueError(f"notice event {event!r} is longer than {MAX_EVENT} characters")
    session.add(
        Notice(
            application_number=application_number,
            event=event,
            recipient_id=recipient_id,
            text_zh=text,
            created_at=now,
            attempts=0,
        )
    )


def yuan(amount_fen: int) -> str:
    """An amount in fen, written in yuan with two decimals."""
    return f"{amount_fen // 100}.{amount_fen % 100:02d}"


def service_name_zh(service_code: str) -> str:
    """The Chinese name of a service, or its code if the catalogue no longer has it."""
    service = service_of(service_code)
    return service.name.zh if service is not None else service_code
