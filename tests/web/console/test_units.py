"""The console's parts without a platform: Beijing times, the checks of its forms, the rows and
charts of statistics (the hall's too)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime

import pytest

from web.console.charts import draw_svg
from web.console.filters import Reading
from web.console.statistics import Counted, alt_text, bars_of, counted_rows
from web.console.times import as_input, last_week, parse_beijing
from web.times import when

HALL = {
    "applicants": 3,
    "byState": [{"key": "APPROVED", "count": 2}, {"key": "SUBMITTED", "count": 1}],
    "decisionTimes": {"decided": 2, "medianHours": 20.5, "p90Hours": 30.0},
    "satisfaction": {"ratings": 1, "averageStars": 5.0},
}


@pytest.mark.parametrize(
    ("typed", "end", "expected"),
    [
        ("2026-11-27", False, datetime(2026, 11, 26, 16, 0, tzinfo=UTC)),
        ("2026-11-27", True, datetime(2026, 11, 27, 16, 0, tzinfo=UTC)),
        ("2026-11-27T09:30", True, datetime(2026, 11, 27, 1, 30, tzinfo=UTC)),
        ("2026-11-27 09:30:05", False, datetime(2026, 11, 27, 1, 30, 5, tzinfo=UTC)),
        ("2026-02-30", False, None),
        ("27/11/2026", False, None),
        ("0001-01-01", False, None),
        ("9999-12-31", True, None),
        ("9998-12-31", True, datetime(9998, 12, 31, 16, 0, tzinfo=UTC)),
        (" 2026-11-27T09:30 ", False, datetime(2026, 11, 27, 1, 30, tzinfo=UTC)),
        ("2026-11-27T09:30:05.123456789", False, None),
        ("", False, None),
    ],
)
def test_beijing_times_become_utc_instants(
    typed: str, end: bool, expected: datetime | None
) -> None:
    # given what an auditor typed, when read as Beijing time (a bare date as its end or start)
    # then it is the UTC instant, or None when it is no time at all
    assert parse_beijing(typed, end=end) == expected


def test_utc_instants_are_shown_in_beijing_time() -> None:
    # given instants of the API, when shown, and a window's end, when put back in a form
    shown = [
        when(v, seconds=True) for v in ("2026-11-27T16:00:00+00:00", "2026-11-27T16:00:00", "")
    ]
    typed = as_input(datetime(2026, 11, 27, 16, 0, 59, 999, tzinfo=UTC))
    # then they read as Beijing times (a naive one taken as UTC), to the second
    assert (shown, typed) == (
        ["2026-11-28 00:00:00", "2026-11-28 00:00:00", ""],
        "2026-11-28T00:00:59",
    )


def test_the_default_window_is_the_last_seven_days_up_to_this_second() -> None:
    # given a moment, when the default window is taken
    since, until = last_week(datetime(2026, 11, 27, 8, 30, 42, 500, tzinfo=UTC))
    # then it ends at the second begun and starts seven days before
    assert (since, until) == (
        datetime(2026, 11, 20, 8, 30, 42, tzinfo=UTC),
        datetime(2026, 11, 27, 8, 30, 42, tzinfo=UTC),
    )


def test_a_reading_notes_the_first_problem_of_each_field_and_keeps_the_values() -> None:
    # given a form with an odd actor, a good subject in lower case and an unknown choice
    params = {"actor": "a b", "subject": "35042419880512000x", "decision": "MAYBE", "x": "1"}
    reading = Reading.of(params, ("actor", "subject", "decision"))
    # when each is read
    values = (reading.actor(), reading.subject(), reading.choice("decision", ("ALLOW", "DENY")))
    # then the good one is normalized, the others are noted, and nothing typed is lost
    assert (values, reading.problems, reading.values) == (
        (None, "35042419880512000X", None),
        {
            "actor": "Use letters, digits and the signs . _ - @ : only.",
            "decision": "Choose one of the listed options.",
        },
        {"actor": "a b", "subject": "35042419880512000x", "decision": "MAYBE"},
    )


def test_the_hall_statistics_become_rows_and_a_chart_in_each_language() -> None:
    # given the hall's statistics, when their states are shown in Chinese and in English
    rows = {lang: counted_rows("states", HALL, lang) for lang in ("zh", "en")}
    svg = ElementTree.fromstring(draw_svg(bars_of("states", rows["en"], "en")))
    texts = [e.text for e in svg.iter("{http://www.w3.org/2000/svg}text")]
    # then the states are named, their counts kept, and the chart draws them as text
    assert rows == {
        "zh": [Counted("已批准", 2), Counted("已提交", 1)],
        "en": [Counted("Approved", 2), Counted("Submitted", 1)],
    }
    assert [
        t
        for t in ("Applications by state", "Approved", "Submitted", "Applications")
        if t not in texts
    ] == []
    assert alt_text("states", rows["zh"], "zh") == "按状态统计的申请: 已批准 2；已提交 1"


def test_an_empty_window_still_draws_a_chart_that_says_so() -> None:
    # given no entries, when the agency chart is drawn in Chinese
    rows = counted_rows("agency", {"byAgency": []}, "zh")
    svg = ElementTree.fromstring(draw_svg(bars_of("agency", rows, "zh")))
    texts = [e.text for e in svg.iter("{http://www.w3.org/2000/svg}text")]
    # then it has its title and says the window is empty, and so does its alt text
    assert (
        "按部门统计的访问" in texts,
        "该时段没有数据" in texts,
        alt_text("agency", rows, "zh"),
    ) == (True, True, "按部门统计的访问: 该时段没有数据")


def test_entries_without_agency_or_purpose_are_named_so() -> None:
    # given counts of citizens' reads (no agency) and reads without a purpose, or an unknown one
    data = {
        "byAgency": [{"key": None, "count": 2}, {"key": "fbi", "count": 1}],
        "byPurpose": [
            {"key": None, "count": 2, "zh": None, "en": None},
            {"key": "AUDIT", "count": 1, "zh": None, "en": None},
            {"key": "curiosity", "count": 1, "zh": None, "en": None},
        ],
    }
    # when shown in English
    rows = (counted_rows("agency", data, "en"), counted_rows("purpose", data, "en"))
    # then they say so, catalogue purposes get their names, unknown codes show as they are
    assert rows == (
        [Counted("No agency (citizens)", 2), Counted("fbi", 1)],
        [
            Counted("No purpose declared", 2),
            Counted("Audit and supervision", 1),
            Counted("curiosity", 1),
        ],
    )
