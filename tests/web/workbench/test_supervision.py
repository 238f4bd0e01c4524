"""Supervision: the workload of the units, their overdue applications, and urging them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.web.browser import ORIGIN, Browser, browser, hidden_fields
from tests.web.html import heading, parse, summary
from tests.web.workbench.flow import (
    OFFICER,
    TOO_LONG_OR_MARKUP,
    gateway,
    make_overdue,
    submit_change,
    work,
)
from tests.web.workbench.html import field_errors, field_value, invalid_fields, notices, rows

URGINGS = """
query Urgings($n: String!) {
  application(number: $n) { urgings { byUnit toUnit message automatic } }
}
"""


@pytest_asyncio.fixture(scope="module")
async def late(platform: Any) -> str:
    """A verified application of the city ethnic-affairs bureau past its promised day, and
    another one still on time."""
    number = await submit_change(platform)
    await submit_change(platform)
    await work(platform)
    await make_overdue(platform, number)
    return number


async def _urge(person: Browser, number: str, message: str, lang: str) -> httpx.Response:
    """Post the urge form of the supervision page in a language."""
    page = await person.get(f"/work/supervision?lang={lang}")
    return await person.post(
        f"/work/supervision/urge?lang={lang}",
        {"csrf": hidden_fields(page.text)["csrf"], "number": number, "message": message},
    )


async def _urgings(platform: Any, number: str) -> list[dict[str, Any]]:
    """The urgings of an application as the hall holds them."""
    body = await gateway(platform, OFFICER, URGINGS, {"n": number}, case=number)
    urgings: list[dict[str, Any]] = body["data"]["application"]["urgings"]
    return urgings


def _overdue(html: str) -> list[str]:
    """The numbers of the overdue applications listed."""
    return [item.one("h3").one("a").text for item in parse(html).all("section", "overdue-item")]


async def test_the_supervisor_sees_the_workload_and_the_overdue_application(
    supervisor: Browser, late: str
) -> None:
    # given an overdue application at the city bureau, when its supervisor opens supervision
    pages = [await supervisor.get(f"/work/supervision?lang={lang}") for lang in ("zh", "en")]
    # then the bureau's two open applications (one overdue) are counted, and the overdue one
    # is listed with its urge form, in Chinese and in English
    assert [
        (
            heading(page.text),
            rows(page.text),
            _overdue(page.text),
            [
                form.one("input", name="number").attrs["value"]
                for form in parse(page.text).all("form", action="/work/supervision/urge")
            ],
        )
        for page in pages
    ] == [
        ("督办", [["MZ350400", "民族宗教事务部门", "2", "1"]], [late], [late]),
        ("Supervision", [["MZ350400", "Ethnic and religious affairs", "2", "1"]], [late], [late]),
    ]


async def test_urging_records_it_for_the_unit(
    platform: Any, supervisor: Browser, late: str
) -> None:
    # given the overdue application, when the supervisor urges its unit
    page = await supervisor.get("/work/supervision?lang=zh")
    answer = await supervisor.client.post(
        "/work/supervision/urge",
        data={"csrf": hidden_fields(page.text)["csrf"], "number": late, "message": "请今日办结"},
        headers={"origin": ORIGIN},
    )
    shown = await supervisor.get(answer.headers["location"] + "&lang=zh")
    # then the page confirms it and lists the urging, and the hall holds it for the unit
    item = parse(shown.text).one("section", "overdue-item")
    assert (
        answer.status_code,
        answer.headers["location"],
        notices(shown.text)[:1],
        item.one("ul", "urgings").text.split(" · ")[1],
        await _urgings(platform, late),
    ) == (
        303,
        f"/work/supervision?urged={late}",
        [f"督办已记录，并已通知承办单位： {late}"],
        "督办单位 MZ350400: 请今日办结",
        [{"byUnit": "MZ350400", "toUnit": "MZ350400", "message": "请今日办结", "automatic": False}],
    )


BAD_URGINGS = [("   ", "此项必填。", "Required."), *TOO_LONG_OR_MARKUP]


@pytest.mark.parametrize(("message", "zh", "en"), BAD_URGINGS)
async def test_a_bad_urging_is_refused_with_its_message_and_keeps_what_was_typed(
    platform: Any, supervisor: Browser, late: str, message: str, zh: str, en: str
) -> None:
    # given the overdue application, when the supervisor posts a bad urging in each language
    before = await _urgings(platform, late)
    pages = [await _urge(supervisor, late, message, lang) for lang in ("zh", "en")]
    # then each is refused with its message on the field, what was typed kept (the blanks
    # trimmed), and
    # nothing is recorded
    field = f"message-{late}"
    assert [
        (
            page.status_code,
            summary(page.text),
            field_errors(page.text),
            invalid_fields(page.text),
            field_value(page.text, "message"),
        )
        for page in pages
    ] + [await _urgings(platform, late) == before] == [
        (400, [f"{late}: {zh}"], {field: zh}, [field], message.strip()),
        (400, [f"{late}: {en}"], {field: en}, [field], message.strip()),
        True,
    ]


async def test_an_urging_of_an_unknown_application_is_refused(supervisor: Browser) -> None:
    # given the supervisor, when an urging names no application number
    page = await _urge(supervisor, "<script>", "请办理", "en")
    # then it is refused with a message
    assert (page.status_code, parse(page.text).one("div", "error").text) == (
        400,
        "Choose an application from the list.",
    )


async def test_an_urging_without_the_forms_token_is_refused(
    platform: Any, supervisor: Browser, late: str
) -> None:
    # given the overdue application, when an urging is posted without a token or a forged one
    fields = {"number": late, "message": "伪造"}
    missing = await supervisor.post("/work/supervision/urge?lang=en", fields)
    forged = await supervisor.post("/work/supervision/urge?lang=en", {**fields, "csrf": "x"})
    # then both are refused and nothing is recorded
    assert [(page.status_code, heading(page.text)) for page in (missing, forged)] + [
        [u["message"] for u in await _urgings(platform, late)].count("伪造")
    ] == [(403, "Form refused"), (403, "Form refused"), 0]


async def test_officers_are_refused_and_visitors_sent_to_sign_in(
    platform: Any, officer: Browser
) -> None:
    # given the unit's officer and a signed-out visitor
    page = await officer.get("/work/supervision?lang=en")
    posted = await officer.post("/work/supervision/urge?lang=en", {"number": "x", "message": "y"})
    async with browser(platform) as visitor:
        signed_out = await visitor.client.get("/work/supervision")
    # when they open supervision or post an urging, then the officer is refused both, and the
    # visitor is sent to sign in
    assert (
        (page.status_code, heading(page.text)),
        (posted.status_code, heading(posted.text)),
        (signed_out.status_code, signed_out.headers["location"]),
    ) == (
        (403, "Not for this account"),
        (403, "Not for this account"),
        (303, "/login?next=/work/supervision"),
    )
