"""Household transfer (户口迁移) within Sanming: a person moved to a new household, once.

The one application stands for both documents of a transfer, which the police number here:
the permit to move in (准迁证, ZQ, the destination county, the year) and the transfer
certificate (迁移证, QY, the county left, the year). The person heads a new household in the
destination county, numbered in that county's series as the population's households are
(agencies/population/builder.py) and kept by the county's first police station. A head whose
household has other members cannot leave it: they move first, or a new head is named.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.executions import registered_person
from agencies.police.models import ADDRESS_LENGTH, Household, HouseholdTransfer, Person
from agencies.police.numbering import next_in_series, numbered_anew
from agencies.population.codes import REGION_BY_CODE, station_code
from subgraph.execution import Applied, ExecutionErrorCode, ExecutionFailed, apply_once, short_text
from subgraph.execution.checks import invalid, quoted, today_in_china

HEAD = "户主"
HOUSEHOLD_DIGITS = 8  # after the county's six
DOCUMENT_DIGITS = 6  # after the letters, the county and the year


def rejected(message: str) -> ExecutionFailed:
    """A REJECTED failure with its message."""
    return ExecutionFailed(ExecutionErrorCode.REJECTED, message)


async def current_household(session: AsyncSession, person: Person) -> Household:
    """The household the person leaves; REJECTED when it is none or still needs them as head."""
    household = (
        None if person.household_no is None else await session.get(Household, person.household_no)
    )
    if household is None:
        raise rejected("the person is registered in no household")
    if household.head_id == person.id_number:
        others = await session.scalar(
            select(func.count()).where(
                Person.household_no == household.number, Person.id_number != person.id_number
            )
        )
        if others:
            raise rejected(
                f"the person heads household {household.number}, which has {others} other "
                "member(s): they must move first, or a new head be named"
            )
    return household


async def _transfer(
    session: AsyncSession, *, id_number: str, destination_region: str, destination_address: str
) -> HouseholdTransfer:
    if destination_region not in REGION_BY_CODE:
        raise invalid(
            f"`destinationRegion` {quoted(destination_region)} is not a county of Sanming"
        )
    short_text(destination_address, argument="destinationAddress", max_length=ADDRESS_LENGTH)
    person = await registered_person(session, id_number, argument="idNumber")
    if person.region_code == destination_region:
        raise rejected(f"the person is registered in county {destination_region} already")
    left = await current_household(session, person)
    today = today_in_china()
    household = Household(
        number=await next_in_series(
            session, Household.number, prefix=destination_region, digits=HOUSEHOLD_DIGITS
        ),
        region_code=destination_region,
        station_code=station_code(destination_region, 0),
        address=destination_address,
        head_id=id_number,
    )
    session.add(household)
    # The household before the person and the transfer that refer to it.
    await session.flush()
    transfer = HouseholdTransfer(
        person_id=id_number,
        from_household=left.number,
        to_household=household.number,
        transferred_on=today,
        permit_number=await next_in_series(
            session,
            HouseholdTransfer.permit_number,
            prefix=f"ZQ{destination_region}{today.year}",
            digits=DOCUMENT_DIGITS,
        ),
        certificate_number=await next_in_series(
            session,
            HouseholdTransfer.certificate_number,
            prefix=f"QY{left.region_code}{today.year}",
            digits=DOCUMENT_DIGITS,
        ),
    )
    person.household_no = household.number
    person.region_code = destination_region
    person.relation = HEAD
    session.add(transfer)
    # An IntegrityError here is a number taken by a concurrent transfer.
    await session.flush()
    return transfer


async def transfer_household(
    *,
    session: AsyncSession,
    application: str,
    id_number: str,
    destination_region: str,
    destination_address: str,
) -> Applied[HouseholdTransfer]:
    """Move the person to a new household they head in another county, once per application."""

    async def change() -> HouseholdTransfer:
        return await numbered_anew(
            session,
            lambda: _transfer(
                session,
                id_number=id_number,
                destination_region=destination_region,
                destination_address=destination_address,
            ),
        )

    arguments = {
        "id_number": id_number,
        "destination_region": destination_region,
        "destination_address": destination_address,
    }
    return await apply_once(
        session,
        model=HouseholdTransfer,
        application=application,
        arguments=arguments,
        change=change,
    )
