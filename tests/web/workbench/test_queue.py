"""The unit's queue: open applications by deadline, overdue ones marked, filtered, paged."""

from __future__ import annotations

from typing import Any

import httpx
import pytest_asyncio

from tests.web.browser import Browser, browser
from tests.web.html import heading, parse
from tests.web.workbench.flow import (
    AUDITOR,
    MOTHER,
    add_applications,
    deadlines,
    make_overdue,
    opened_by,
    submit_change,
    work,
)
from tests.web.workbench.html import field_errors, invalid_fields, notices, rows


@pytest_asyncio.fixture(scope="module")
async def queue(platform: Any) -> list[str]:
    """Two verified applications (the later one overdue), 21 more due far ahead, one closed
    and one of another unit; returns the unit's open ones, the earliest deadline first."""
    first = await submit_change(platform)
    second = await submit_change(platform)
    await work(platform)
    await make_overdue(platform, second)
    keys = [await deadlines(platform, first), await deadlines(platform, second)]
    keys += await add_applications(platform, 21)
    await add_applications(platform, 1, state="CLOSED", first_day=1)
    await add_applications(platform, 1, unit="MZ350424", first_day=1)
    return [number for *_, number in sorted(keys)]


def _listed(page: httpx.Response) -> list[tuple[str, str, bool]]:
    """Each row's number, state and whether it is marked overdue."""
    return [
        (row[0], row[2], "overdue" in row[4].lower() or "超期" in row[4]) for row in rows(page.text)
    ]


def _pager(page: httpx.Response) -> dict[str, str]:
    return {
        link.attrs["rel"]: link.attrs["href"]
        for link in parse(page.text).all("a")
        if "rel" in link.attrs
    }


async def test_the_queue_lists_open_applications_by_deadline_in_chinese(
    officer: Browser, queue: list[str]
) -> None:
    # given the unit's open applications, when the officer opens the queue
    page = await officer.get("/work?lang=zh")
    # then the first page holds the 20 earliest deadlines, the overdue one first and marked,
    # in Chinese, and leads to the next page only
    listed = _listed(page)
    assert (
        page.status_code,
        heading(page.text),
        listed[:2],
        [n for n, *_ in listed],
        sorted(_pager(page)),
    ) == (
        200,
        "待办队列",
        [(queue[0], "已核验", True), (queue[1], "已核验", False)],
        queue[:20],
        ["next"],
    )


async def test_the_next_and_previous_pages_follow_the_deadline_order(
    officer: Browser, queue: list[str]
) -> None:
    # given the first page, when the officer goes to the next page and back again
    first = await officer.get("/work?lang=zh")
    second = await officer.get(_pager(first)["next"])
    back = await officer.get(_pager(second)["prev"])
    # then the second page holds the rest, and the first page comes back as it was
    assert (
        [n for n, *_ in _listed(second)],
        sorted(_pager(second)),
        [n for n, *_ in _listed(back)],
    ) == (queue[20:], ["prev"], queue[:20])


async def test_the_queue_speaks_english_on_request(officer: Browser, queue: list[str]) -> None:
    # given the queue, when the officer asks for English
    page = await officer.get("/work?lang=en&state=VERIFIED")
    # then the heading, the states and the overdue mark are English
    assert (heading(page.text), _listed(page)) == (
        "Queue",
        [(queue[0], "Verified", True), (queue[1], "Verified", False)],
    )


async def test_the_filters_narrow_the_queue_to_a_state_and_a_service(
    officer: Browser, queue: list[str]
) -> None:
    # given the queue, when filtered to verified ones, and to a service with none
    verified = await officer.get("/work?lang=zh&state=VERIFIED&service=ETHNICITY_CHANGE_MINOR")
    adult = await officer.get("/work?lang=en&service=ETHNICITY_CHANGE_ADULT")
    # then the verified ones are the two submitted, and no adult change is open
    assert (
        [n for n, *_ in _listed(verified)],
        _listed(adult),
        notices(adult.text),
    ) == (queue[:2], [], ["No open application matches."])


async def test_unknown_filters_are_refused_with_their_messages(
    officer: Browser, queue: list[str]
) -> None:
    # given filters no one can choose (a closed state, a hostile service code)
    address = "/work?state=CLOSED&service=%3Cscript%3Ealert(1)%3C/script%3E"
    # when the officer opens the queue with them, in Chinese and in English
    chinese = await officer.get(address + "&lang=zh")
    english = await officer.get(address + "&lang=en")
    # then both are refused with a message on each field, nothing is listed nor injected
    assert (
        chinese.status_code,
        field_errors(chinese.text),
        invalid_fields(chinese.text),
        english.status_code,
        field_errors(english.text),
        _listed(english),
        "<script>alert" in english.text,
    ) == (
        400,
        {"state": "请从列表中选择状态。", "service": "请从列表中选择事项。"},
        ["state", "service"],
        400,
        {"state": "Choose a state from the list.", "service": "Choose a service from the list."},
        [],
        False,
    )


async def test_a_forged_page_link_is_refused(officer: Browser, queue: list[str]) -> None:
    # given a page link whose cursor is not one, when the officer follows it
    page = await officer.get("/work?lang=en&after=..%2F..%2Fetc&trail=x.y")
    # then it is refused and the officer is sent back to the first page
    assert (page.status_code, rows(page.text), parse(page.text).one("div", "error").text) == (
        400,
        [],
        "Please correct the following: "
        "This page link is not valid: start again from the first page.",
    )


async def test_citizens_and_auditors_are_refused_and_visitors_sent_to_sign_in(
    platform: Any,
) -> None:
    # given a citizen, an auditor and a signed-out visitor, when each opens the queue
    answers = await opened_by(platform, (MOTHER, AUDITOR), "/work?lang=en")
    async with browser(platform) as visitor:
        signed_out = await visitor.client.get("/work")
    # then the accounts are refused and the visitor is sent to sign in first
    assert (answers, signed_out.status_code, signed_out.headers["location"]) == (
        [(403, "Not for this account"), (403, "Not for this account")],
        303,
        "/login?next=/work",
    )
