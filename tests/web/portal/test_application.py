"""An application's page: progress, checks, notices, delivery; paying, rating, asking, flagging."""

from __future__ import annotations

from typing import Any

import pytest
import pytest_asyncio

from tests.hall.flow import SHE, scenario
from tests.hall.service_flow import police_officer, residents
from tests.web.browser import Browser, hidden_fields
from tests.web.html import notice, parse, summary
from tests.web.portal.conftest import Portal
from tests.web.portal.html import facts, heading, rows, section_after, value_of
from web.citizen_operations import (
    CITIZEN_APPLICATION,
    CITIZEN_FEE_ORDER,
    CITIZEN_FLAGS,
    CITIZEN_QUESTIONS,
)

FAMILY = scenario("remarried_minor")
MOTHER, CHILD = FAMILY.roles["mother"], FAMILY.roles["child"]
CHILD_NAME = next(p.name for p in FAMILY.persons if p.id_number == CHILD)
PAYER = residents()[0]
STRANGER = scenario("adult_19_mixed").roles["child"]
AGENCIES = {
    "zh": {"police": "公安机关", "ethnic_affairs": "民族宗教事务部门", "civil_affairs": "民政部门"},
    "en": {
        "police": "Public security (police)",
        "ethnic_affairs": "Ethnic and religious affairs",
        "civil_affairs": "Civil affairs",
    },
}
RECORDS = {
    "zh": {"Person": "个人户籍信息", "EthnicGroup": "民族", "Marriage": "婚姻登记"},
    "en": {"Person": "Personal record", "EthnicGroup": "Ethnic group", "Marriage": "Marriage"},
}
SHOWN = {
    "zh": {
        "states": ["已提交", "已受理", "已核验", "已批准", "已执行", "已送达", "已归档"],
        "facts": ("夏建军", "已归档", "电子文书"),
        "passed": "通过",
        "delivery": ("电子文书", "已送达"),
        "suffix": "",
    },
    "en": {
        "states": [
            "Submitted",
            "Accepted",
            "Verified",
            "Approved",
            "Carried out",
            "Delivered",
            "Closed",
        ],
        "facts": (CHILD_NAME, "Closed", "Electronic document"),
        "passed": "Passed",
        "delivery": ("Electronic document", "Delivered"),
        "suffix": "?lang=en",
    },
}
REQUIRED = {"zh": "此项必填。", "en": "Required."}
CHOOSE = {"zh": "请从列出的选项中选择。", "en": "Choose one of the listed options."}
HIDDEN = {
    "zh": "请删除文本中的控制字符或不可见字符。",
    "en": "Remove the control or invisible characters from this text.",
}


def too_long(language: str, most: int) -> str:
    """The message of a text over `most` characters."""
    return (
        f"内容过长。最多字数： {most}"
        if language == "zh"
        else f"Too long. Characters allowed at most: {most}"
    )


async def closed_application(portal: Portal) -> str:
    """The mother's application for her son, verified, approved, carried out and closed."""
    number = await portal.hall.submitted_number(
        MOTHER,
        service="ETHNICITY_CHANGE_MINOR",
        subject=CHILD,
        details={"target_ethnic_group": SHE, "reason": "申请变更民族成份"},
    )
    await portal.hall.work()
    await portal.hall.decide(number, approve=True, reason="符合条件")
    await portal.hall.work()
    return number


@pytest_asyncio.fixture(scope="module")
async def closed(portal: Portal) -> str:
    """A closed application of the mother's, for reading and for refused forms."""
    return await closed_application(portal)


@pytest_asyncio.fixture(scope="module")
async def id_card(portal: Portal) -> str:
    """A citizen's verified ID-card reissue, its 20 yuan not paid yet."""
    number = await portal.hall.submitted_number(
        PAYER.id_number,
        service="ID_CARD_REISSUE",
        subject=PAYER.id_number,
        details={"reason": "LOST"},
        delivery="PICKUP",
    )
    await portal.hall.work()
    return number


