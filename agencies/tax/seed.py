"""The tax bureau's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator

from agencies.population.records import FamilyUnit
from agencies.tax import models
from subgraph.definition import Row


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Taxpayer registrations and their annual summaries."""
    for taxpayer in unit.taxpayers:
        yield (
            models.Taxpayer.__table__,
            {
                "person_id": taxpayer.person_id,
                "registered_on": taxpayer.registered_on,
                "tax_office": taxpayer.tax_office,
                "outstanding_fen": taxpayer.outstanding,
            },
        )
    for taxpayer in unit.taxpayers:
        for year in taxpayer.years:
            yield (
                models.AnnualTaxSummary.__table__,
                {
                    "taxpayer_id": taxpayer.person_id,
                    "year": year.year,
                    "income_fen": year.income,
                    "tax_paid_fen": year.tax_paid,
                },
            )
