"""The notice outbox: notices are committed with the step that causes them, then sent.

Delivery is at least once: a notice is marked sent only after the sender accepted it, in the
transaction that locked it (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent workers
take different notices). A crash between sending and marking sends it again later; nothing
is lost on restart because the outbox is a table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hall.models import Notice

logger = logging.getLogger("tongban.hall.notices")
MAX_ATTEMPTS = 20


class NoticeSender(Protocol):
    """Sends one SMS-style notice to a citizen (a gateway to an SMS provider, say)."""

    async def send(self, *, recipient_id: str, text: str, reference: str) -> None:
        """Deliver the text; raise to have it tried again later."""
        ...


@dataclass
class LogSender:
    """The default sender: writes each notice to the log (and keeps the last ones)."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)
    keep: int = 1_000

    async def send(self, *, recipient_id: str, text: str, reference: str) -> None:
        """Log the notice."""
        logger.info("notice %s to %s: %s", reference, recipient_id[:6] + "…", text)
        self.sent.append((reference, recipient_id, text))
        del self.sent[: -self.keep]


async def deliver_pending(
    *, session: AsyncSession, sender: NoticeSender, now: datetime, limit: int = 50
) -> int:
    """Send up to `limit` unsent notices; return how many were sent."""
    pending = (
        await session.scalars(
            select(Notice)
            .where(Notice.sent_at.is_(None), Notice.attempts < MAX_ATTEMPTS)
            .order_by(Notice.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    sent = 0
    for notice in pending:
        try:
            await sender.send(
                recipient_id=notice.recipient_id,
                text=notice.text_zh,
                reference=f"{notice.application_number}/{notice.event}",
            )
        except Exception as error:  # a sender's failure must not stop the others
            notice.attempts += 1
            notice.last_error = str(error)[:500]
            continue
        notice.sent_at = now
        notice.attempts += 1
        sent += 1
    await session.commit()
    return sent
