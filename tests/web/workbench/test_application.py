"""An application page: the people, the one-pass verification, and deciding on it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.hall.flow import scenario
from tests.web.browser import Browser, browser, hidden_fields
from tests.web.html import heading, parse, summary
from tests.web.workbench.flow import (
    CHILD,
    MOTHER,
    OFFICER,
    application_state,
    gateway,
    submit_change,
    work,
)
from tests.web.workbench.html import facts, field_errors, field_value, invalid_fields, notices, rows

AGENCIES = {
    "police": ("公安机关", "Public security (police)"),
    "ethnic_affairs": ("民族宗教事务部门", "Ethnic and religious affairs"),
    "civil_affairs": ("民政部门", "Civil affairs"),
}
PEOPLE = """
query People($a: String!, $b: String!) {
  a: person(idNumber: $a) { name }
  b: person(idNumber: $b) { name ethnicityCode }
}
"""
ADULT = scenario("adult_21_mixed").roles["child"]


@pytest_asyncio.fixture(scope="module")
async def numbers(platform: Any) -> dict[str, str]:
    """Verified applications: three for the remarried mother's son, one of a man of 21."""
    found = {name: await submit_change(platform) for name in ("approve", "conflict", "invalid")}
    found["ineligible"] = await submit_change(
        platform, citizen=ADULT, subject=ADULT, service="ETHNICITY_CHANGE_ADULT"
    )
    await work(platform)
    return found


def _page(number: str, lang: str) -> str:
    return f"/work/applications/{number}?lang={lang}"


async def _decide(person: Browser, number: str, lang: str, **fields: str) -> httpx.Response:
    """Open the application and post its decision form with `fields` over its hidden ones."""
    opened = await person.get(_page(number, lang))
    return await person.post(_page(number, lang), {**hidden_fields(opened.text), **fields})


async def _people(platform: Any) -> dict[str, Any]:
    body = await gateway(platform, OFFICER, PEOPLE, {"a": MOTHER, "b": CHILD})
    people: dict[str, Any] = body["data"]
    return people


async def test_the_page_shows_the_people_and_every_check_with_its_source_in_chinese(
    platform: Any, officer: Browser, numbers: dict[str, str]
) -> None:
    # given a verified application, when its unit's officer opens it
    number = numbers["approve"]
    page = await officer.get(_page(number, "zh"))
    # then it names the mother and the son as the police have them, lists every check of the
    # verification with its result, need and source agency, and offers the decision
    checks = (await application_state(platform, number))["verification"]["checks"]
    people = await _people(platform)
    shown = facts(page.text)
    assert (
        page.status_code,
        heading(page.text),
        (shown["状态"], shown["申请人"], shown["当事人"]),
        [[*row[:3], row[4]] for row in rows(page.text, "各核验项")],
        [radio.attrs["value"] for radio in parse(page.text).all("input", type="radio")],
    ) == (
        200,
        f"申请 {number}",
        ("已核验", f"{people['a']['name']} ({MOTHER})", f"{people['b']['name']} ({CHILD})"),
        [[c["code"], "通过", "必要", AGENCIES[c["sourceAgency"]][0]] for c in checks],
        ["approve", "reject"],
    )


async def test_the_page_speaks_english_with_the_english_findings(
    platform: Any, officer: Browser, numbers: dict[str, str]
) -> None:
    # given a verified application, when the officer reads it in English
    number = numbers["approve"]
    page = await officer.get(_page(number, "en"))
    # then each check shows its English finding, source agency, record type and reference
    body = await gateway(
        platform,
        OFFICER,
        "query($n: String!) { application(number: $n) { verification { checks {"
        " summaryEn sourceAgency recordType recordReference } } } }",
        {"n": number},
    )
    checks = body["data"]["application"]["verification"]["checks"]
    assert (heading(page.text), facts(page.text)["State"], rows(page.text, "Each check")) == (
        f"Application {number}",
        "Verified",
        [
            [
                row[0],
                "Passed",
                "Required",
                c["summaryEn"],
                AGENCIES[c["sourceAgency"]][1],
                c["recordType"],
                c["recordReference"],
            ]
            for row, c in zip(rows(page.text, "Each check"), checks, strict=True)
        ],
    )


