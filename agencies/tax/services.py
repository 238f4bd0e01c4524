"""Tax lookups: taxpayers with arrears at a tax office."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.population.codes import REGION_BY_CODE
from agencies.tax.models import Taxpayer
from subgraph.errors import BadUserInput
from subgraph.pagination import PageInfo, fetch_page

# A county tax office of Sanming: "1", the county's GB/T 2260 code, "00".
_TAX_OFFICE = re.compile(r"^1(\d{6})00$")


def _require_tax_office(code: str) -> str:
    """Return `code` if it names a county tax office of Sanming, else raise `BadUserInput`."""
    match = _TAX_OFFICE.match(code)
    if match is None or match.group(1) not in REGION_BY_CODE:
        raise BadUserInput(
            f"unknown tax office {code[:20]!r}; expected 1 + a county code of Sanming + 00"
        )
    return code


async def taxpayers_with_arrears(
    *,
    session: AsyncSession,
    tax_office: str,
    first: int,
    after: str | None,
    scope_filter: ColumnElement[bool],
) -> tuple[Sequence[Taxpayer], PageInfo]:
    """List a tax office's taxpayers who owe tax, by taxpayer number, one page.

    `scope_filter` (from the kit) limits the taxpayers to the caller's jurisdiction.
    """
    _require_tax_office(tax_office)
    statement = select(Taxpayer).where(
        Taxpayer.tax_office == tax_office, Taxpayer.outstanding_fen > 0, scope_filter
    )
    return await fetch_page(session, statement, key=Taxpayer.person_id, first=first, after=after)