async def _citizen_view(portal: Portal, login: str, number: str) -> dict[str, Any]:
    body = await portal.as_citizen(login, CITIZEN_APPLICATION, {"number": number})
    data: dict[str, Any] = body["data"]
    return data


async def _post_form(
    citizen: Browser, number: str, action: str, fields: dict[str, str], language: str
) -> Any:
    page = await citizen.get(f"/me/applications/{number}?lang={language}")
    csrf = hidden_fields(page.text)["csrf"]
    return await citizen.post(
        f"/me/applications/{number}/{action}?lang={language}", {"csrf": csrf, **fields}
    )


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_page_shows_progress_checks_notices_and_delivery(
    portal: Portal, closed: str, language: str
) -> None:
    # given the mother's closed application, as the gateway shows it to her
    mine = (await _citizen_view(portal, MOTHER, closed))["application"]
    shown = SHOWN[language]
    async with portal.signed_in(MOTHER) as mother:
        # when she opens it
        page = (await mother.get(f"/me/applications/{closed}{shown['suffix']}")).text
    about = list(facts(page).values())
    summary_field = "summaryZh" if language == "zh" else "summaryEn"
    # then it shows whom it is for and where it stands, each step, each check with its
    # agency and record, each notice, and the electronic document delivered
    assert (
        (about[0], about[1], about[5]),
        [li.one("strong").text for li in parse(page).one("ol", class_="timeline").all("li")],
        rows(page)[: len(mine["verification"]["checks"])],
        len(section_after(page, "通知" if language == "zh" else "Notices").all("li")),
        tuple(
            facts(
                section_after(page, "结果送达" if language == "zh" else "Receiving the result")
            ).values()
        )[:3],
    ) == (
        shown["facts"],
        shown["states"],
        [
            (
                check[summary_field],
                shown["passed"],
                AGENCIES[language][check["sourceAgency"]],
                f"{RECORDS[language][check['recordType']]} {check['recordReference']}",
            )
            for check in mine["verification"]["checks"]
        ],
        len(mine["notices"]),
        (*shown["delivery"], "DZ" + closed[2:]),
    )


BAD_RATINGS = [
    pytest.param(
        {"stars": "", "comment": "很好"},
        lambda lang: [("星级" if lang == "zh" else "Stars", REQUIRED[lang])],
        id="no-stars",
    ),
    pytest.param(
        {"stars": "6"},
        lambda lang: [("星级" if lang == "zh" else "Stars", CHOOSE[lang])],
        id="six-stars",
    ),
    pytest.param(
        {"stars": "<script>"},
        lambda lang: [("星级" if lang == "zh" else "Stars", CHOOSE[lang])],
        id="hostile-stars",
    ),
    pytest.param(
        {"stars": "5", "comment": "好" * 501},
        lambda lang: [("评价意见" if lang == "zh" else "Comment", too_long(lang, 500))],
        id="long-comment",
    ),
    pytest.param(
        {"stars": "5", "comment": "x" * 10_000},
        lambda lang: [("评价意见" if lang == "zh" else "Comment", too_long(lang, 500))],
        id="10-kB-comment",
    ),
    pytest.param(
        {"stars": "5", "comment": "好评\u202e评差"},
        lambda lang: [("评价意见" if lang == "zh" else "Comment", HIDDEN[lang])],
        id="hidden-characters",
    ),
]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(("fields", "problems"), BAD_RATINGS)
async def test_a_bad_rating_is_refused_in_the_page_language_and_keeps_the_comment(
    portal: Portal, closed: str, language: str, fields: dict[str, str], problems: Any
) -> None:
    # given the mother's closed application, not rated yet
    async with portal.signed_in(MOTHER) as mother:
        # when she rates it with no, unknown or hostile stars, or a bad comment
        answer = await _post_form(mother, closed, "rate", fields, language)
    # then the page comes back (400) naming the problem, her comment kept, nothing rated
    assert (
        answer.status_code,
        summary(answer.text),
        value_of(answer.text, "rate-comment"),
        (await _citizen_view(portal, MOTHER, closed))["rating"],
    ) == (
        400,
        [f"{label}: {message}" for label, message in problems(language)],
        fields.get("comment", ""),
        None,
    )


