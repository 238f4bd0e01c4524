"""Certificates the police issue to a person (户籍证明, 无犯罪记录证明, a new 户口簿), once.

The certificate is issued today by the county bureau of the person's registered county, its
number in a series of its kind, the county and the year. A no-criminal-record certificate is
issued without looking at the case files: no case file names a person (models.CaseFile), so
there is nothing to look up; the approving officer decides on what else the police know.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from agencies.police.executions import registered_person
from agencies.police.models import PoliceCertificate
from agencies.police.numbering import next_in_series, numbered_anew
from agencies.population.codes import county_bureau_code
from subgraph.execution import Applied, apply_once
from subgraph.execution.checks import today_in_china

# Each kind's series: 户籍证明, 无犯罪记录证明, 户口簿.
SERIES = {"HOUSEHOLD_CERTIFICATE": "HJ", "NO_CRIMINAL_RECORD": "WF", "HOUSEHOLD_BOOKLET": "HB"}
NUMBER_DIGITS = 6  # after the letters, the county and the year


async def _issue(session: AsyncSession, *, id_number: str, kind: str) -> PoliceCertificate:
    person = await registered_person(session, id_number, argument="idNumber")
    today = today_in_china()
    certificate = PoliceCertificate(
        number=await next_in_series(
            session,
            PoliceCertificate.number,
            prefix=f"{SERIES[kind]}{person.region_code}{today.year}",
            digits=NUMBER_DIGITS,
        ),
        kind=kind,
        person_id=id_number,
        issued_on=today,
        issuing_unit=county_bureau_code(person.region_code),
    )
    session.add(certificate)
    # An IntegrityError here is the number taken by a concurrent issue.
    await session.flush()
    return certificate


async def issue_certificate(
    *, session: AsyncSession, application: str, id_number: str, kind: str
) -> Applied[PoliceCertificate]:
    """Issue the person a certificate of `kind` (a key of SERIES), once per application."""

    async def change() -> PoliceCertificate:
        return await numbered_anew(session, lambda: _issue(session, id_number=id_number, kind=kind))

    arguments = {"id_number": id_number, "kind": kind}
    return await apply_once(
        session,
        model=PoliceCertificate,
        application=application,
        arguments=arguments,
        change=change,
    )
