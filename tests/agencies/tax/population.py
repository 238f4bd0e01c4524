"""The tax records the test population was seeded with, straight from the generator."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from agencies.population.records import Taxpayer
from subgraph.pagination import encode_cursor
from tests.population import persons, units


def taxpayers() -> list[Taxpayer]:
    """Every seeded taxpayer, in generation order."""
    return [taxpayer for unit in units() for taxpayer in unit.taxpayers]


def first_taxpayer(description: str, rule: Callable[[Taxpayer], bool]) -> Taxpayer:
    """The first taxpayer, in generation order, that `rule` holds for."""
    found = next((taxpayer for taxpayer in taxpayers() if rule(taxpayer)), None)
    assert found is not None, f"the test population has no taxpayer {description}"
    return found


def first_taxpayers(count: int) -> list[Taxpayer]:
    """The first `count` taxpayers, in generation order."""
    found = taxpayers()[:count]
    assert len(found) == count, f"the test population has fewer than {count} taxpayers"
    return found


def non_taxpayer() -> str:
    """The ID number of the first registered person, in generation order, not registered for tax."""
    registered_for_tax = {taxpayer.person_id for taxpayer in taxpayers()}
    found = next(
        (
            person.id_number
            for person in persons().values()
            if person.registered and person.id_number not in registered_for_tax
        ),
        None,
    )
    assert found is not None, "every registered person of the test population is a taxpayer"
    return found


def debtors_of(office: str) -> list[Taxpayer]:
    """A tax office's taxpayers who owe tax, by taxpayer number."""
    owing = [t for t in taxpayers() if t.tax_office == office and t.outstanding > 0]
    return sorted(owing, key=lambda taxpayer: taxpayer.person_id)


def office_with_most_debtors(at_least: int) -> str:
    """The tax office with the most taxpayers who owe tax (the first met on a tie)."""
    counts = Counter(t.tax_office for t in taxpayers() if t.outstanding > 0)
    office, most = counts.most_common(1)[0] if counts else (None, 0)
    assert office is not None and most >= at_least, (
        f"the test population has no tax office where {at_least} or more taxpayers owe tax "
        f"(the most at one office: {most})"
    )
    return office


def taxpayer_json(taxpayer: Taxpayer, *fields: str) -> dict[str, Any]:
    """A taxpayer as a selection of `fields` renders it (summaries newest first)."""
    rendered = {
        "taxpayerNumber": taxpayer.person_id,
        "person": {"idNumber": taxpayer.person_id},
        "registeredOn": taxpayer.registered_on.isoformat(),
        "taxOffice": taxpayer.tax_office,
        "annualSummaries": [
            {"year": year.year, "incomeFen": year.income, "taxPaidFen": year.tax_paid}
            for year in sorted(taxpayer.years, key=lambda year: year.year, reverse=True)
        ],
    }
    return {field: rendered[field] for field in fields}


def page_json(items: list[dict[str, Any]], first: int, key: str) -> dict[str, Any]:
    """The first page of `items` (in `key` order) as `items {…} pageInfo {…}` renders it."""
    page = items[:first]
    return {
        "items": page,
        "pageInfo": {
            "hasNextPage": len(items) > first,
            "endCursor": encode_cursor(page[-1][key]) if page else None,
        },
    }
