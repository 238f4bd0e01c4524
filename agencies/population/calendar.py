"""Date arithmetic for ages and anniversaries."""

from __future__ import annotations

import random
from datetime import date, timedelta


def years_after(day: date, years: int) -> date:
    """Return the same day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: date, day: date) -> int:
    """Return a person's age in whole years on `day`."""
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - before_birthday


def random_day(rng: random.Random, first: date, last: date) -> date:
    """Pick a day between `first` and `last`, both included."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, max(span, 0)))
