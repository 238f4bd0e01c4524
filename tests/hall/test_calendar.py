"""Working days of mainland China from the State Council's holiday notices (hall/holidays)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hall.calendar import (
    CalendarDataError,
    DayKind,
    OutsideCalendar,
    SpecialDay,
    WorkingCalendar,
    add_working_days,
    default_calendar,
    is_working_day,
    today_in_china,
    working_days_between,
)

HEADER = "# status: published\ndate,kind,name_zh\n"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),  # 元旦, a Thursday
        (date(2026, 1, 4), True),  # Sunday worked for 元旦
        (date(2026, 2, 14), True),  # Saturday worked before 春节
        (date(2026, 2, 16), False),  # 春节, a Monday
        (date(2026, 2, 23), False),  # 春节's last day, a Monday
        (date(2026, 2, 28), True),  # Saturday worked after 春节
        (date(2026, 4, 6), False),  # 清明节, a Monday
        (date(2026, 5, 5), False),  # 劳动节, a Tuesday
        (date(2026, 5, 9), True),  # Saturday worked for 劳动节
        (date(2026, 6, 19), False),  # 端午节, a Friday
        (date(2026, 9, 20), True),  # Sunday worked for 国庆节
        (date(2026, 9, 25), False),  # 中秋节, a Friday
        (date(2026, 10, 7), False),  # 国庆节, a Wednesday
        (date(2026, 10, 10), True),  # Saturday worked for 国庆节
        (date(2026, 10, 12), True),  # an ordinary Monday
        (date(2026, 10, 17), False),  # an ordinary Saturday
        (date(2026, 10, 18), False),  # an ordinary Sunday
        (date(2025, 1, 26), True),  # Sunday worked before the 2025 春节
        (date(2025, 1, 28), False),  # 2025 除夕, a Tuesday
        (date(2025, 2, 8), True),  # Saturday worked after the 2025 春节
        (date(2025, 10, 8), False),  # 2025 国庆节、中秋节, a Wednesday
        (date(2025, 10, 11), True),  # Saturday worked after the 2025 国庆节
    ],
)
def test_a_day_is_working_as_the_notice_says(day: date, working: bool) -> None:
    # given the published 2025 and 2026 holiday notices, when asked about a day
    # then holidays are off, 调休 weekend days are worked, other days follow the week
    assert is_working_day(day) is working


def test_the_calendar_covers_the_published_years_only() -> None:
    # given the holiday files of 2025, 2026 and the unpublished 2027
    calendar = default_calendar()
    # then only the published years are covered
    assert calendar.years == (2025, 2026)


def test_a_holiday_is_named() -> None:
    # given the Saturday worked before the 2026 Spring Festival, when its entry is read
    special = default_calendar().special_day(date(2026, 2, 14))
    # then it is the 调休 workday of the notice
    assert special == SpecialDay(date(2026, 2, 14), DayKind.WORKDAY, "春节调休上班")


@pytest.mark.parametrize(
    ("start", "n", "deadline"),
    [
        # Fri 13, the Saturday 14 worked, then 15–23 off: the third is Tue 24.
        (date(2026, 2, 12), 3, date(2026, 2, 24)),
        # ... and the Saturday 28 worked too: the tenth is Mon 2 March.
        (date(2026, 2, 10), 10, date(2026, 3, 2)),
        # Wed 30 September, 1–7 October off, Thu 8, Fri 9, then the Saturday 10 worked.
        (date(2026, 9, 29), 4, date(2026, 10, 10)),
        # The Sunday 20 September worked counts first.
        (date(2026, 9, 18), 5, date(2026, 9, 24)),
        # 2025: the Sunday 26 January worked, Mon 27, then 28 Jan–4 Feb off.
        (date(2025, 1, 24), 3, date(2025, 2, 5)),
        # Across the new year: Wed 31 Dec, 1–3 Jan off, the Sunday 4 Jan worked, Mon 5.
        (date(2025, 12, 30), 3, date(2026, 1, 5)),
        # No working day: the start itself.
        (date(2026, 2, 15), 0, date(2026, 2, 15)),
    ],
)
def test_the_deadline_is_the_nth_working_day_after_the_start(
    start: date, n: int, deadline: date
) -> None:
    # given a start and a limit in working days, when the deadline is computed
    # then it skips holidays and counts the 调休 weekend days
    assert add_working_days(start, n) == deadline


def test_a_year_has_the_working_days_of_the_notice() -> None:
    # given 2026: 261 weekdays, 19 of them holidays, 6 weekend days worked
    # when the working days of the whole year are counted
    # then there are 261 - 19 + 6 = 248
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 248


def test_counting_backwards_is_negative() -> None:
    # given the span over the 2026 Spring Festival, when counted from its end to its start
    # then it is the forward count, negated
    assert working_days_between(date(2026, 2, 24), date(2026, 2, 12)) == -3


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 9, 30)),
    n=st.integers(min_value=0, max_value=60),
)
def test_counting_up_to_a_deadline_gives_back_its_working_days(start: date, n: int) -> None:
    # given any start and limit whose deadline the calendar covers
    deadline = add_working_days(start, n)
    counted = working_days_between(start, deadline)
    lands_on_a_working_day = deadline == start or is_working_day(deadline)
    # then the count gives back n, and the deadline is a working day (or the start itself)
    assert (counted, lands_on_a_working_day) == (n, True)


@pytest.mark.parametrize(
    ("call", "day"),
    [
        (lambda: is_working_day(date(2027, 1, 4)), date(2027, 1, 4)),
        (lambda: add_working_days(date(2026, 12, 30), 5), date(2027, 1, 1)),
        (lambda: add_working_days(date(2024, 12, 31), 1), date(2024, 12, 31)),
        (lambda: working_days_between(date(2026, 12, 1), date(2027, 2, 1)), date(2027, 2, 1)),
    ],
)
def test_a_date_outside_the_published_years_is_refused(
    call: Callable[[], object], day: date
) -> None:
    # given a date in a year whose holidays are not published (2027) or not loaded (2024)
    # when a working day, deadline or count needs it, then the calendar refuses, naming it
    with pytest.raises(OutsideCalendar) as raised:
        call()
    assert (raised.value.day, str(raised.value)) == (
        day,
        f"{day.isoformat()} is outside the working-day calendar (years covered: 2025, 2026)",
    )


def test_a_negative_number_of_working_days_is_refused() -> None:
    # given a negative limit, when a deadline is asked for, then it is refused
    with pytest.raises(ValueError, match="cannot be negative"):
        add_working_days(date(2026, 3, 2), -1)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("2026.csv", HEADER + "2026-03-04,WORKDAY,调休\n", "2026-03-04 is a weekday"),
        ("2026.csv", "date,kind,name_zh\n2026-01-01,HOLIDAY,元旦\n", "needs one '# status"),
        (
            "2026.csv",
            "# status: unpublished\ndate,kind,name_zh\n2026-01-01,HOLIDAY,元旦\n",
            "an unpublished year lists no days",
        ),
        ("2026.csv", HEADER + "2025-01-01,HOLIDAY,元旦\n", "row 1 is not in 2026"),
        ("2026.csv", HEADER + "2026-01-01,DAY_OFF,元旦\n", "row 1 is malformed"),
        ("2026.csv", HEADER + "2026-01-01,HOLIDAY,元旦\n2026-01-01,HOLIDAY,元旦\n", "listed twice"),
        ("holidays.csv", HEADER, "named <year>.csv"),
    ],
)
def test_a_faulty_holiday_file_is_refused(
    tmp_path: Path, name: str, content: str, problem: str
) -> None:
    # given a holiday file that is malformed or contradicts the week
    (tmp_path / name).write_text(content, encoding="utf-8")
    # when the calendar is loaded, then it refuses to start, saying what is wrong
    with pytest.raises(CalendarDataError, match=problem):
        WorkingCalendar.from_directory(tmp_path)


def test_today_is_the_date_in_beijing() -> None:
    # given 17:00 UTC on 27 November 2026, which is 01:00 on the 28th in Beijing
    now = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    # then today in China is the 28th, and two hours earlier (23:00 there) still the 27th
    assert (today_in_china(now), today_in_china(now - timedelta(hours=2))) == (
        date(2026, 11, 28),
        date(2026, 11, 27),
    )


def test_a_naive_datetime_is_refused() -> None:
    # given a datetime without a time zone, then today cannot be told from it
    with pytest.raises(ValueError, match="naive"):
        today_in_china(datetime(2026, 11, 27, 17, 0))  # noqa: DTZ001
