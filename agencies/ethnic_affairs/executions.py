"""The ethnic-affairs decision the hall's approval records: an approved ethnicity change."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from agencies.ethnic_affairs.models import EthnicityChange
from agencies.population.codes import ETHNIC_GROUP_CODES, ETHNICITY_BASES
from subgraph.execution import Applied, apply_once, day_in_life
from subgraph.execution.checks import invalid, quoted
from subgraph.idnumber import region_code_of

# The city bureau approves on the platform; its approval numbers carry the city's code.
APPROVING_REGION = "350400"


def approval_number(application: str, decided_on: date) -> str:
    """The approval number of an application's decision, e.g. MZ350400-2026-A1B2C3D4."""
    return f"MZ{APPROVING_REGION}-{decided_on.year}-{application[-8:]}"


async def record_approval(
    *,
    session: AsyncSession,
    application: str,
    id_number: str,
    from_code: str,
    to_code: str,
    basis: str,
    applied_on: date,
    decided_on: date,
) -> Applied[EthnicityChange]:
    """Record the city bureau's approval of an ethnicity change, once per application."""

    async def change() -> EthnicityChange:
        for argument, code in (("fromCode", from_code), ("toCode", to_code)):
            if code not in ETHNIC_GROUP_CODES:
                raise invalid(f"`{argument}` {quoted(code)} is not a GB 3304 ethnic-group code")
        if from_code == to_code:
            raise invalid("`toCode` must differ from `fromCode`")
        if basis not in ETHNICITY_BASES:
            raise invalid(
                f"`basis` {quoted(basis)} is not one of {', '.join(sorted(ETHNICITY_BASES))}"
            )
        day_in_life(applied_on, argument="appliedOn", id_number=id_number)
        day_in_life(decided_on, argument="decidedOn", id_number=id_number)
        if decided_on < applied_on:
            raise invalid("`decidedOn` must not be before `appliedOn`")
        return EthnicityChange(
            number=approval_number(application, decided_on),
            person_id=id_number,
            from_code=from_code,
            to_code=to_code,
            basis=basis,
            applied_on=applied_on,
            decided_on=decided_on,
            region_code=region_code_of(id_number) or APPROVING_REGION,
            status="APPROVED",
        )

    arguments = {
        "id_number": id_number,
        "from_code": from_code,
        "to_code": to_code,
        "basis": basis,
        "applied_on": applied_on,
        "decided_on": decided_on,
    }
    return await apply_once(
        session, model=EthnicityChange, application=application, arguments=arguments, change=change
    )
