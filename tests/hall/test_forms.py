"""Downloading a service's printable forms: generated from the catalogue, escaped, 404 otherwise."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from html.parser import HTMLParser

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette
from starlette.routing import Mount

from hall.catalogue import SERVICES, Label, service_of
from hall.form_html import render_form
from hall.forms import HALL_MOUNT, form_routes, form_url

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    "x-content-type-options": "nosniff",
    "cache-control": "public, max-age=3600",
}


class Outline(HTMLParser):
    """The text of a page's headings and table headers, and every tag it opens."""

    OUTLINED = ("title", "h1", "h2", "h3", "th")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in self.OUTLINED:
            self._open.append(tag)
            self.texts.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, text = self.texts[-1]
            self.texts[-1] = (tag, text + data)


def outline(page: str) -> Outline:
    """Parse a page's outline."""
    parser = Outline()
    parser.feed(page)
    return parser


@pytest_asyncio.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    """A client of the form routes, mounted under /hall as the platform mounts them."""
    app = Starlette(routes=[Mount(HALL_MOUNT, routes=form_routes())])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://platform"
    ) as client:
        yield client


async def test_the_application_form_is_a_printable_bilingual_page(
    http: httpx.AsyncClient,
) -> None:
    # given the newborn registration's application form
    response = await http.get("/hall/forms/NEWBORN_REGISTRATION/application.html")
    # then it is an HTML page with the security headers, named for saving
    assert (response.status_code, dict(response.headers)) == (
        200,
        {
            **SECURITY_HEADERS,
            "content-disposition": 'inline; filename="NEWBORN_REGISTRATION-application.html"',
            "content-length": str(len(response.content)),
            "content-type": "text/html; charset=utf-8",
        },
    )
    # and its headings and rows are in Chinese with English labels
    assert outline(response.text).texts == [
        ("title", "出生登记 申请表 / Application form"),
        ("h1", "出生登记Newborn registration"),
        ("h2", "申请表Application form"),
        ("h3", "申请人Applicant"),
        ("th", "申请人姓名Applicant's name"),
        ("th", "申请人公民身份号码Applicant's citizen ID number"),
        ("th", "联系电话Telephone"),
        ("h3", "当事人Person concerned"),
        ("th", "当事人（未成年人）姓名Name of the person concerned (the minor)"),
        ("th", "当事人公民身份号码Citizen ID number of the person concerned"),
        ("th", "申请人与当事人关系Applicant's relationship to the person concerned"),
        ("h3", "填写事项Particulars"),
        ("th", "新生儿姓名Name of the newborn（必填 required）"),
        ("th", "新生儿民族成份Ethnic group of the newborn（必填 required）"),
        ("th", "随父或随母落户Registered in the household of（必填 required）"),
        ("h3", "所需材料Materials"),
        ("h3", "办理信息Handling"),
        ("th", "受理单位Accepting unit"),
        ("th", "办理时限Time limit"),
        ("th", "收费Fee"),
    ]


async def test_the_application_form_says_which_materials_are_fetched(
    http: httpx.AsyncClient,
) -> None:
    # given the newborn registration's application form
    response = await http.get("/hall/forms/NEWBORN_REGISTRATION/application.html")
    # then fetched materials say where from, and the parents' signed choice is sent in
    items = [
        '出生医学证明<span class="en">Birth medical certificate</span>：由平台向卫生健康部门'
        "共享获取，无需提交 <small>fetched from Health and family planning: do not hand in</small>",
        '父母共同选择子女民族成份的声明<span class="en">The parents&#x27; joint choice of the '
        'child&#x27;s ethnicity</span>（父母民族成份不同时<span class="en">when the parents&#x27;'
        " ethnic groups differ</span>）：需提交原件 <small>original to be sent in</small>",
    ]
    assert [item in response.text for item in items] == [True, True]


