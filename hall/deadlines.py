"""Deadlines of applications in working days, provisional where the holidays are not published.

The State Council publishes each year's holidays late in the year before; a deadline that
reaches into a year without a published calendar is counted on weekdays there and marked
provisional (the application says so), never presented as certain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hall.calendar import WorkingCalendar

SATURDAY = 5


@dataclass(frozen=True)
class Deadline:
    """A deadline day, and whether part of it was counted without a published calendar."""

    day: date
    provisional: bool


def deadline(calendar: WorkingCalendar, start: date, working_days: int) -> Deadline:
    """The `working_days`-th working day after `start`."""
    if working_days < 0:
        raise ValueError("the number of working days cannot be negative")
    day = start
    remaining = working_days
    provisional = not calendar.covers(start)
    while remaining:
        day += timedelta(days=1)
        if calendar.covers(day):
            working = calendar.is_working_day(day)
        else:
            provisional = True
            working = day.weekday() < SATURDAY
        if working:
            remaining -= 1
    return Deadline(day, provisional)
