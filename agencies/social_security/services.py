"""Social-security lookups: employers by region, an employer's enrolments, insured counts."""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.population.codes import REGION_BY_CODE
from agencies.population.employers import credit_code_check
from agencies.social_security.models import Employer, InsuranceEnrolment
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo, fetch_page

_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{18}$")


def _require_credit_code(code: str) -> str:
    """Return `code` if it is a unified social credit code (GB 32100), else raise."""
    if not _CREDIT_CODE.match(code) or credit_code_check(code[:17]) != code[17]:
        raise BadUserInput("not a valid 18-character unified social credit code (GB 32100)")
    return code


async def list_employers(
    *, session: AsyncSession, region_code: str | None, first: int, after: str | None
) -> tuple[Sequence[Employer], PageInfo]:
    """List employers, optionally of one county, by code, one page."""
    statement = select(Employer)
    if region_code is not None:
        if region_code not in REGION_BY_CODE:
            raise BadUserInput(
                f"unknown region code {region_code[:20]!r}; expected a county of Sanming"
            )
        statement = statement.where(Employer.region_code == region_code)
    return await fetch_page(session, statement, key=Employer.code, first=first, after=after)


async def enrolments_of_employer(
    *,
    session: AsyncSession,
    code: str,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[InsuranceEnrolment], PageInfo]:
    """List the insurance enrolments an employer pays for, by enrolment number, one page.

    `scope_filter` (from the kit) limits the enrolments to the caller's jurisdiction.
    """
    _require_credit_code(code)
    statement = select(InsuranceEnrolment).where(
        InsuranceEnrolment.employer_code == code, scope_filter
    )
    return await fetch_page(
        session, statement, key=InsuranceEnrolment.number, first=first, after=after
    )


async def insured_counts(*, session: AsyncSession, keys: Sequence[Hashable]) -> list[int]:
    """Count each employer's persons with an active enrolment, in one grouped query."""
    insured = func.count(InsuranceEnrolment.person_id.distinct())
    statement = (
        select(InsuranceEnrolment.employer_code, insured)
        .where(
            InsuranceEnrolment.employer_code.in_(set(keys)),
            InsuranceEnrolment.status == "ACTIVE",
        )
        .group_by(InsuranceEnrolment.employer_code)
    )
    result = await session.execute(statement)
    counts: dict[str | None, int] = {code: count for code, count in result}
    return [counts.get(code, 0) for code in keys]
