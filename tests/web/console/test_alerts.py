"""Alerts: the police officer's five refused reads raise REPEATED_DENIALS, and opening the alert
lists exactly those entries.

(Reads between 19:00 and 08:00 Beijing time, or at the weekend, also raise OFF_HOURS for the
officers; whether they do depends on when the tests run, so those rows are left out.)
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.web.console.conftest import POLICE, Scene, signed_in
from tests.web.console.pages import column, field_state, links, table_rows
from tests.web.html import heading, main_of, notice, summary

ALERTS = {"zh": "时段内的告警", "en": "Alerts of the window"}
ENTRIES = {
    "zh": "触发告警的访问者条目（最新在前）",
    "en": "The actor's entries behind the alert, newest first",
}
OFF_HOURS = {"zh": "非工作时间读取", "en": "Reads outside working hours"}
DENIALS = {
    "zh": (
        "多次被拒绝 多次被拒绝：是否在试探无权访问的数据？",
        POLICE,
        "公安机关",
        "5",
        "4–8",
        "5 refused reads",
        f"查看详情 多次被拒绝 · {POLICE}",
    ),
    "en": (
        "Repeated refusals Was refused again and again: probing for data out of reach?",
        POLICE,
        "Public security (police)",
        "5",
        "4–8",
        "5 refused reads",
        f"Open this alert Repeated refusals · {POLICE}",
    ),
}


def without_off_hours(rows: list[tuple[str, ...]], language: str) -> list[tuple[str, ...]]:
    return [row for row in rows if not row[0].startswith(OFF_HOURS[language])]


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_alerts_of_the_window_show_the_repeated_refusals(
    scene: Scene, language: str
) -> None:
    # given the officer's five refused reads, when the auditor lists the window's alerts
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/alerts?" + urlencode({**scene.window(), "lang": language}))
    # then the alert is listed: its kind and what it means, actor, agency, count, entries,
    # the detail the log gives, and a link to open it
    rows = table_rows(page.text, ALERTS[language])
    assert (page.status_code, without_off_hours(rows, language)) == (200, [DENIALS[language]])


async def test_the_alerts_page_shows_the_last_seven_days_by_default(scene: Scene) -> None:
    # given the officer's refused reads today, when the auditor opens the alerts page plainly
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/alerts")
    # then the form holds a week's window and the alert is among those listed
    since, _, _ = field_state(page.text, "since")
    until, _, _ = field_state(page.text, "until")
    rows = without_off_hours(table_rows(page.text, ALERTS["zh"]), "zh")
    assert (page.status_code, since < scene.since < scene.until <= until, rows) == (
        200,
        True,
        [DENIALS["zh"]],
    )


async def test_opening_the_alert_lists_the_entries_behind_it(scene: Scene) -> None:
    # given the alert in the window's list, when the auditor opens it
    async with signed_in(scene.app) as auditor:
        listing = await auditor.get("/audit/alerts?" + urlencode(scene.window()))
        (link,) = [
            href
            for href in links(listing.text, "/audit/alerts/open?")
            if "REPEATED_DENIALS" in href
        ]
        page = await auditor.get(link)
    # then the link carried the alert and its window, and the page shows the alert and the
    # officer's five refused reads, newest first
    facts = [item.text for item in main_of(page.text).all("dd")]
    rows = table_rows(page.text, ENTRIES["zh"])
    assert parse_qs(urlsplit(link).query) == {
        "kind": ["REPEATED_DENIALS"],
        "actor": [POLICE],
        "firstSeq": ["4"],
        "lastSeq": ["8"],
        "since": [scene.since],
        "until": [scene.until],
    }
    assert (page.status_code, heading(page.text), facts, column(rows, 0), column(rows, 9)) == (
        200,
        "告警",
        [
            "多次被拒绝 多次被拒绝：是否在试探无权访问的数据？",
            POLICE,
            "公安机关",
            "5",
            "5 refused reads",
            "4–8",
        ],
        ["8", "7", "6", "5", "4"],
        ["已拒绝"] * 5,
    )


async def test_an_alert_the_window_does_not_raise_still_lists_its_entries(scene: Scene) -> None:
    # given a link to a NO_CASE alert of the police officer, which the window does not raise
    query = {
        "kind": "NO_CASE",
        "actor": POLICE,
        "firstSeq": "1",
        "lastSeq": "3",
        **scene.window(),
        "lang": "en",
    }
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/alerts/open?" + urlencode(query))
    # then the page says so, and lists the officer's case investigations in that range: none
    assert (page.status_code, notice(page.text), table_rows(page.text, ENTRIES["en"])) == (
        200,
        "The window no longer raises this alert; the entries it named are listed below.",
        [("No entries match.",)],
    )


BAD_LINKS = [
    (
        {"kind": "CURIOSITY"},
        {"zh": "类型: 请从列出的选项中选择。", "en": "Kind: Choose one of the listed options."},
    ),
    ({"actor": ""}, {"zh": "访问者: 此项必填。", "en": "Actor: Required."}),
    (
        {"actor": "<script>"},
        {
            "zh": "访问者: 只能使用字母、数字和符号 . _ - @ :",
            "en": "Actor: Use letters, digits and the signs . _ - @ : only.",
        },
    ),
    (
        {"firstSeq": "0"},
        {"zh": "首个条目: 请输入从1开始的整数。", "en": "First entry: Use a whole number from 1."},
    ),
    (
        {"lastSeq": "9" * 5000},
        {"zh": "最后条目: 请输入从1开始的整数。", "en": "Last entry: Use a whole number from 1."},
    ),
    (
        {"firstSeq": "9"},
        {
            "zh": "最后条目: 最后条目不能早于首个条目。",
            "en": "Last entry: The last entry must not come before the first.",
        },
    ),
    (
        {"until": "2000-01-01"},
        {
            "zh": "截止时间: 结束时间必须晚于起始时间。",
            "en": "Until: The end must come after the start.",
        },
    ),
]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    ("change", "message"),
    BAD_LINKS,
    ids=["kind", "no-actor", "actor-script", "seq-zero", "seq-huge", "seq-order", "window"],
)
async def test_a_bad_alert_link_is_refused(
    scene: Scene, language: str, change: dict[str, str], message: dict[str, str]
) -> None:
    # given a link to the alert with one part spoiled
    query = {
        "kind": "REPEATED_DENIALS",
        "actor": POLICE,
        "firstSeq": "4",
        "lastSeq": "8",
        **scene.window(),
        **change,
        "lang": language,
    }
    # when the auditor opens it
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/alerts/open?" + urlencode(query))
    # then it is refused, saying which part is wrong, in the page's language
    assert (page.status_code, summary(page.text)) == (400, [message[language]])


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_bad_window_of_alerts_is_refused_and_kept(scene: Scene, language: str) -> None:
    # given the auditor, when they ask for alerts from a day that does not exist
    query = {"since": "2026-02-30", "until": "x" * 10_000, "lang": language}
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/alerts?" + urlencode(query))
    # then both ends are refused and kept as typed
    time = {
        "zh": "请输入日期（如 2026-11-27）或日期和时间（如 2026-11-27T09:30）。",
        "en": "Enter a date such as 2026-11-27, or a date and time such as 2026-11-27T09:30.",
    }[language]
    labels = {"zh": ("起始时间", "截止时间"), "en": ("From", "Until")}[language]
    assert (
        page.status_code,
        summary(page.text),
        field_state(page.text, "since"),
        field_state(page.text, "until"),
        ALERTS[language] in page.text,
    ) == (
        400,
        [f"{labels[0]}: {time}", f"{labels[1]}: {time}"],
        ("2026-02-30", "true", time),
        ("x" * 10_000, "true", time),
        False,
    )


async def test_an_alert_link_without_its_alert_leads_back_to_the_alerts(scene: Scene) -> None:
    # given the auditor on an alert, when they switch the language (the link keeps only `lang`)
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/alerts/open?lang=en")
    # then they land on the list of alerts, in English
    assert (page.status_code, urlsplit(str(page.url)).path, heading(page.text)) == (
        200,
        "/audit/alerts",
        "Alerts",
    )
