"""Automatic escalation: an application past its promised deadline goes to the supervisors.

Once per application: the escalation is recorded as an automatic urging addressed to the
accepting unit, copied to its agency's city-level bureau, and the citizen is told.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hall.models import Application, Notice, Urging
from hall.states import OPEN
from subgraph.units import CITY_REGION, bureau_code

ESCALATION_ZH = "您的申请（{number}）已超过承诺时限，已自动提请上级督办。"


async def escalate_overdue(
    *, session: AsyncSession, today: date, now: datetime, limit: int = 100
) -> int:
    """Escalate up to `limit` open applications whose promised day has passed."""
    overdue = (
        await session.scalars(
            select(Application)
            .where(
                Application.state.in_([state.value for state in OPEN]),
                Application.promised_on < today,
                Application.escalated_at.is_(None),
            )
            .order_by(Application.promised_on, Application.number)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for application in overdue:
        supervisor = bureau_code(application.agency, CITY_REGION)
        # A plain UPDATE: escalating must not bump the version an officer decides against.
        await session.execute(
            update(Application)
            .where(Application.number == application.number)
            .values(escalated_at=now)
            .execution_options(synchronize_session=False)
        )
        session.add(
            Urging(
                application_number=application.number,
                by_subject="hall-system",
                by_unit=supervisor,
                to_unit=application.unit_code,
                at=now,
                message=(
                    f"超过承诺时限（{application.promised_on.isoformat()}），自动督办；"
                    f"抄送 {supervisor}"
                ),
                automatic=True,
            )
        )
        session.add(
            Notice(
                application_number=application.number,
                event="ESCALATED",
                recipient_id=application.applicant_id,
                text_zh=ESCALATION_ZH.format(number=application.number),
                created_at=now,
                attempts=0,
            )
        )
    await session.commit()
    return len(overdue)
