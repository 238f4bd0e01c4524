"""Applying: the guided form, its checks in both languages, one application per form."""

from __future__ import annotations

from typing import Any

import pytest

from tests.hall.flow import SHE, scenario
from tests.hall.service_flow import residents
from tests.web.browser import Browser, hidden_fields
from tests.web.html import notice, parse, summary
from tests.web.portal.conftest import Portal
from tests.web.portal.html import checked, field_errors, heading, value_of
from web.citizen_operations import CITIZEN_APPLICATIONS, CITIZEN_SERVICE_GUIDE

FAMILY = scenario("remarried_minor")
MOTHER, CHILD = FAMILY.roles["mother"], FAMILY.roles["child"]
STRANGER = scenario("adult_19_mixed").roles["child"]
MINOR_FORM = "/services/ETHNICITY_CHANGE_MINOR/apply"
ID_CARD_FORM = "/services/ID_CARD_REISSUE/apply"
GOOD = {
    "subject": CHILD,
    "f-target_ethnic_group": SHE,
    "f-reason": "孩子随母亲生活，申请随母亲的畲族",
    "delivery": "ELECTRONIC",
}
LABELS = {
    "zh": {
        "subject": "为谁办理",
        "f-target_ethnic_group": "变更后的民族成份",
        "f-reason": "申请理由",
        "delivery": "结果送达方式",
        "f-reason_": "补领原因",
        "f-lost_on": "丢失日期",
    },
    "en": {
        "subject": "For whom",
        "f-target_ethnic_group": "Ethnic group after the change",
        "f-reason": "Reason for the application",
        "delivery": "How you receive the result",
        "f-reason_": "Reason",
        "f-lost_on": "Day it was lost",
    },
}
MESSAGES = {
    "zh": {
        "required": "此项必填。",
        "long": "内容过长。最多字数： 500",
        "choose": "请从列出的选项中选择。",
        "hidden": "请删除文本中的控制字符或不可见字符。",
        "date": "请按 YYYY-MM-DD 格式填写日期。",
    },
    "en": {
        "required": "Required.",
        "long": "Too long. Characters allowed at most: 500",
        "choose": "Choose one of the listed options.",
        "hidden": "Remove the control or invisible characters from this text.",
        "date": "Enter a date as YYYY-MM-DD.",
    },
}


async def _post(citizen: Browser, form: str, fields: dict[str, str], language: str = "zh") -> Any:
    page = await citizen.get(f"{form}?lang={language}")
    hidden = hidden_fields(page.text)
    return await citizen.post(f"{form}?lang={language}", {**hidden, **fields})


async def _mine(portal: Portal, citizen: str) -> list[str]:
    body = await portal.as_citizen(citizen, CITIZEN_APPLICATIONS, {"first": 100})
    return [item["number"] for item in body["data"]["applications"]["items"]]


async def test_the_form_offers_the_minor_the_fetched_materials_and_the_delivery_options(
    portal: Portal,
) -> None:
    # given the mother of a minor, and the service's guide as the gateway has it
    guide = await portal.as_citizen(
        MOTHER, CITIZEN_SERVICE_GUIDE, {"code": "ETHNICITY_CHANGE_MINOR"}
    )
    fetched = [m for m in guide["data"]["service"]["materials"] if m["obtained"] == "FETCHED"]
    async with portal.signed_in(MOTHER) as mother:
        # when she opens the form of the minor's ethnicity change
        page = (await mother.get(MINOR_FORM)).text
    tree = parse(page)
    # then she may apply for herself or her son (neither chosen), the panel lists each fetched
    # material with its agency, the field and the delivery options follow the guide
    assert (
        [label.text for label in tree.one("fieldset", id="subject-group").all("label")],
        checked(page, "subject"),
        [li.text for li in tree.one("section").all("li")],
        [label.text for label in tree.one("fieldset", id="delivery-group").all("label")],
        len(tree.one("select", id="f-target_ethnic_group").all("option")),
        len(hidden_fields(page)["key"]) >= 16,
    ) == (
        ["本人 (蓝子)", "夏建军 (您监护的未成年人)"],
        [],
        [f"{m['nameZh']} — 来自 {m['source']['agency']['nameZh']}" for m in fetched],
        ["电子证照/电子文书", "窗口领取"],
        57,
        True,
    )


