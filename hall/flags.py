"""One-click supervision (一键监督): a citizen flags a problem with an application; the
supervising unit (the agency's city bureau) answers or resolves it.

A flag is one click: one flag per application and kind of problem, a second click finds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hall.free_text import clean_text
from hall.models import Application
from hall.service_models import SupervisionFlag
from hall.service_notices import notify
from hall.service_states import FLAG_KIND_ZH, FlagKind, FlagState
from hall.times import record_number
from hall.workflow import StepActor
from subgraph.errors import BadUserInput
from subgraph.units import CITY_REGION, bureau_code

MAX_NOTE = 500
MAX_RESPONSE = 2_000
FLAGGED_ZH = "您对申请{number}反映的“{kind}”问题已转{unit}督办。"
RESPONDED_ZH = "您对申请{number}反映的“{kind}”问题，督办单位答复：{response}"


@dataclass(frozen=True)
class Raised:
    """The flag, and whether an earlier click had raised it."""

    flag: SupervisionFlag
    replayed: bool


async def raise_flag(
    *,
    session: AsyncSession,
    number: str,
    kind: FlagKind,
    raiser_id: str,
    note: str | None,
    now: datetime,
) -> Raised:
    """Flag a problem with an application to its agency's city bureau."""
    text = clean_text(note, what="the note", max_length=MAX_NOTE, required=False)
    earlier = await _flag_of(session, number, kind)
    if earlier is not None:
        return Raised(earlier, replayed=True)
    application = await session.get(Application, number)
    if application is None:
        raise BadUserInput(f"no application {number}")
    supervisor = bureau_code(application.agency, CITY_REGION)
    flag = SupervisionFlag(
        number=record_number("JD", now),
        application_number=number,
        kind=kind.value,
        raiser_id=raiser_id,
        note=text,
        agency=application.agency,
        unit_code=supervisor,
        flagged_unit=application.unit_code,
        region_code=application.region_code,
        state=FlagState.OPEN.value,
        raised_at=now,
    )
    session.add(flag)
    notify(
        session,
        application_number=number,
        recipient_id=raiser_id,
        event=f"FLAGGED {kind.value}",
        text=FLAGGED_ZH.format(number=number, kind=FLAG_KIND_ZH[kind], unit=supervisor),
        now=now,
    )
    try:
        await session.commit()
    except IntegrityError:
        # Two clicks at once: the first flag stands.
        await session.rollback()
        earlier = await _flag_of(session, number, kind)
        if earlier is None:
            raise
        return Raised(earlier, replayed=True)
    return Raised(flag, replayed=False)


async def respond_to_flag(
    *,
    session: AsyncSession,
    number: str,
    resolved: bool,
    response: str,
    actor: StepActor,
    now: datetime,
) -> SupervisionFlag:
    """Answer an open flag, or record it resolved; the citizen is told."""
    text = clean_text(response, what="the response", max_length=MAX_RESPONSE, required=True)
    state = FlagState.RESOLVED if resolved else FlagState.ANSWERED
    responded = await session.execute(
        update(SupervisionFlag)
        .where(SupervisionFlag.number == number, SupervisionFlag.state == FlagState.OPEN.value)
        .values(state=state.value, response=text, responded_at=now, responded_by=actor.subject)
        .execution_options(synchronize_session=False)
    )
    if responded.rowcount != 1:  # type: ignore[attr-defined]
        await session.rollback()
        raise BadUserInput(f"flag {number} is not open (responded to already?)")
    flag = await session.get(SupervisionFlag, number, populate_existing=True)
    assert flag is not None
    notify(
        session,
        application_number=flag.application_number,
        recipient_id=flag.raiser_id,
        event=f"RESPONDED {flag.number}",
        text=RESPONDED_ZH.format(
            number=flag.application_number, kind=FLAG_KIND_ZH[FlagKind(flag.kind)], response=text
        ),
        now=now,
    )
    await session.commit()
    return flag


async def _flag_of(session: AsyncSession, number: str, kind: FlagKind) -> SupervisionFlag | None:
    found: SupervisionFlag | None = await session.scalar(
        select(SupervisionFlag).where(
            SupervisionFlag.application_number == number, SupervisionFlag.kind == kind.value
        )
    )
    return found