async def test_rating_a_closed_application_records_it_once(portal: Portal) -> None:
    # given a citizen's household certificate, issued and closed
    citizen = residents()[2]
    number = await portal.hall.submitted_number(
        citizen.id_number,
        service="HOUSEHOLD_CERTIFICATE",
        subject=citizen.id_number,
        details={"purpose": "入学"},
    )
    await portal.hall.work()
    await portal.hall.decide(
        number, approve=True, reason="同意", login=police_officer(citizen.region)
    )
    await portal.hall.work()
    async with portal.signed_in(citizen.id_number) as person:
        # when they give it four stars and a comment
        rated = await _post_form(
            person, number, "rate", {"stars": "4", "comment": " 办理很快 "}, "zh"
        )
    rating = (await _citizen_view(portal, citizen.id_number, number))["rating"]
    # then they are back on the page, thanked and shown their rating, which the hall recorded
    # (the form is gone)
    assert (
        rated.url.query.decode(),
        notice(rated.text),
        section_after(rated.text, "评价").one("p").text,
        parse(rated.text).all("textarea", id="rate-comment"),
        (rating["stars"], rating["comment"]),
    ) == ("done=rated", "感谢您的评价。", "您的评价： 4 / 5 — 办理很快", [], (4, "办理很快"))


async def test_the_halls_refusal_of_an_early_rating_is_shown_on_the_page(
    portal: Portal, id_card: str
) -> None:
    # given a citizen's open ID-card application (not rateable yet: no form is offered)
    async with portal.signed_in(PAYER.id_number) as citizen:
        # when a rating is posted for it all the same
        answer = await _post_form(citizen, id_card, "rate", {"stars": "5"}, "en")
    # then the hall's refusal is shown, with its own words beside, and nothing is rated
    assert (
        answer.status_code,
        summary(answer.text),
        (await _citizen_view(portal, PAYER.id_number, id_card))["rating"],
    ) == (
        400,
        [
            "The hall did not accept what was sent. "
            f"application {id_card} is VERIFIED; rate it once closed"
        ],
        None,
    )


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", lambda lang: REQUIRED[lang]),
        ("问" * 1001, lambda lang: too_long(lang, 1000)),
        ("请问\x07进度", lambda lang: HIDDEN[lang]),
    ],
    ids=["empty", "too-long", "control-character"],
)
async def test_a_bad_question_about_an_application_is_refused(
    portal: Portal, closed: str, language: str, text: str, problem: Any
) -> None:
    # given the mother's application and her questions so far
    before = await portal.as_citizen(MOTHER, CITIZEN_QUESTIONS, {"first": 100})
    async with portal.signed_in(MOTHER) as mother:
        # when she asks an empty, too long or hidden-character question
        answer = await _post_form(mother, closed, "ask", {"text": text}, language)
    label = "咨询内容" if language == "zh" else "Your question"
    # then it is refused with the reason, her text kept, and nothing was asked
    assert (
        answer.status_code,
        summary(answer.text),
        value_of(answer.text, "ask-text"),
        await portal.as_citizen(MOTHER, CITIZEN_QUESTIONS, {"first": 100}),
    ) == (400, [f"{label}: {problem(language)}"], text, before)


