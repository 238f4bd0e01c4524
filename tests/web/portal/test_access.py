"""Who may open the portal's pages, in which language, and what refuses a forged form."""

from __future__ import annotations

import pytest

from tests.hall.flow import scenario
from tests.web.browser import browser
from tests.web.html import parse
from tests.web.portal.conftest import Portal
from tests.web.portal.html import heading
from web.citizen_operations import CITIZEN_QUESTIONS

FAMILY = scenario("remarried_minor")
MOTHER = FAMILY.roles["mother"]
NAME = next(person.name for person in FAMILY.persons if person.id_number == MOTHER)
STRANGER = scenario("adult_19_mixed").roles["child"]
OFFICER = "ethnic_affairs.sanming.officer"
SUPERVISOR = "ethnic_affairs.sanming.supervisor"
AUDITOR = "audit.sanming.auditor"
CITIZEN_PAGES = (
    "/me",
    "/services/ID_CARD_REISSUE/apply",
    "/me/applications",
    "/me/questions",
    "/me/tracker",
)
PAGES = ("/me", "/services", "/services/ID_CARD_REISSUE", *CITIZEN_PAGES[1:])
ZH = (
    f"您好， {NAME}",
    "办事指南",
    "居民身份证补领",
    "申请办理: 居民身份证补领",
    "我的申请",
    "我的咨询",
    "谁查看了我的数据",
)
EN = (
    f"Hello, {NAME}",
    "Service guides",
    "ID-card reissue",
    "Apply: ID-card reissue",
    "My applications",
    "My questions",
    "Who read my data",
)


@pytest.mark.parametrize(
    ("suffix", "language", "headings"), [("", "zh-CN", ZH), ("?lang=en", "en", EN)]
)
async def test_every_page_opens_for_a_citizen_in_the_chosen_language(
    portal: Portal, suffix: str, language: str, headings: tuple[str, ...]
) -> None:
    # given a signed-in citizen (a fresh browser: no language cookie)
    async with portal.signed_in(MOTHER) as citizen:
        # when they open each page of the portal, without or with ?lang=en
        pages = [await citizen.get(path + suffix) for path in PAGES]
    # then each page answers in that language, with its heading
    assert [
        (p.status_code, parse(p.text).one("html").attrs["lang"], heading(p.text)) for p in pages
    ] == [(200, language, expected) for expected in headings]


@pytest.mark.parametrize("login", [OFFICER, SUPERVISOR, AUDITOR])
async def test_the_catalogue_is_open_to_every_kind_of_account_but_only_citizens_apply(
    portal: Portal, login: str
) -> None:
    # given an officer, a supervisor or an auditor, signed in
    async with portal.signed_in(login) as someone:
        # when they open the catalogue and a guide
        listing = await someone.get("/services?lang=en")
        guide = await someone.get("/services/ETHNICITY_CHANGE_MINOR?lang=en")
    # then both show, with every service listed, and the guide offers no way to apply
    names = [h2.text for h2 in parse(listing.text).all("h2")]
    applies = parse(guide.text).all("a", href="/services/ETHNICITY_CHANGE_MINOR/apply")
    assert (
        listing.status_code,
        len(names),
        names[0],
        guide.status_code,
        heading(guide.text),
        applies,
    ) == (
        200,
        9,
        "Ethnicity change (minor)",
        200,
        "Ethnicity change (minor)",
        [],
    )


@pytest.mark.parametrize("login", [OFFICER, AUDITOR])
async def test_the_citizen_pages_refuse_other_kinds_of_account(portal: Portal, login: str) -> None:
    # given an officer or an auditor, signed in
    async with portal.signed_in(login) as someone:
        # when they open each citizen page
        pages = [await someone.get(path) for path in CITIZEN_PAGES]
    # then each refuses them with a 403 page in Chinese
    assert [(p.status_code, heading(p.text)) for p in pages] == [(403, "无权访问")] * len(
        CITIZEN_PAGES
    )


async def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(portal: Portal) -> None:
    # given a visitor who has not signed in
    async with browser(portal.app) as visitor:
        # when they open each citizen page of the portal (the guides are open to all)
        answers = [await visitor.client.get(path) for path in CITIZEN_PAGES]
    # then each sends them to sign in, to come back to that page
    assert [(a.status_code, a.headers["location"]) for a in answers] == [
        (303, "/login?next=" + path) for path in CITIZEN_PAGES
    ]


@pytest.mark.parametrize(
    ("suffix", "title", "message"),
    [
        ("", "页面不存在", "此处没有内容：它可能不存在，或您无权查看。"),
        (
            "?lang=en",
            "Page not found",
            "There is nothing here. It may not exist, or it is not yours to see.",
        ),
    ],
)
async def test_an_unknown_service_or_application_and_another_citizens_one_are_not_found(
    portal: Portal, suffix: str, title: str, message: str
) -> None:
    # given the mother's application for her son, and another citizen signed in
    number = await portal.hall.submitted_number(
        MOTHER,
        service="ETHNICITY_CHANGE_MINOR",
        subject=FAMILY.roles["child"],
        details={"target_ethnic_group": "22", "reason": "申请变更民族成份"},
    )
    async with portal.signed_in(STRANGER) as stranger:
        # when they open an unknown service, its form, an unknown application, a malformed
        # number, and the mother's application
        paths = [
            "/services/NO_SUCH_SERVICE",
            "/services/NO_SUCH_SERVICE/apply",
            "/services/lower-case",
            "/me/applications/SQ20260101DEADBEEF",
            "/me/applications/%3Cscript%3E",
            f"/me/applications/{number}",
        ]
        pages = [await stranger.get(path + suffix) for path in paths]
    # then each is the same 404 page, which shows nothing of the application
    found = [
        (p.status_code, heading(p.text), parse(p.text).one("section").all("p")[0].text)
        for p in pages
    ]
    assert (found, number in parse(pages[-1].text).one("main").text) == (
        [(404, title, message)] * len(paths),
        False,
    )


@pytest.mark.parametrize("csrf", [None, "", "forged-token"])
async def test_a_form_without_its_csrf_token_is_refused_and_does_nothing(
    portal: Portal, csrf: str | None
) -> None:
    # given a signed-in citizen and their questions so far
    before = await portal.as_citizen(MOTHER, CITIZEN_QUESTIONS, {"first": 100})
    async with portal.signed_in(MOTHER) as citizen:
        fields = {"service": "ID_CARD_REISSUE", "subject": MOTHER, "text": "补领需要多久？"}
        if csrf is not None:
            fields["csrf"] = csrf
        # when a question is posted without the page's CSRF token (none, empty, forged)
        answer = await citizen.post("/me/questions", fields)
    after = await portal.as_citizen(MOTHER, CITIZEN_QUESTIONS, {"first": 100})
    # then the post is refused with the form-refused page, and no question was filed
    assert (answer.status_code, heading(answer.text), after) == (403, "表单被拒绝", before)


async def test_a_form_posted_from_another_site_is_refused(portal: Portal) -> None:
    # given a signed-in citizen with the page's CSRF token
    async with portal.signed_in(MOTHER) as citizen:
        page = await citizen.get("/me/questions")
        token = parse(page.text).one("input", name="csrf").attrs["value"]
        # when another origin posts the form with it
        answer = await citizen.post(
            "/me/questions",
            {"csrf": token, "service": "ID_CARD_REISSUE", "subject": MOTHER, "text": "问"},
            headers={"origin": "https://evil.example"},
        )
    # then it is refused
    assert (answer.status_code, heading(answer.text)) == (403, "表单被拒绝")