@pytest.mark.parametrize(
    ("service_code", "form_code"),
    [(service.code, form.code) for service in SERVICES for form in service.forms],
)
async def test_every_form_link_of_the_catalogue_downloads_its_form(
    http: httpx.AsyncClient, service_code: str, form_code: str
) -> None:
    # given a form of the catalogue and the URL its FormLink gives
    service = service_of(service_code)
    assert service is not None
    form = service.form(form_code)
    assert form is not None
    # when it is downloaded
    response = await http.get(form_url(service, form))
    # then it is that form, with a signature line for each signer
    page = outline(response.text)
    assert (response.status_code, page.texts[2], response.text.count('class="sign"')) == (
        200,
        ("h2", form.title.zh + form.title.en),
        len(form.signatures),
    )


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/hall/forms/PASSPORT/application.html", "no such form"),
        ("/hall/forms/ETHNICITY_CHANGE_MINOR/host-consent.html", "no such form"),
        ("/hall/forms/ethnicity_change_minor/application.html", "no such form"),
        ("/hall/forms/ETHNICITY_CHANGE_MINOR/APPLICATION.html", "no such form"),
        # Not even a form's path: the router itself answers.
        ("/hall/forms/ETHNICITY_CHANGE_MINOR/application.pdf", "Not Found"),
    ],
)
async def test_an_unknown_service_or_form_is_not_found(
    http: httpx.AsyncClient, path: str, body: str
) -> None:
    # given a service or form code the catalogue does not have, then the answer is 404
    response = await http.get(path)
    assert (response.status_code, response.text) == (404, body)


@pytest.mark.parametrize(
    ("raw_path", "body"),
    [
        # Dot-dot codes reach the handler, which knows no such service or form.
        (b"/hall/forms/%2E%2E/application.html", "no such form"),
        (b"/hall/forms/ETHNICITY_CHANGE_MINOR/%2E%2E.html", "no such form"),
        (b"/hall/forms/ETHNICITY_CHANGE_MINOR/..%5C..%5Ccatalogue.html", "no such form"),
        # Encoded slashes and NUL make paths no form route matches.
        (b"/hall/forms/ETHNICITY_CHANGE_MINOR/..%2F..%2Fcatalogue.py", "Not Found"),
        (b"/hall/forms/..%2F..%2Fhall/application.html", "Not Found"),
        (b"/hall/forms/%2E%2E/%2E%2E/pyproject.toml", "Not Found"),
        (b"/hall/forms/ETHNICITY_CHANGE_MINOR/application.html%00.py", "Not Found"),
        (b"/hall/forms/ETHNICITY_CHANGE_MINOR/%2Fetc%2Fpasswd.html", "Not Found"),
    ],
)
async def test_a_path_traversal_attempt_is_not_found(
    http: httpx.AsyncClient, raw_path: bytes, body: str
) -> None:
    # given a path escaping the form directory (encoded dots, slashes, backslashes, NUL)
    request = http.build_request("GET", "/")
    request.url = request.url.copy_with(raw_path=raw_path)
    # when it is sent as is
    response = await http.send(request)
    # then nothing but 404 comes back
    assert (response.request.url.raw_path, response.status_code, response.text) == (
        raw_path,
        404,
        body,
    )


async def test_only_get_is_served(http: httpx.AsyncClient) -> None:
    # given a form's URL, when posted to, then the method is not allowed
    response = await http.post("/hall/forms/NAME_CHANGE/application.html")
    assert response.status_code == 405


def test_every_text_of_the_catalogue_is_escaped() -> None:
    # given a service and form whose names, choices and notes carry markup and quotes
    minor = service_of("ETHNICITY_CHANGE_MINOR")
    assert minor is not None
    hostile = Label('<script>alert("zh")</script>', "</th><img src=x onerror=alert('en')> & co")
    field = dataclasses.replace(minor.fields[1], name=hostile)
    form = dataclasses.replace(minor.forms[0], title=hostile, note=hostile, fields=(field,))
    service = dataclasses.replace(minor, name=hostile, fields=(field,), forms=(form,))
    # when the form is rendered
    page = outline(render_form(service, form))
    # then no markup of the catalogue became a tag, and the texts read exactly as written
    zh, both = hostile.zh, hostile.zh + hostile.en
    assert ({"script", "img"} & page.tags, page.texts) == (
        set(),
        [
            ("title", f"{zh} {zh} / {hostile.en}"),
            ("h1", both),
            ("h2", both),
            ("h3", "申请人Applicant"),
            ("th", "申请人姓名Applicant's name"),
            ("th", "申请人公民身份号码Applicant's citizen ID number"),
            ("th", "联系电话Telephone"),
            ("h3", "当事人Person concerned"),
            ("th", "当事人（未成年人）姓名Name of the person concerned (the minor)"),
            ("th", "当事人公民身份号码Citizen ID number of the person concerned"),
            ("th", "申请人与当事人关系Applicant's relationship to the person concerned"),
            ("h3", "填写事项Particulars"),
            ("th", both + "（必填 required）"),
            ("h3", "所需材料Materials"),
            ("h3", "办理信息Handling"),
            ("th", "受理单位Accepting unit"),
            ("th", "办理时限Time limit"),
            ("th", "收费Fee"),
        ],
    )
