"""The access-log search: auditors find the staff's reads by every filter, page through them,
and get clear messages for filters that make no sense; nobody else opens the console."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from tests.web.browser import browser
from tests.web.console.conftest import CIVIL, POLICE, Scene, signed_in
from tests.web.console.pages import column, field_state, links, table_rows
from tests.web.html import heading, summary
from web.console import log_pages

CAPTION = {"zh": "查到的条目（最新在前）", "en": "Entries found, newest first"}
LABELS = {
    "zh": {
        "actor": "访问者",
        "subject": "数据主体",
        "agency": "部门",
        "purpose": "用途",
        "decision": "访问结果",
        "since": "起始时间",
        "until": "截止时间",
    },
    "en": {
        "actor": "Actor",
        "subject": "Data subject",
        "agency": "Agency",
        "purpose": "Purpose",
        "decision": "Access decision",
        "since": "From",
        "until": "Until",
    },
}
CHARACTERS = {
    "zh": "只能使用字母、数字和符号 . _ - @ :",
    "en": "Use letters, digits and the signs . _ - @ : only.",
}
TOO_LONG = {"zh": "最多128个字符。", "en": "Use at most 128 characters."}
ID_NUMBER = {
    "zh": "请输入有效的18位公民身份号码。",
    "en": "Enter a valid 18-character citizen ID number.",
}
CHOICE = {"zh": "请从列出的选项中选择。", "en": "Choose one of the listed options."}
TIME = {
    "zh": "请输入日期（如 2026-11-27）或日期和时间（如 2026-11-27T09:30）。",
    "en": "Enter a date such as 2026-11-27, or a date and time such as 2026-11-27T09:30.",
}
ORDER = {"zh": "结束时间必须晚于起始时间。", "en": "The end must come after the start."}
CONSOLE_PAGES = (
    "/audit",
    "/audit/verify",
    "/audit/alerts",
    "/audit/alerts/open",
    "/audit/charts",
    "/audit/charts/agency.svg",
)


def seqs(html: str, language: str = "zh") -> list[int]:
    return [int(seq) for seq in column(table_rows(html, CAPTION[language]), 0)]


async def test_the_log_lists_the_windows_entries_newest_first_in_chinese(scene: Scene) -> None:
    # given the staff's ten reads, when the auditor searches their window
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit?" + urlencode(scene.window()))
    rows = table_rows(page.text, CAPTION["zh"])
    # then every entry is listed, newest first, in Chinese: who (and their kind), agency and
    # unit, whose data, which record and fields, about whom, why, and the decision
    police = ("police.sanming.officer 部门工作人员", "公安机关 350400000000", "公安机关")
    civil = ("civil_affairs.sanming.officer 部门工作人员", "民政部门 MZJ350400", "民政部门")
    first, second = (", ".join(spouses) for spouses in scene.spouses)
    listed = [(row[0], *row[2:10]) for row in rows]
    assert (page.status_code, heading(page.text), listed) == (
        200,
        "访问日志",
        [
            ("10", *civil, "Marriage registeredOn", second, "户籍管理", "", "已允许"),
            ("9", *civil, "Marriage registeredOn", first, "户籍管理", "", "已允许"),
            *[
                (str(n), *police, "Person name", scene.people[0], "统计分析", "", "已拒绝")
                for n in range(8, 3, -1)
            ],
            *[
                (str(n), *police, "Person name", scene.people[n - 1], "户籍管理", "", "已允许")
                for n in range(3, 0, -1)
            ],
        ],
    )
    # and the times are Beijing times inside the window, each with its own request id
    since, until = (moment.replace("T", " ") for moment in (scene.since, scene.until))
    assert [since <= row[1] < until for row in rows] == [True] * 10
    assert [bool(re.fullmatch(r"[0-9a-f]{32}", row[10])) for row in rows] == [True] * 10


async def test_the_log_speaks_english_on_request(scene: Scene) -> None:
    # given the staff's reads, when the auditor searches the civil-affairs officer's in English
    query = urlencode({**scene.window(), "actor": CIVIL, "lang": "en"})
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit?" + query)
    rows = table_rows(page.text, CAPTION["en"])
    # then the page, its labels and the entries are in English
    english = '<html lang="en">' in page.text
    assert (page.status_code, english, heading(page.text), rows[0][2:10]) == (
        200,
        True,
        "Access log",
        (
            "civil_affairs.sanming.officer Agency staff",
            "Civil affairs MZJ350400",
            "Civil affairs",
            "Marriage registeredOn",
            ", ".join(scene.spouses[1]),
            "Household registration administration",
            "",
            "Allowed",
        ),
    )


FILTERS: list[tuple[str, Callable[[Scene], dict[str, str]], list[int]]] = [
    ("actor", lambda s: {"actor": CIVIL}, [10, 9]),
    ("subject", lambda s: {"subject": s.people[1]}, [10, 9, 2]),
    ("subject, lower-case x", lambda s: {"subject": s.people[1].lower()}, [10, 9, 2]),
    ("agency", lambda s: {"agency": "civil_affairs"}, [10, 9]),
    ("purpose", lambda s: {"purpose": "STATISTICS"}, [8, 7, 6, 5, 4]),
    ("decision", lambda s: {"decision": "ALLOW"}, [10, 9, 3, 2, 1]),
    (
        "all at once",
        lambda s: {
            "actor": POLICE,
            "subject": s.people[0],
            "agency": "police",
            "purpose": "HOUSEHOLD_ADMINISTRATION",
            "decision": "ALLOW",
        },
        [1],
    ),
    ("nothing", lambda s: {"actor": "nobody"}, []),
]


@pytest.mark.parametrize(("name", "filters", "expected"), FILTERS, ids=[f[0] for f in FILTERS])
async def test_each_filter_finds_its_entries(
    scene: Scene, name: str, filters: Callable[[Scene], dict[str, str]], expected: list[int]
) -> None:
    # given the staff's reads, when the auditor searches their window with a filter
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit?" + urlencode({**scene.window(), **filters(scene)}))
    # then exactly the matching entries are listed (or a line saying none match)
    found = table_rows(page.text, CAPTION["zh"])
    listed = [] if found == [("没有符合条件的条目。",)] else [int(row[0]) for row in found]
    assert (page.status_code, listed) == (200, expected)


async def test_the_log_pages_with_after_and_returns_to_the_first_page(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given pages of three entries, when the auditor follows "next" to the end
    monkeypatch.setattr(log_pages, "PAGE_SIZE", 3)
    async with signed_in(scene.app) as auditor:
        first = await auditor.get("/audit?" + urlencode({**scene.window(), "actor": POLICE}))
        second = await auditor.get(links(first.text, "/audit?")[-1])
        third = await auditor.get(links(second.text, "/audit?")[-1])
    pages = (first, second, third)
    pager = [links(page.text, "/audit?") for page in pages]
    # then the eight police entries arrive three by three; the first page links to the next,
    # the second to the first and the next, the last to the first only
    assert [seqs(page.text) for page in pages] == [[8, 7, 6], [5, 4, 3], [2, 1]]
    assert [["after=" in link for link in links_of] for links_of in pager] == [
        [True],
        [False, True],
        [False],
    ]
    # and every link keeps the filters
    assert {f"actor={quote(POLICE)}" in link for links_of in pager for link in links_of} == {True}


BAD_INPUTS = [
    ("actor", "<script>alert(1)</script>", CHARACTERS),
    ("actor", "police\x00officer", CHARACTERS),
    ("actor", "a" * 10_000, TOO_LONG),
    ("subject", "350424198611180013", ID_NUMBER),  # check digit wrong
    ("subject", "3" * 10_000, ID_NUMBER),
    ("since", "2026-02-30", TIME),
    ("until", "<script>", TIME),
    ("since", "\x00" * 3, TIME),
]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    ("name", "value", "message"),
    BAD_INPUTS,
    ids=[
        "actor-script",
        "actor-nul",
        "actor-10kB",
        "subject-check-digit",
        "subject-10kB",
        "since-no-such-day",
        "until-script",
        "since-nul",
    ],
)
async def test_a_bad_filter_is_refused_with_its_message_and_kept(
    scene: Scene, language: str, name: str, value: str, message: dict[str, str]
) -> None:
    # given the auditor, when they search with a bad value in one field
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit?" + urlencode({name: value, "lang": language}))
    # then nothing is searched; the summary and the field say what is wrong, in the page's
    # language, and the field keeps what was typed
    assert (
        page.status_code,
        summary(page.text),
        field_state(page.text, name),
        CAPTION[language] in page.text,
    ) == (
        400,
        [f"{LABELS[language][name]}: {message[language]}"],
        (value, "true", message[language]),
        False,
    )


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", ["agency", "purpose", "decision"])
async def test_an_unknown_choice_is_refused(scene: Scene, language: str, name: str) -> None:
    # given the auditor, when a choice arrives that the form never offered
    async with signed_in(scene.app) as auditor:
        page = await auditor.get(
            "/audit?" + urlencode({name: "<b>UNKNOWN</b>", "actor": POLICE, "lang": language})
        )
    # then it is refused; the other filters are kept, and the list shows no choice made
    assert (
        page.status_code,
        summary(page.text),
        field_state(page.text, name),
        field_state(page.text, "actor"),
    ) == (
        400,
        [f"{LABELS[language][name]}: {CHOICE[language]}"],
        ("", "true", CHOICE[language]),
        (POLICE, None, None),
    )


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_window_ending_before_it_starts_is_refused(scene: Scene, language: str) -> None:
    # given the auditor, when "until" comes before "since"
    window = {"since": scene.until, "until": scene.since, "lang": language}
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit?" + urlencode(window))
    # then the end is marked, both values kept
    assert (page.status_code, summary(page.text), field_state(page.text, "until")) == (
        400,
        [f"{LABELS[language]['until']}: {ORDER[language]}"],
        (scene.since, "true", ORDER[language]),
    )
    assert field_state(page.text, "since") == (scene.until, None, None)


async def test_a_forged_page_link_is_refused(scene: Scene) -> None:
    # given the auditor, when a page link carries a cursor the API never gave
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit?after=%3Cscript%3E&lang=en")
    # then the search is refused with a way back to the first page
    assert (page.status_code, summary(page.text)) == (
        400,
        ["This page link is not valid. Start again from the first page."],
    )


@pytest.mark.parametrize("account", ["citizen", "police officer"])
async def test_the_console_is_closed_to_citizens_and_staff(scene: Scene, account: str) -> None:
    # given a signed-in citizen or officer
    login = scene.people[0] if account == "citizen" else POLICE
    async with signed_in(scene.app, login) as visitor:
        # when they open each console page, or post the verification
        answers: list[Any] = [await visitor.get(path) for path in CONSOLE_PAGES]
        answers.append(await visitor.post("/audit/verify", {"csrf": "x"}))
    # then each is refused with the kit's message in Chinese
    assert [(a.status_code, "您的账号无权打开此页面。" in a.text) for a in answers] == [
        (403, True)
    ] * (len(CONSOLE_PAGES) + 1)


async def test_signed_out_visitors_are_sent_to_sign_in(scene: Scene) -> None:
    # given a browser that has not signed in, when it opens each console page
    async with browser(scene.app) as visitor:
        answers = [await visitor.client.get(path) for path in CONSOLE_PAGES]
    # then it is sent to sign in, to come back to the page afterwards
    assert [(a.status_code, a.headers["location"]) for a in answers] == [
        (303, "/login?next=" + quote(path)) for path in CONSOLE_PAGES
    ]