async def test_asking_about_an_application_sends_the_question_to_its_unit(
    portal: Portal, closed: str
) -> None:
    # given the mother's application
    async with portal.signed_in(MOTHER) as mother:
        # when she asks about it
        answer = await _post_form(mother, closed, "ask", {"text": "户口本什么时候更新？"}, "zh")
    asked = await portal.as_citizen(MOTHER, CITIZEN_QUESTIONS, {"first": 100})
    # then she is told it was sent, and the hall filed it for the accepting unit
    assert (
        answer.url.query.decode(),
        notice(answer.text),
        [
            (q["applicationNumber"], q["unitCode"], q["state"])
            for q in asked["data"]["serviceQuestions"]["items"]
            if q["text"] == "户口本什么时候更新？"
        ],
    ) == ("done=asked", "您的咨询已发送给办理您申请的单位。", [(closed, "MZ350400", "OPEN")])


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"kind": "URGENT"}, "问题: 请从列出的选项中选择。"),
        ({"kind": "<script>"}, "问题: 请从列出的选项中选择。"),
        ({"kind": "DELAY", "note": "慢" * 501}, "补充说明: 内容过长。最多字数： 500"),
    ],
    ids=["unknown-kind", "hostile-kind", "long-note"],
)
async def test_a_bad_flag_is_refused(
    portal: Portal, closed: str, fields: dict[str, str], shown: str
) -> None:
    # given the mother's application and her flags so far
    before = await portal.as_citizen(MOTHER, CITIZEN_FLAGS, {"first": 100})
    async with portal.signed_in(MOTHER) as mother:
        # when she flags it with an unknown kind, or a note too long
        answer = await _post_form(mother, closed, "flag", fields, "zh")
    # then it is refused, the note kept in the delay form, and nothing was flagged
    assert (
        answer.status_code,
        summary(answer.text),
        value_of(answer.text, "flag-DELAY-note"),
        await portal.as_citizen(MOTHER, CITIZEN_FLAGS, {"first": 100}),
    ) == (400, [shown], fields.get("note", ""), before)


async def test_a_flag_goes_to_the_city_bureau_and_shows_on_the_page(
    portal: Portal, closed: str
) -> None:
    # given the mother's application
    async with portal.signed_in(MOTHER) as mother:
        # when she flags it as too slow, with a note
        answer = await _post_form(
            mother, closed, "flag", {"kind": "DELAY", "note": "等了很久"}, "en"
        )
    flags = (await portal.as_citizen(MOTHER, CITIZEN_FLAGS, {"first": 100}))["data"]
    mine = [f for f in flags["supervisionFlags"]["items"] if f["applicationNumber"] == closed]
    # then she is told where it went, the hall raised it, and the page lists it
    listed = section_after(answer.text, "Report a problem").one("ul").all("li")
    assert (
        notice(answer.text),
        [(f["kind"], f["note"], f["unitCode"], f["state"]) for f in mine],
        [li.text.split(" · ")[0:2] for li in listed],
    ) == (
        "Your flag was sent to the agency's city bureau.",
        [("DELAY", "等了很久", "MZ350400", "OPEN")],
        [["It is taking too long", "Open"]],
    )


async def test_paying_the_fee_shows_the_receipt(portal: Portal, id_card: str) -> None:
    # given a citizen's ID-card application with its 20 yuan due
    async with portal.signed_in(PAYER.id_number) as citizen:
        due = await citizen.get(f"/me/applications/{id_card}")
        pay_button = section_after(due.text, "费用").one("button").text
        # when they pay it
        paid = await _post_form(citizen, id_card, "pay", {}, "zh")
    order = await portal.as_citizen(
        PAYER.id_number, CITIZEN_FEE_ORDER, {"applicationNumber": id_card}
    )
    receipt = facts(section_after(paid.text, "费用"), 1)
    # then the page offered the payment, says it was paid, and shows the receipt the hall issued
    assert (
        tuple(facts(section_after(due.text, "费用")).values()),
        pay_button,
        (
            paid.url.query.decode(),
            notice(paid.text),
            tuple(facts(section_after(paid.text, "费用")).values()),
        ),
        (receipt["票据号"], receipt["金额"], receipt["缴款人"]),
        order["data"]["feeOrder"]["state"],
    ) == (
        ("20.00 元", "未缴费"),
        "缴费 20.00 元",
        ("done=paid", "缴费成功，电子票据见下方。", ("20.00 元", "已缴费")),
        ("PJ" + id_card[2:], "20.00 元", PAYER.id_number),
        "PAID",
    )