async def test_approving_records_the_decision_and_the_hall_carries_it_out(
    platform: Any, officer: Browser, numbers: dict[str, str]
) -> None:
    # given a verified application on the officer's page
    number = numbers["approve"]
    opened = await officer.get(_page(number, "zh"))
    # when the officer approves it with a reason, and the hall's worker runs
    answer = await officer.client.post(
        _page(number, "zh"),
        data={**hidden_fields(opened.text), "decision": "approve", "reason": "符合变更条件"},
        headers={"origin": "https://tongban.test"},
    )
    decided = await officer.get(answer.headers["location"])
    await work(platform)
    after = await officer.get(_page(number, "zh"))
    application = await application_state(platform, number)
    # then the form went on to the page with a notice, the hall approved, executed and
    # delivered it, the police now register the son as She, and nothing is left to decide
    assert (
        answer.status_code,
        answer.headers["location"],
        notices(decided.text)[:1],
        facts(decided.text)["状态"],
        [step["toState"] for step in application["steps"]][3:],
        application["decisionReason"],
        (await _people(platform))["b"]["ethnicityCode"],
        parse(after.text).all("input", type="radio"),
        facts(after.text)["状态"],
    ) == (
        303,
        f"/work/applications/{number}?decided=approve",
        ["已批准该申请。"],
        "已批准",
        ["APPROVED", "EXECUTED", "DELIVERED", "CLOSED"],
        "符合变更条件",
        "22",
        [],
        "已归档",
    )


async def test_a_decision_on_a_stale_version_is_a_conflict_showing_the_fresh_state(
    platform: Any, officer: Browser, numbers: dict[str, str]
) -> None:
    # given the officer's page of an application, and a colleague who rejects it meanwhile
    number = numbers["conflict"]
    opened = await officer.get(_page(number, "en"))
    async with browser(platform) as colleague:
        await colleague.sign_in(OFFICER)
        first = await _decide(colleague, number, "en", decision="reject", reason="材料不齐")
    # when the officer approves on the page they opened before
    late = await officer.post(
        _page(number, "en"),
        {**hidden_fields(opened.text), "decision": "approve", "reason": "I agree"},
    )
    # then the colleague's rejection stands, and the officer is told of the conflict, sees the
    # rejection and keeps the reason they wrote
    assert (
        facts(first.text)["State"],
        late.status_code,
        parse(late.text).one("div", "error").one("h2").text,
        facts(late.text)["State"],
        facts(late.text)["Reason of the decision"],
        parse(late.text).one("blockquote").text,
        (await application_state(platform, number))["state"],
    ) == (
        "Rejected",
        409,
        "Someone else decided or changed this application first",
        "Rejected",
        "材料不齐",
        "I agree",
        "REJECTED",
    )


async def test_a_rejection_without_a_reason_is_refused_in_chinese_and_in_english(
    platform: Any, officer: Browser, numbers: dict[str, str]
) -> None:
    # given a verified application, when the officer rejects it without a reason
    number = numbers["invalid"]
    refused = {
        lang: await _decide(officer, number, lang, decision="reject", reason="  ")
        for lang in ("zh", "en")
    }
    # then it is refused with the message in each language, the choice kept, nothing decided
    assert [
        (
            page.status_code,
            summary(page.text),
            field_errors(page.text),
            invalid_fields(page.text),
            field_value(page.text, "decision"),
        )
        for page in refused.values()
    ] + [(await application_state(platform, number))["state"]] == [
        (
            400,
            ["不予批准须填写书面理由。"],
            {"reason": "不予批准须填写书面理由。"},
            ["reason"],
            "reject",
        ),
        (
            400,
            ["A rejection needs a written reason."],
            {"reason": "A rejection needs a written reason."},
            ["reason"],
            "reject",
        ),
        "VERIFIED",
    ]


TOO_LONG = "x" * 10_000  # 10 kB, under the form limit of the kit
BAD_DECISIONS = [
    (
        {"decision": "maybe", "reason": "再议"},
        "decision",
        "请选择批准或不予批准。",
        "Choose whether to approve or reject the application.",
    ),
    (
        {"decision": "", "reason": "再议"},
        "decision",
        "请选择批准或不予批准。",
        "Choose whether to approve or reject the application.",
    ),
    (
        {"decision": "reject", "reason": TOO_LONG},
        "reason",
        "内容过长：最多2000字。",
        "This text is too long: at most 2,000 characters.",
    ),
    (
        {"decision": "reject", "reason": "<script>alert(1)</script>"},
        "reason",
        "请填写纯文本，不要使用 < 和 > 字符。",
        "Please write plain text, without the characters < and >.",
    ),
    (
        {"decision": "reject", "reason": "理由\x07隐藏"},
        "reason",
        "内容含有控制字符或不可见字符，请重新输入。",
        "This text holds control or invisible characters: please retype it.",
    ),
]


