"""The civil-affairs records the test population was seeded with, straight from the generator."""

from __future__ import annotations

from typing import Any

from agencies.population.records import Marriage
from tests.population import units


def marriages() -> list[Marriage]:
    """Every seeded marriage."""
    return [marriage for unit in units() for marriage in unit.marriages]


def marriage_json(marriage: Marriage) -> dict[str, Any]:
    """A marriage as `MARRIAGE_FIELDS` render it."""
    return {
        "number": marriage.number,
        "registeredOn": marriage.registered_on.isoformat(),
        "divorcedOn": marriage.divorced_on.isoformat() if marriage.divorced_on else None,
        "regionCode": marriage.region_code,
        "status": "DIVORCED" if marriage.divorced_on else "MARRIED",
        "husband": {"idNumber": marriage.husband_id},
        "wife": {"idNumber": marriage.wife_id},
    }


MARRIAGE_FIELDS = """
number registeredOn divorcedOn regionCode status husband { idNumber } wife { idNumber }
"""
