"""Person lookup: the purpose and case come first, the ID number is checked, refusals shown."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
import pytest_asyncio

from tests.web.browser import Browser, browser, hidden_fields
from tests.web.html import Node, heading, parse, summary
from tests.web.workbench.flow import AUDITOR, MOTHER, gateway, opened_by
from tests.web.workbench.html import field_errors, field_value, invalid_fields, notices
from web.workbench.lookup import PURPOSES

POLICE_SUPERVISOR = "police.sanming.supervisor"
EXPIRED = "This lookup has expired or belongs to another account. Please look the person up again."
COUNTY_OFFICER = "police.ninghua.officer"
COUNTY_CASE = "NH-2026-0001"  # an open case of the Ninghua county bureau
CLOSED_CASE = "NH-2025-0099"
ACCESS_LOG = """
query Log($actor: String!, $subject: String!) {
  accessLog(actor: $actor, subject: $subject, first: 100) {
    items { typeName purpose { code } case decision }
  }
}
"""
CARDS = """
query Cards($id: String!) {
  person(idNumber: $id) { name household { address } idCards { serial } }
}
"""


@pytest_asyncio.fixture(scope="module")
async def police(platform: Any) -> Any:
    """The city police supervisor and a county police officer, signed in."""
    async with browser(platform) as city, browser(platform) as county:
        await city.sign_in(POLICE_SUPERVISOR)
        await county.sign_in(COUNTY_OFFICER)
        yield city, county


async def _look_up(person: Browser, lang: str, **fields: str) -> Any:
    """Post the lookup form in a language, following to the result page."""
    page = await person.get(f"/work/people?lang={lang}")
    return await person.post(
        f"/work/people?lang={lang}", {"csrf": hidden_fields(page.text)["csrf"], **fields}
    )


def _section(html: str, title: str) -> Node:
    """The section of the record whose heading starts with `title`."""
    return next(
        section
        for section in parse(html).all("section", "record")
        if section.one("h3").text.startswith(title)
    )


def _facts_of(html: str, title: str) -> dict[str, str]:
    """The facts of one section of the record."""
    section = _section(html, title)
    terms, values = section.all("dt"), section.all("dd")
    return {term.text: value.text for term, value in zip(terms, values, strict=True)}


async def test_the_form_asks_for_the_purpose_and_case_first_and_says_it_is_logged(
    officer: Browser,
) -> None:
    # given an officer, when they open the lookup in Chinese and in English
    pages = [await officer.get(f"/work/people?lang={lang}") for lang in ("zh", "en")]
    # then the purpose, the case and the ID number are asked in that order, the purposes are
    # those of the catalogue staff may declare, and the page says the lookup is logged
    form = parse(pages[1].text).one("form", action="/work/people")
    assert (
        [heading(page.text) for page in pages],
        [field.attrs["name"] for field in form.all() if field.tag in ("select", "input")][1:],
        [option.text for option in form.one("select").all("option")],
        notices(pages[0].text),
        notices(pages[1].text),
    ) == (
        ["人员查询", "Person lookup"],
        ["purpose", "case", "id_number"],
        [
            "Choose a purpose",
            "Case investigation (case required)",
            "Handling a service application (case required)",
            "Household registration administration",
        ],
        [
            "每次查询都会连同您的账号、声明的用途和案件记入访问日志，当事人可以查看谁因何查看了"
            "其数据。请先声明用途和案件。"
        ],
        [
            "Every lookup is recorded in the access log with your account, the purpose and the "
            "case you declare; the person concerned can see who read their data and why. Declare "
            "the purpose and the case first."
        ],
    )


async def test_a_lookup_shows_the_record_and_marks_what_the_policy_refuses(
    platform: Any, police: Any
) -> None:
    # given the city police supervisor, when they look the mother up for household
    # administration, without a case
    city, _ = police
    page = await _look_up(city, "zh", purpose="HOUSEHOLD_ADMINISTRATION", case="", id_number=MOTHER)
    # then the address of the result hides the ID number, the police record shows as the
    # gateway gives it, the sensitive ID cards (no case) and the tax record are "not
    # permitted", and the access log holds the lookup with its purpose
    log = await gateway(
        platform,
        AUDITOR,
        ACCESS_LOG,
        {"actor": POLICE_SUPERVISOR, "subject": MOTHER},
        purpose="AUDIT",
    )
    # (the gateway's record, read after the log was, for the comparison)
    record = (
        await gateway(
            platform, POLICE_SUPERVISOR, CARDS, {"id": MOTHER}, purpose="HOUSEHOLD_ADMINISTRATION"
        )
    )["data"]["person"]
    identity = _facts_of(page.text, "身份信息")
    assert (
        page.status_code,
        page.url.path,
        MOTHER in str(page.url),
        (identity["姓名"], _facts_of(page.text, "户籍")["户籍地址"]),
        _section(page.text, "居民身份证").text.split("来源：")[1],
        _facts_of(page.text, "纳税登记")["纳税人识别号"],
        {
            (e["typeName"], e["purpose"]["code"], e["case"])
            for e in log["data"]["accessLog"]["items"]
        }
        >= {("Person", "HOUSEHOLD_ADMINISTRATION", None)},
    ) == (
        200,
        "/work/people",
        False,
        (record["name"], record["household"]["address"]),
        " 公安机关 无权查看",
        "无权查看",
        True,
    )


async def test_a_case_investigation_with_the_units_case_reads_the_sensitive_record(
    platform: Any, police: Any
) -> None:
    # given the county police officer, when they look the mother up for their open case
    _, county = police
    page = await _look_up(
        county,
        "en",
        purpose="CASE_INVESTIGATION",
        case=COUNTY_CASE.lower(),
        id_number=MOTHER.lower(),
    )
    # then the ID cards are shown as the gateway gives them for that case
    body = await gateway(
        platform,
        COUNTY_OFFICER,
        CARDS,
        {"id": MOTHER},
        purpose="CASE_INVESTIGATION",
        case=COUNTY_CASE,
    )
    cards = _section(page.text, "Identity cards")
    serials = [row.all("td")[0].text for row in cards.one("tbody").all("tr")]
    assert (page.status_code, parse(page.text).one("p", "declared").text, serials) == (
        200,
        f"Declared purpose: Case investigation · Case: {COUNTY_CASE} · ID number: {MOTHER}",
        [card["serial"] for card in body["data"]["person"]["idCards"]],
    )


async def test_a_case_not_assigned_to_the_unit_is_refused_on_the_case_field(police: Any) -> None:
    # given the county police officer, when they declare a closed case
    _, county = police
    page = await _look_up(
        county, "en", purpose="CASE_INVESTIGATION", case=CLOSED_CASE, id_number=MOTHER
    )
    # then the lookup is refused with the reason on the case field, the declaration kept
    assert (
        page.status_code,
        field_errors(page.text),
        field_value(page.text, "case"),
        parse(page.text).all("section", "record"),
    ) == (
        403,
        {
            "case": "The case is unknown, closed, or not assigned to your unit: declare one of "
            "your unit's open cases."
        },
        CLOSED_CASE,
        [],
    )


WRONG_CHECK = MOTHER[:17] + ("1" if MOTHER[17] != "1" else "2")
BAD_LOOKUPS = [
    (
        {"purpose": "", "case": "", "id_number": ""},
        {
            "purpose": ("请选择本次查询的用途。", "Choose the purpose of this lookup."),
            "id_number": ("此项必填。", "Required."),
        },
    ),
    (
        {"purpose": "SPYING", "case": "", "id_number": MOTHER},
        {"purpose": ("请从列表中选择用途。", "Choose a purpose from the list.")},
    ),
    (
        {"purpose": "CASE_INVESTIGATION", "case": "", "id_number": MOTHER},
        {
            "case": (
                "此用途须声明案件，请填写案件编号。",
                "This purpose needs a case: give its number.",
            )
        },
    ),
    (
        {
            "purpose": "SERVICE_APPLICATION",
            "case": "<script>alert(1)</script>",
            "id_number": MOTHER,
        },
        {
            "case": (
                "案件须为办事大厅的申请、咨询或督办编号（SQ…、ZX…、JD…），"
                "或公安案件编号（如 NH-2026-5101）。",
                "A case is a hall application, question or flag number (SQ…, ZX…, JD…) "
                "or a police case number such as NH-2026-5101.",
            )
        },
    ),
    (
        {"purpose": "HOUSEHOLD_ADMINISTRATION", "case": "", "id_number": WRONG_CHECK},
        {
            "id_number": (
                "校验码不符：请检查身份证号码是否输入有误。",
                "The check digit does not match: please check the ID number for a typing error.",
            )
        },
    ),
    (
        {"purpose": "HOUSEHOLD_ADMINISTRATION", "case": "", "id_number": "35042419880231000X"},
        {
            "id_number": (
                "此身份证号码中的出生日期不存在。",
                "The birth date in this ID number does not exist.",
            )
        },
    ),
    (
        {"purpose": "HOUSEHOLD_ADMINISTRATION", "case": "", "id_number": "3504241988051200Y1"},
        {
            "id_number": (
                "身份证号码由17位数字和1位数字或X组成。",
                "An ID number is 17 digits followed by a digit or X.",
            )
        },
    ),
    (
        {
            "purpose": "HOUSEHOLD_ADMINISTRATION",
            "case": "",
            "id_number": "<script>alert(1)</script>",
        },
        {"id_number": ("身份证号码应为18位。", "An ID number has 18 characters.")},
    ),
    (
        {"purpose": "HOUSEHOLD_ADMINISTRATION", "case": "", "id_number": "9" * 10_000},
        {"id_number": ("身份证号码应为18位。", "An ID number has 18 characters.")},
    ),
]


@pytest.mark.parametrize(("fields", "messages"), BAD_LOOKUPS)
async def test_a_bad_lookup_is_refused_with_its_messages_and_keeps_what_was_typed(
    officer: Browser, fields: dict[str, str], messages: dict[str, tuple[str, str]]
) -> None:
    # given an officer, when they post a bad lookup in Chinese and in English
    pages = [await _look_up(officer, lang, **fields) for lang in ("zh", "en")]
    # then each is refused with the messages on their fields, what was typed kept (but a
    # purpose not on the list), and no result
    kept = [
        value if name != "purpose" or value in PURPOSES else "" for name, value in fields.items()
    ]
    assert [
        (
            page.status_code,
            field_errors(page.text),
            sorted(invalid_fields(page.text)),
            [field_value(page.text, name) for name in fields],
            parse(page.text).all("section", "record"),
        )
        for page in pages
    ] == [
        (
            400,
            {name: texts[index] for name, texts in messages.items()},
            sorted(messages),
            kept,
            [],
        )
        for index in (0, 1)
    ]
    assert summary(pages[1].text) == [en for _, en in messages.values()]


async def test_a_lookup_without_the_forms_token_is_refused(officer: Browser) -> None:
    # given an officer, when a lookup is posted without a token and with a forged one
    fields = {"purpose": "HOUSEHOLD_ADMINISTRATION", "case": "", "id_number": MOTHER}
    missing = await officer.post("/work/people?lang=en", fields)
    forged = await officer.post("/work/people?lang=en", {**fields, "csrf": "forged"})
    # then both are refused
    assert [(page.status_code, heading(page.text)) for page in (missing, forged)] == [
        (403, "Form refused"),
        (403, "Form refused"),
    ]


async def test_a_lookup_address_works_only_for_its_own_account(
    officer: Browser, police: Any
) -> None:
    # given the address of the city police supervisor's lookup
    city, _ = police
    page = await _look_up(city, "en", purpose="HOUSEHOLD_ADMINISTRATION", case="", id_number=MOTHER)
    address = str(page.url.copy_with(scheme=None, host=None).raw_path.decode())
    # when another officer opens it, and someone opens a forged one
    other = await officer.get(address)
    forged = await officer.get("/work/people?lang=en&lookup=" + quote("x" * 40))
    # then neither shows a record, each says the lookup has expired
    assert [
        (p.status_code, parse(p.text).all("section", "record"), notices(p.text)[1])
        for p in (other, forged)
    ] == [
        (
            200,
            [],
            EXPIRED,
        ),
        (
            200,
            [],
            EXPIRED,
        ),
    ]


async def test_citizens_and_auditors_are_refused_and_visitors_sent_to_sign_in(
    platform: Any,
) -> None:
    # given a citizen, an auditor and a signed-out visitor, when each opens the lookup
    seen = await opened_by(platform, (MOTHER, AUDITOR), "/work/people?lang=en")
    async with browser(platform) as visitor:
        signed_out = await visitor.client.post("/work/people", data={"id_number": MOTHER})
    # then the accounts are refused and the visitor is sent to sign in
    assert (seen, signed_out.status_code, signed_out.headers["location"]) == (
        [(403, "Not for this account"), (403, "Not for this account")],
        303,
        "/login?next=/work/people",
    )
