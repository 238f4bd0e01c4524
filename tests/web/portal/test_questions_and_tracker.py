"""Questions about services and their answers; who read my data, page by page."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.hall.flow import SHE, scenario
from tests.web.browser import hidden_fields
from tests.web.html import notice, parse, summary
from tests.web.portal.conftest import Portal
from tests.web.portal.html import heading, rows, value_of
from web.citizen_operations import CITIZEN_ASK_QUESTION, CITIZEN_DATA_TRACKER, CITIZEN_QUESTIONS

FAMILY = scenario("remarried_minor")
MOTHER, CHILD = FAMILY.roles["mother"], FAMILY.roles["child"]
STRANGER = scenario("adult_19_mixed").roles["child"]
OFFICER = "ethnic_affairs.sanming.officer"
ANSWER = """
mutation Answer($number: String!, $answer: String!) {
  answerQuestion(number: $number, answer: $answer) { question { number state } }
}
"""
LABELS = {
    "zh": {"service": "事项", "subject": "为谁办理", "text": "咨询内容"},
    "en": {"service": "Service", "subject": "For whom", "text": "Your question"},
}
MESSAGES = {
    "zh": {
        "required": "此项必填。",
        "choose": "请从列出的选项中选择。",
        "long": "内容过长。最多字数： 1000",
        "hidden": "请删除文本中的控制字符或不可见字符。",
    },
    "en": {
        "required": "Required.",
        "choose": "Choose one of the listed options.",
        "long": "Too long. Characters allowed at most: 1000",
        "hidden": "Remove the control or invisible characters from this text.",
    },
}
GOOD = {
    "service": "ETHNICITY_CHANGE_MINOR",
    "subject": CHILD,
    "text": "孩子满十六周岁前可以申请吗？",
}


async def _questions(portal: Portal) -> list[dict[str, Any]]:
    body = await portal.as_citizen(MOTHER, CITIZEN_QUESTIONS, {"first": 100})
    items: list[dict[str, Any]] = body["data"]["serviceQuestions"]["items"]
    return items


async def test_the_questions_page_shows_each_question_with_its_answer(portal: Portal) -> None:
    # given a question of the mother's about her son's ethnicity change, answered by the
    # city ethnic-affairs bureau
    asked = await portal.as_citizen(
        MOTHER,
        CITIZEN_ASK_QUESTION,
        {
            "serviceCode": "ETHNICITY_CHANGE_MINOR",
            "subjectIdNumber": CHILD,
            "text": "需要带孩子来吗？",
        },
    )
    number = asked["data"]["askQuestion"]["question"]["number"]
    await portal.hall.staff(
        OFFICER, ANSWER, {"number": number, "answer": "不需要，全程网办。"}, case=number
    )
    async with portal.signed_in(MOTHER) as mother:
        # when she opens her questions
        page = (await mother.get("/me/questions")).text
    item = next(
        li
        for li in parse(page).one("ul", class_="questions").all("li")
        if "需要带孩子来吗？" in li.text
    )
    paragraphs = [p.text for p in item.all("p")]
    # then the question shows its service, state and text, and the answer
    assert (
        paragraphs[0].split(" · ")[0],
        paragraphs[0].split(" · ")[-1],
        paragraphs[1],
        paragraphs[2].split(": ")[-1],
    ) == (
        "民族成份变更（未成年人）",
        "已答复",
        "需要带孩子来吗？",
        "不需要，全程网办。",
    )


BAD = [
    pytest.param(
        {"service": "", "subject": "", "text": ""},
        {"service": "required", "subject": "required", "text": "required"},
        id="empty",
    ),
    pytest.param(
        {"service": "NO_SUCH_SERVICE", "subject": STRANGER},
        {"service": "choose", "subject": "choose"},
        id="unknown-choices",
    ),
    pytest.param(
        {"service": "<script>alert(1)</script>"}, {"service": "choose"}, id="hostile-service"
    ),
    pytest.param({"text": "问" * 1001}, {"text": "long"}, id="too-long"),
    pytest.param({"text": "x" * 10_000}, {"text": "long"}, id="10-kB"),
    pytest.param(
        {"text": "<script>alert(1)</script>\u200f"}, {"text": "hidden"}, id="hostile-text"
    ),
]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(("changes", "problems"), BAD)
async def test_a_bad_question_is_refused_with_every_problem_and_keeps_the_text(
    portal: Portal, language: str, changes: dict[str, str], problems: dict[str, str]
) -> None:
    # given the mother's questions so far
    before = await _questions(portal)
    fields = {**GOOD, **changes}
    async with portal.signed_in(MOTHER) as mother:
        page = await mother.get(f"/me/questions?lang={language}")
        # when she asks with empty, unknown, too long or hostile values
        answer = await mother.post(
            f"/me/questions?lang={language}", {"csrf": hidden_fields(page.text)["csrf"], **fields}
        )
    labels, messages = LABELS[language], MESSAGES[language]
    # then the form comes back (400) naming each problem in her language, her text kept
    # (escaped), and nothing was asked
    assert (
        answer.status_code,
        summary(answer.text),
        value_of(answer.text, "q-text"),
        "<script>" in answer.text,
        await _questions(portal),
    ) == (
        400,
        [f"{labels[name]}: {messages[problem]}" for name, problem in problems.items()],
        fields["text"],
        False,
        before,
    )


async def test_asking_about_a_service_for_a_minor_files_the_question(portal: Portal) -> None:
    # given the mother on her questions page
    async with portal.signed_in(MOTHER) as mother:
        page = await mother.get("/me/questions?lang=en")
        # when she asks about the ID-card reissue for her son
        fields = {"service": "ID_CARD_REISSUE", "subject": CHILD, "text": "未满十六周岁怎么补领？"}
        answer = await mother.post(
            "/me/questions", {"csrf": hidden_fields(page.text)["csrf"], **fields}
        )
    filed = [q for q in await _questions(portal) if q["text"] == fields["text"]]
    # then she is told who answers it, the hall filed it, and it is listed
    assert (
        answer.url.path + "?" + answer.url.query.decode(),
        notice(answer.text),
        [(q["serviceCode"], q["state"]) for q in filed],
        fields["text"] in [p.text for p in parse(answer.text).all("p", class_="question-text")],
    ) == (
        "/me/questions?done=asked",
        "Your question was sent. The unit that would accept the service answers it.",
        [("ID_CARD_REISSUE", "OPEN")],
        True,
    )


SHOWN = {
    "zh": {
        "ethnic_affairs": "民族宗教事务部门",
        "gateway": "平台网关",
        "CITIZEN": "群众",
        "Application": "申请",
        "Person": "个人户籍信息",
        "AccessEntry": "访问日志",
        "ServiceQuestion": "咨询",
        "QuestionAnswer": "咨询答复",
        "ALLOW": "已允许",
        "unit": "单位",
        "none": "未声明",
    },
    "en": {
        "ethnic_affairs": "Ethnic and religious affairs",
        "gateway": "Platform gateway",
        "CITIZEN": "Citizen",
        "Application": "Application",
        "Person": "Personal record",
        "AccessEntry": "Access log",
        "ServiceQuestion": "Question",
        "QuestionAnswer": "Answer to a question",
        "ALLOW": "Allowed",
        "unit": "Unit",
        "none": "None declared",
    },
}


def _row(entry: dict[str, Any], language: str) -> tuple[str, ...]:
    """How the tracker shows an entry of the log, in Beijing time."""
    shown = SHOWN[language]
    when = datetime.fromisoformat(entry["recordedAt"]).astimezone(ZoneInfo("Asia/Shanghai"))
    unit = f" {shown['unit']} {entry['unit']}" if entry["unit"] else ""
    who = shown[entry["agency"]] + unit if entry["agency"] else shown[entry["actorKind"]]
    purpose = entry["purpose"][language] if entry["purpose"] else shown["none"]
    return (
        when.strftime("%Y-%m-%d %H:%M"),
        who,
        f"{shown[entry['typeName']]} {', '.join(entry['fields'])}",
        purpose,
        shown[entry["decision"]],
    )


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_tracker_shows_who_read_the_data_twenty_a_page(
    portal: Portal, language: str
) -> None:
    # given the mother's application for her son, read by the city officer many times
    number = await portal.hall.submitted_number(
        MOTHER,
        service="ETHNICITY_CHANGE_MINOR",
        subject=CHILD,
        details={"target_ethnic_group": SHE, "reason": "申请变更民族成份"},
    )
    for _ in range(21):
        await portal.hall.read(number)
    async with portal.signed_in(MOTHER) as mother:
        # when she opens who read her data, and the next page
        first = (await mother.get(f"/me/tracker?lang={language}")).text
        older = parse(first).one("a", rel="next").attrs["href"]
        second = (await mother.get(older)).text
    log = await portal.as_citizen(MOTHER, CITIZEN_DATA_TRACKER, {"first": 40})
    entries = log["data"]["myDataTracker"]["items"]
    # then each page shows twenty entries of the log as it stands (her own reads, of the log
    # too, left out), newest first, each with when, who, what was read, the declared purpose
    # and the decision; the officer's reads name the purpose they declared
    officer = [_row(e, language) for e in entries if e["agency"] == "ethnic_affairs"]
    assert (
        {entry["actorKind"] for entry in entries} - {"STAFF", "SYSTEM"},
        rows(first),
        rows(second),
        {row[3] for row in officer},
        parse(second).one("nav", class_="pager").one("a", href="/me/tracker").text,
    ) == (
        set(),
        [_row(entry, language) for entry in entries[:20]],
        [_row(entry, language) for entry in entries[20:40]],
        {"政务服务办理" if language == "zh" else "Handling a service application"},
        "最新记录" if language == "zh" else "Newest entries",
    )


async def test_a_forged_tracker_cursor_is_ignored_or_reported(portal: Portal) -> None:
    # given the mother signed in
    async with portal.signed_in(MOTHER) as mother:
        # when she opens the tracker with a hostile cursor, and one the log does not know
        hostile = await mother.get("/me/tracker?after=%3Cscript%3E")
        unknown = await mother.get("/me/tracker?after=bm90LWEtY3Vyc29y")
    # then the hostile one shows the newest entries, the unknown one says the log could not
    # be read with a link back to the newest
    assert (
        (hostile.status_code, heading(hostile.text), len(rows(hostile.text)) > 0),
        (unknown.status_code, notice(unknown.text)),
    ) == (
        (200, "谁查看了我的数据", True),
        (200, "暂时无法读取访问记录，请稍后再试。 最新记录"),
    )
