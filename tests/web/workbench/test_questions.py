"""The unit's questions: citizens' open questions listed, answered once, bad answers refused."""

from __future__ import annotations

from typing import Any

import pytest
import pytest_asyncio

from tests.web.browser import ORIGIN, Browser, browser, hidden_fields
from tests.web.html import heading, parse, summary
from tests.web.workbench.flow import CHILD, MOTHER, OFFICER, TOO_LONG_OR_MARKUP, gateway
from tests.web.workbench.html import field_errors, field_value, invalid_fields, notices
from web.citizen_operations import CITIZEN_ASK_QUESTION

QUESTION = """
query Question($n: String!) { serviceQuestion(number: $n) { state answer unitCode } }
"""


async def _ask(platform: Any, text: str) -> str:
    """The mother's question about changing her son's ethnicity; its number."""
    body = await gateway(
        platform,
        MOTHER,
        CITIZEN_ASK_QUESTION,
        {"serviceCode": "ETHNICITY_CHANGE_MINOR", "subjectIdNumber": CHILD, "text": text},
        purpose=None,
    )
    number: str = body["data"]["askQuestion"]["question"]["number"]
    return number


@pytest_asyncio.fixture(scope="module")
async def asked(platform: Any) -> dict[str, str]:
    """Two open questions to the city ethnic-affairs bureau."""
    return {
        "answer": await _ask(platform, "孩子需要到场吗？"),
        "invalid": await _ask(platform, "需要多久？"),
    }


async def _question(platform: Any, number: str) -> dict[str, Any]:
    body = await gateway(platform, OFFICER, QUESTION, {"n": number})
    question: dict[str, Any] = body["data"]["serviceQuestion"]
    return question


def _listed(html: str) -> list[tuple[str, str]]:
    """Each open question's number and text."""
    return [
        (item.one("h2").text.split(" · ")[0], item.one("dd", "asked").text)
        for item in parse(html).all("section", "question")
    ]


async def test_the_officer_sees_the_units_open_questions(
    officer: Browser, asked: dict[str, str]
) -> None:
    # given two open questions to the unit, when the officer opens the questions in each language
    pages = [await officer.get(f"/work/questions?lang={lang}") for lang in ("zh", "en")]
    # then both are listed with their text, each with an answer form
    expected = [(asked["answer"], "孩子需要到场吗？"), (asked["invalid"], "需要多久？")]
    assert [
        (heading(p.text), sorted(_listed(p.text)), len(parse(p.text).all("textarea")))
        for p in pages
    ] == [
        ("咨询", sorted(expected), 2),
        ("Questions", sorted(expected), 2),
    ]


async def test_answering_sends_the_answer_once(
    platform: Any, officer: Browser, asked: dict[str, str]
) -> None:
    # given an open question, when the officer answers it
    number = asked["answer"]
    page = await officer.get("/work/questions?lang=zh")
    answer = await officer.client.post(
        "/work/questions/answer",
        data={"csrf": hidden_fields(page.text)["csrf"], "number": number, "answer": "不需要到场。"},
        headers={"origin": ORIGIN},
    )
    shown = await officer.get(answer.headers["location"] + "&lang=zh")
    # then the page confirms it, the question leaves the list, and the hall holds the answer
    assert (
        answer.status_code,
        notices(shown.text)[:1],
        [n for n, _ in _listed(shown.text)],
        await _question(platform, number),
    ) == (
        303,
        [f"答复已发送： {number}"],
        [asked["invalid"]],
        {"state": "ANSWERED", "answer": "不需要到场。", "unitCode": "MZ350400"},
    )


BAD_ANSWERS = [("", "此项必填。", "Required."), *TOO_LONG_OR_MARKUP]


@pytest.mark.parametrize(("text", "zh", "en"), BAD_ANSWERS)
async def test_a_bad_answer_is_refused_with_its_message_and_keeps_what_was_typed(
    platform: Any, officer: Browser, asked: dict[str, str], text: str, zh: str, en: str
) -> None:
    # given an open question, when the officer posts a bad answer in each language
    number = asked["invalid"]
    pages = []
    for lang in ("zh", "en"):
        page = await officer.get(f"/work/questions?lang={lang}")
        pages.append(
            await officer.post(
                f"/work/questions/answer?lang={lang}",
                {"csrf": hidden_fields(page.text)["csrf"], "number": number, "answer": text},
            )
        )
    # then each is refused with its message on the field, what was typed kept, nothing sent
    field = f"answer-{number}"
    assert [
        (
            page.status_code,
            summary(page.text),
            field_errors(page.text),
            invalid_fields(page.text),
            field_value(page.text, "answer") if field in field_errors(page.text) else None,
        )
        for page in pages
    ] + [(await _question(platform, number))["state"]] == [
        (400, [f"{number}: {zh}"], {field: zh}, [field], text),
        (400, [f"{number}: {en}"], {field: en}, [field], text),
        "OPEN",
    ]


async def test_answers_without_the_forms_token_and_from_citizens_are_refused(
    platform: Any, officer: Browser, asked: dict[str, str]
) -> None:
    # given an open question, when an answer is posted without a token, and when its asker
    # opens the questions page
    number = asked["invalid"]
    forged = await officer.post(
        "/work/questions/answer?lang=en", {"number": number, "answer": "伪造"}
    )
    async with browser(platform) as citizen:
        await citizen.sign_in(MOTHER)
        opened = await citizen.get("/work/questions?lang=en")
    # then both are refused and the question is still open
    assert (
        (forged.status_code, heading(forged.text)),
        (opened.status_code, heading(opened.text)),
        (await _question(platform, number))["state"],
    ) == ((403, "Form refused"), (403, "Not for this account"), "OPEN")
