"""The tax bureau's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator

from agencies.population.records import FamilyUnit
from agencies.tax import models
from subgraph.definition import Row
from subgraph.seeding import row_values


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Taxpayer registrations and their annual summaries."""
    table = models.Taxpayer.__table__
    for taxpayer in unit.taxpayers:
        yield table, row_values(table, taxpayer, outstanding_fen=taxpayer.outstanding)
    table = models.AnnualTaxSummary.__table__
    for taxpayer in unit.taxpayers:
        for year in taxpayer.years:
            yield (
                table,
                row_values(
                    table,
                    year,
                    taxpayer_id=taxpayer.person_id,
                    income_fen=year.income,
                    tax_paid_fen=year.tax_paid,
                ),
            )