async def test_another_citizen_can_neither_see_nor_pay_an_application(portal: Portal) -> None:
    # given a citizen's unpaid ID-card application
    owner = residents()[1].id_number
    number = await portal.hall.submitted_number(
        owner,
        service="ID_CARD_REISSUE",
        subject=owner,
        details={"reason": "STOLEN"},
        delivery="PICKUP",
    )
    async with portal.signed_in(STRANGER) as stranger:
        # when another citizen opens it and pays it
        page = await stranger.get(f"/me/applications/{number}")
        csrf = hidden_fields((await stranger.get("/me")).text)["csrf"]
        paid = await stranger.post(f"/me/applications/{number}/pay", {"csrf": csrf})
    order = await portal.as_citizen(owner, CITIZEN_FEE_ORDER, {"applicationNumber": number})
    # then both are the 404 page, and the fee is still due
    assert (
        page.status_code,
        heading(page.text),
        paid.status_code,
        order["data"]["feeOrder"]["state"],
    ) == (
        404,
        "页面不存在",
        404,
        "PENDING",
    )


async def test_the_start_page_and_the_list_show_the_citizens_applications(
    portal: Portal, id_card: str
) -> None:
    # given a citizen with an open ID-card application (and its officer's approval pending)
    await portal.hall.decide(
        id_card, approve=True, reason="同意", login=police_officer(PAYER.region)
    )
    view = (await _citizen_view(portal, PAYER.id_number, id_card))["application"]
    async with portal.signed_in(PAYER.id_number) as citizen:
        # when they open their start page and their list of applications
        start = (await citizen.get("/me")).text
        listing = (await citizen.get("/me/applications?lang=en")).text
    row = (id_card, "居民身份证补领", view["promisedOn"])
    # then both list it with its state and promised day, and its latest notice is on the
    # start page, marked new
    notices = parse(start).one("ul", class_="notices").all("li")
    assert (
        [(r[0], r[1], r[4]) for r in rows(start) if r[0] == id_card],
        [(r[0], r[1], r[3]) for r in rows(listing) if r[0] == id_card],
        (notices[0].one("strong").text, notices[0].one("a").text),
    ) == (
        [row],
        [(id_card, "ID-card reissue", view["state"].capitalize())],
        ("新", id_card),
    )


async def test_every_field_of_the_forms_has_its_label_and_ids_are_unique(
    portal: Portal, closed: str
) -> None:
    # given the mother signed in
    async with portal.signed_in(MOTHER) as mother:
        # when she opens the pages with forms
        pages = [
            (await mother.get(path)).text
            for path in (
                f"/me/applications/{closed}",
                "/services/ETHNICITY_CHANGE_MINOR/apply",
                "/services/HOUSEHOLD_CERTIFICATE/apply",
                "/me/questions",
            )
        ]
    # then every visible field has a label naming it, no id is used twice, and every form
    # that posts carries the CSRF token
    found = []
    for page in pages:
        tree = parse(page)
        ids = [node.attrs["id"] for node in tree.all() if "id" in node.attrs]
        labelled = {label.attrs.get("for") for label in tree.all("label")}
        fields = [
            node.attrs.get("id")
            for node in tree.all()
            if node.tag in ("input", "select", "textarea") and node.attrs.get("type") != "hidden"
        ]
        forms = [form for form in tree.all("form", method="post")]
        found.append(
            (
                [f for f in fields if f not in labelled],
                len(ids) - len(set(ids)),
                [f.attrs["action"] for f in forms if not f.all("input", name="csrf")],
                len(fields) > 0,
            )
        )
    assert found == [([], 0, [], True)] * len(pages)
