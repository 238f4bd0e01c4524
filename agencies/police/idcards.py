"""ID-card reissue (身份证补领): the lost or stolen card marked so, a new one issued, once.

The new card is issued today by the county bureau of the person's registered county, with a
serial of that county's series, valid for as long as the Resident Identity Card Law (art. 5)
sets by the holder's age that day: the rule the population's cards follow
(agencies/population/life.py). Only a valid card is reissued: an expired one is renewed,
which is another service.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.executions import registered_person
from agencies.police.models import IdCard, IdCardReissue
from agencies.police.numbering import next_in_series, numbered_anew
from agencies.population.calendar import age_on, years_after
from agencies.population.codes import county_bureau_code
from agencies.population.life import card_validity_years
from subgraph.execution import Applied, ExecutionErrorCode, ExecutionFailed, apply_once, day_in_life
from subgraph.execution.checks import today_in_china

SERIAL_DIGITS = 9  # after the county's six: the serials of agencies/population/life.py


def valid_until(birth_date: date, issued_on: date) -> date | None:
    """The last day of a card issued on `issued_on`; None when it is long-term."""
    years = card_validity_years(age_on(birth_date, issued_on))
    return years_after(issued_on, years) if years else None


async def valid_card(session: AsyncSession, id_number: str) -> IdCard | None:
    """The person's card in use (the newest valid one), if any."""
    statement = (
        select(IdCard)
        .where(IdCard.person_id == id_number, IdCard.status == "VALID")
        .order_by(IdCard.issued_on.desc(), IdCard.serial.desc())
        .limit(1)
    )
    return (await session.scalars(statement)).first()


async def _reissue(
    session: AsyncSession, *, id_number: str, reason: str, lost_on: date | None
) -> IdCardReissue:
    if lost_on is not None:
        day_in_life(lost_on, argument="lostOn", id_number=id_number)
    person = await registered_person(session, id_number, argument="idNumber")
    replaced = await valid_card(session, id_number)
    if replaced is None:
        raise ExecutionFailed(
            ExecutionErrorCode.REJECTED,
            "the person holds no valid identity card to reissue (an expired one is renewed)",
        )
    if lost_on is not None and lost_on < replaced.issued_on:
        raise ExecutionFailed(
            ExecutionErrorCode.REJECTED,
            f"`lostOn` {lost_on.isoformat()} is before card {replaced.serial} was issued "
            f"on {replaced.issued_on.isoformat()}",
        )
    today = today_in_china()
    bureau = county_bureau_code(person.region_code)
    card = IdCard(
        serial=await next_in_series(
            session, IdCard.serial, prefix=person.region_code, digits=SERIAL_DIGITS
        ),
        person_id=id_number,
        issued_on=today,
        valid_until=valid_until(person.birth_date, today),
        issuing_unit=bureau,
        status="VALID",
    )
    replaced.status = reason
    session.add(card)
    # The card before the reissue that refers to it; an IntegrityError here is the serial
    # taken by a concurrent reissue.
    await session.flush()
    return IdCardReissue(
        serial=card.serial,
        person_id=id_number,
        replaced_serial=replaced.serial,
        reason=reason,
        lost_on=lost_on,
        reissued_on=today,
    )


async def reissue_id_card(
    *,
    session: AsyncSession,
    application: str,
    id_number: str,
    reason: str,
    lost_on: date | None,
) -> Applied[IdCardReissue]:
    """Mark the valid card with the reason (LOST, STOLEN), issue a new one; once per application."""

    async def change() -> IdCardReissue:
        return await numbered_anew(
            session, lambda: _reissue(session, id_number=id_number, reason=reason, lost_on=lost_on)
        )

    arguments = {"id_number": id_number, "reason": reason, "lost_on": lost_on}
    return await apply_once(
        session, model=IdCardReissue, application=application, arguments=arguments, change=change
    )