@pytest.mark.parametrize(("fields", "field", "zh", "en"), BAD_DECISIONS)
async def test_a_bad_decision_is_refused_with_its_message_and_keeps_what_was_typed(
    platform: Any,
    officer: Browser,
    numbers: dict[str, str],
    fields: dict[str, str],
    field: str,
    zh: str,
    en: str,
) -> None:
    # given a verified application, when the officer posts a bad decision in each language
    number = numbers["invalid"]
    pages = [await _decide(officer, number, lang, **fields) for lang in ("zh", "en")]
    # then each is refused with its message on the field, and the form keeps what was typed
    assert [
        (
            page.status_code,
            field_errors(page.text),
            invalid_fields(page.text),
            field_value(page.text, "reason"),
        )
        for page in pages
    ] + [(await application_state(platform, number))["state"]] == [
        (400, {field: zh}, [field], fields["reason"]),
        (400, {field: en}, [field], fields["reason"]),
        "VERIFIED",
    ]


async def test_a_form_with_a_nul_byte_is_refused_as_unreadable(
    officer: Browser, numbers: dict[str, str]
) -> None:
    # given a verified application, when a reason with a NUL byte is posted
    page = await _decide(officer, numbers["invalid"], "en", decision="reject", reason="a\x00b")
    # then the form is refused before anything is read from it
    assert (page.status_code, heading(page.text)) == (400, "Form refused")


async def test_an_application_that_failed_its_verification_cannot_be_approved(
    officer: Browser, numbers: dict[str, str]
) -> None:
    # given the application of a man of 21, which failed its age check
    number = numbers["ineligible"]
    page = await officer.get(_page(number, "en"))
    # when the officer posts an approval anyway
    refused = await _decide(officer, number, "en", decision="approve", reason="同意")
    # then the page offers rejection only, and the approval is refused with the reason why
    approve = parse(page.text).one("input", id="decision")
    assert (
        "disabled" in approve.attrs,
        [row[1] for row in rows(page.text, "Each check") if row[0] == "AGE"],
        refused.status_code,
        field_errors(refused.text),
    ) == (
        True,
        ["Failed"],
        400,
        {
            "decision": "This application did not pass its verification: it can only be "
            "rejected, with a written reason."
        },
    )


async def test_a_decision_without_the_forms_token_is_refused(
    platform: Any, officer: Browser, numbers: dict[str, str]
) -> None:
    # given a verified application, when a decision is posted without a token and with a
    # token of another session
    number = numbers["invalid"]
    opened = await officer.get(_page(number, "zh"))
    fields = {**hidden_fields(opened.text), "decision": "reject", "reason": "伪造"}
    missing = await officer.post(
        _page(number, "zh"), {k: v for k, v in fields.items() if k != "csrf"}
    )
    forged = await officer.post(_page(number, "zh"), {**fields, "csrf": "x" * 32})
    # then both are refused and the application still awaits its decision
    assert [(page.status_code, heading(page.text)) for page in (missing, forged)] + [
        (await application_state(platform, number))["state"]
    ] == [(403, "表单被拒绝"), (403, "表单被拒绝"), "VERIFIED"]


async def test_other_accounts_are_refused_and_unknown_numbers_not_found(
    platform: Any, numbers: dict[str, str]
) -> None:
    # given the application, a citizen, a county police officer and a signed-out visitor
    number = numbers["invalid"]
    seen = []
    for login in (MOTHER, "police.ninghua.officer"):
        async with browser(platform) as person:
            await person.sign_in(login)
            page = await person.get(_page(number, "en"))
            seen.append((page.status_code, heading(page.text)))
    async with browser(platform) as person:
        await person.sign_in(OFFICER)
        for path in ("/work/applications/SQ20991231FFFFFFFF", "/work/applications/%3Cscript%3E"):
            page = await person.get(path + "?lang=en")
            seen.append((page.status_code, heading(page.text)))
        signed_out = await httpx.AsyncClient(
            transport=httpx.ASGITransport(app=platform), base_url="https://tongban.test"
        ).get(_page(number, "en"))
    # then the citizen and the other agency's officer are refused, unknown numbers are not
    # found, and the visitor is sent to sign in
    assert (seen, signed_out.status_code, signed_out.headers["location"]) == (
        [
            (403, "Not for this account"),
            (403, "Not for this account"),
            (404, "Page not found"),
            (404, "Page not found"),
        ],
        303,
        f"/login?next=/work/applications/{number}",
    )