BAD_MINOR = [
    pytest.param(
        dict.fromkeys(GOOD, ""),
        {
            "subject": "required",
            "f-target_ethnic_group": "required",
            "f-reason": "required",
            "delivery": "required",
        },
        id="empty",
    ),
    pytest.param({"f-reason": "理" * 501}, {"f-reason": "long"}, id="too-long"),
    pytest.param({"f-reason": "x" * 10_000}, {"f-reason": "long"}, id="10-kB"),
    pytest.param(
        {"subject": STRANGER, "f-target_ethnic_group": "99", "delivery": "COURIER"},
        {"subject": "choose", "f-target_ethnic_group": "choose", "delivery": "choose"},
        id="unknown-choices",
    ),
    pytest.param(
        {"f-reason": "<script>alert(1)</script>\u202e", "f-target_ethnic_group": "二十二"},
        {"f-target_ethnic_group": "choose", "f-reason": "hidden"},
        id="hostile",
    ),
]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(("changes", "problems"), BAD_MINOR)
async def test_a_bad_application_is_refused_with_every_problem_and_keeps_the_input(
    portal: Portal, language: str, changes: dict[str, str], problems: dict[str, str]
) -> None:
    # given the mother on the form, and her applications so far
    before = await _mine(portal, MOTHER)
    fields = {**GOOD, **changes}
    async with portal.signed_in(MOTHER) as mother:
        # when she sends it with empty, too long, unknown or hostile values
        answer = await _post(mother, MINOR_FORM, fields, language)
    labels, messages = LABELS[language], MESSAGES[language]
    # then the form comes back (400) listing every problem in her language, each field
    # marked and described, the text she typed kept, and nothing was submitted
    assert (
        answer.status_code,
        summary(answer.text),
        field_errors(answer.text),
        value_of(answer.text, "f-reason"),
        "<script>" in answer.text,
        await _mine(portal, MOTHER),
    ) == (
        400,
        [f"{labels[name]}: {messages[problem]}" for name, problem in problems.items()],
        {f"{name}-error": messages[problem] for name, problem in problems.items()},
        fields["f-reason"],
        False,
        before,
    )


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_an_id_card_form_checks_its_choice_and_its_date(
    portal: Portal, language: str
) -> None:
    # given an adult on the ID-card reissue form
    citizen = residents()[0].id_number
    async with portal.signed_in(citizen) as person:
        # when they choose a reason not offered and write an impossible day
        answer = await _post(
            person,
            ID_CARD_FORM,
            {
                "subject": citizen,
                "f-reason": "BURNED",
                "f-lost_on": "2026-02-30",
                "delivery": "COURIER",
            },
            language,
        )
    labels, messages = LABELS[language], MESSAGES[language]
    # then both are refused in their language, the day kept
    assert (answer.status_code, summary(answer.text), value_of(answer.text, "f-lost_on")) == (
        400,
        [
            f"{labels['f-reason_']}: {messages['choose']}",
            f"{labels['f-lost_on']}: {messages['date']}",
        ],
        "2026-02-30",
    )


async def test_a_nul_byte_is_refused_before_the_form_is_read(portal: Portal) -> None:
    # given the mother on the form
    before = await _mine(portal, MOTHER)
    async with portal.signed_in(MOTHER) as mother:
        # when a NUL byte is sent in the reason
        answer = await _post(mother, MINOR_FORM, {**GOOD, "f-reason": "申请\x00变更"})
    # then the whole form is refused, and nothing was submitted
    texts = [p.text for p in parse(answer.text).one("section").all("p")]
    assert (answer.status_code, heading(answer.text), texts[0], await _mine(portal, MOTHER)) == (
        400,
        "表单被拒绝",
        "表单内容无法读取。",
        before,
    )


async def test_applying_files_one_application_even_when_sent_twice(portal: Portal) -> None:
    # given the mother on the form of her son's ethnicity change
    before = await _mine(portal, MOTHER)
    async with portal.signed_in(MOTHER) as mother:
        page = await mother.get(MINOR_FORM)
        fields = {**hidden_fields(page.text), **GOOD}
        # when she submits it, then sends the same form again (a double click, a refresh)
        first = await mother.post(MINOR_FORM, fields)
        second = await mother.post(MINOR_FORM, fields)
    number = first.url.path.rsplit("/", 1)[-1]
    application = await portal.hall.read(number)
    # then she lands on her new application both times (the second says so), the city
    # bureau accepted it with her details, and only one application was filed
    assert (
        (first.url.path, first.url.query.decode(), notice(first.text)),
        (second.url.path, second.url.query.decode(), notice(second.text)),
        (application["state"], application["unitCode"], application["details"]),
        sorted(set(await _mine(portal, MOTHER)) - set(before)),
    ) == (
        (f"/me/applications/{number}", "done=submitted", "申请已提交，受理单位已收到。"),
        (f"/me/applications/{number}", "done=replayed", "此申请此前已提交，未重复提交。"),
        ("ACCEPTED", "MZ350400", {"target_ethnic_group": SHE, "reason": GOOD["f-reason"]}),
        [number],
    )


async def test_the_halls_refusal_comes_back_on_the_form_with_a_fresh_key(portal: Portal) -> None:
    # given a form the mother submitted once
    async with portal.signed_in(MOTHER) as mother:
        page = await mother.get(MINOR_FORM)
        fields = {**hidden_fields(page.text), **GOOD}
        await mother.post(MINOR_FORM, fields)
        before = await _mine(portal, MOTHER)
        # when she goes back, changes the reason and sends the same form (same key) again
        changed = {**fields, "f-reason": "另一个理由"}
        refused = await mother.post(MINOR_FORM, changed)
        # and then sends the form as it came back
        again = await mother.post(MINOR_FORM, {**changed, **hidden_fields(refused.text)})
    # then the hall's refusal is on the form, her text kept and a new key issued, and the
    # form as it came back files a second application
    assert (
        refused.status_code,
        summary(refused.text),
        value_of(refused.text, "f-reason"),
        hidden_fields(refused.text)["key"] != fields["key"],
        again.url.path.startswith("/me/applications/SQ"),
        len(set(await _mine(portal, MOTHER)) - set(before)),
    ) == (
        400,
        [
            "办事大厅未接受提交的内容。 this idempotencyKey was used for a different application; "
            "use a new key"
        ],
        "另一个理由",
        True,
        True,
        1,
    )
