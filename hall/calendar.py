"""Working days in mainland China: Monday to Friday, minus public holidays, plus 调休 days.

The dates come from one file per year in hall/holidays/, copied from the State Council General
Office's annual notice. A date in a year without a published file is refused with
`OutsideCalendar`, never guessed from the weekends alone: a deadline must not silently be wrong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path

from hall.times import SHANGHAI

HOLIDAY_FILES = Path(__file__).with_name("holidays")
SATURDAY = 5
_STATUS = re.compile(r"^#\s*status:\s*(\w+)\s*$")
_FILE_NAME = re.compile(r"^(\d{4})\.csv$")
_ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """What a holiday file says of a date."""

    HOLIDAY = "HOLIDAY"
    WORKDAY = "WORKDAY"


@dataclass(frozen=True)
class SpecialDay:
    """A public holiday, or a weekend day worked in exchange (调休上班)."""

    day: date
    kind: DayKind
    name_zh: str


class OutsideCalendar(LookupError):
    """A date of a year whose holidays are not known, so its working days cannot be told."""

    def __init__(self, day: date, years: tuple[int, ...]) -> None:
        covered = ", ".join(str(year) for year in years) or "none"
        super().__init__(
            f"{day.isoformat()} is outside the working-day calendar (years covered: {covered})"
        )
        self.day = day


class CalendarDataError(ValueError):
    """A holiday file that is malformed or contradicts the days of the week."""


class WorkingCalendar:
    """The working days of the years it covers; other dates raise `OutsideCalendar`."""

    def __init__(self, special_days: Iterable[SpecialDay], *, years: Iterable[int]) -> None:
        self.years = tuple(sorted(set(years)))
        self._special: dict[date, SpecialDay] = {}
        for special in special_days:
            if special.day.year not in self.years:
                raise CalendarDataError(f"{special.day} lies outside the years {self.years}")
            if special.day in self._special:
                raise CalendarDataError(f"{special.day} is listed twice")
            if special.kind is DayKind.WORKDAY and special.day.weekday() < SATURDAY:
                raise CalendarDataError(f"{special.day} is a weekday: it cannot be a 调休 workday")
            self._special[special.day] = special

    @classmethod
    def from_directory(cls, directory: Path = HOLIDAY_FILES) -> WorkingCalendar:
        """Load every `<year>.csv` of a directory; a year marked unpublished stays uncovered."""
        years: list[int] = []
        days: list[SpecialDay] = []
        for path in sorted(directory.glob("*.csv")):
            year, published, listed = _read_year(path)
            if published:
                years.append(year)
                days.extend(listed)
        return cls(days, years=years)

    def covers(self, day: date) -> bool:
        """Whether the calendar knows the holidays of `day`'s year."""
        return day.year in self.years

    def special_day(self, day: date) -> SpecialDay | None:
        """Return the holiday or 调休 workday on `day`, if it is one."""
        self._require(day)
        return self._special.get(day)

    def is_working_day(self, day: date) -> bool:
        """Whether government offices work on `day`."""
        self._require(day)
        special = self._special.get(day)
        if special is not None:
            return special.kind is DayKind.WORKDAY
        return day.weekday() < SATURDAY

    def add_working_days(self, start: date, n: int) -> date:
        """Return the n-th working day after `start` (the deadline); `start` itself if n is 0."""
        if n < 0:
            raise ValueError("the number of working days cannot be negative")
        self._require(start)
        day = start
        remaining = n
        while remaining:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days after `start` up to and including `end` (negative if before).

        So `working_days_between(d, add_working_days(d, n)) == n`.
        """
        self._require(start)
        self._require(end)
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def _require(self, day: date) -> None:
        if not self.covers(day):
            raise OutsideCalendar(day, self.years)


def _read_year(path: Path) -> tuple[int, bool, list[SpecialDay]]:
    """Read one year's file: its year, whether it is published, and its listed days."""
    named = _FILE_NAME.match(path.name)
    if named is None:
        raise CalendarDataError(f"{path.name}: holiday files are named <year>.csv")
    year = int(named.group(1))
    lines = path.read_text(encoding="utf-8").splitlines()
    statuses = [m.group(1) for line in lines if (m := _STATUS.match(line))]
    if statuses not in (["published"], ["unpublished"]):
        raise CalendarDataError(f"{path.name}: needs one '# status: published|unpublished' line")
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    days: list[SpecialDay] = []
    for number, row in enumerate(rows, start=1):
        try:
            special = SpecialDay(
                day=date.fromisoformat(row["date"]),
                kind=DayKind(row["kind"]),
                name_zh=row["name_zh"].strip(),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise CalendarDataError(f"{path.name}: row {number} is malformed: {row}") from error
        if special.day.year != year:
            raise CalendarDataError(f"{path.name}: row {number} is not in {year}")
        days.append(special)
    published = statuses == ["published"]
    if not published and days:
        raise CalendarDataError(f"{path.name}: an unpublished year lists no days")
    return year, published, days


@cache
def default_calendar() -> WorkingCalendar:
    """The calendar of hall/holidays, loaded once."""
    return WorkingCalendar.from_directory()


def is_working_day(day: date) -> bool:
    """Whether government offices work on `day` (see `WorkingCalendar`)."""
    return default_calendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """Return the n-th working day after `start`: the deadline of an n-working-day limit."""
    return default_calendar().add_working_days(start, n)


def working_days_between(start: date, end: date) -> int:
    """Count the working days after `start` up to and including `end`."""
    return default_calendar().working_days_between(start, end)


def today_in_china(now: datetime) -> date:
    """Return the date in Asia/Shanghai at the aware instant `now`."""
    if now.tzinfo is None:
        raise ValueError("a naive datetime has no place: give an aware one")
    return now.astimezone(SHANGHAI).date()
