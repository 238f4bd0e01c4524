"""Statistics: the window's accesses by agency, purpose and decision, as tables and SVG charts;
the hall's statistics beside them."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.web.console.conftest import Scene, signed_in
from tests.web.console.pages import field_state, table_rows
from tests.web.html import main_of, notice, summary

SVG = "{http://www.w3.org/2000/svg}"
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
TABLES = {
    "zh": {
        "按部门统计的访问": [("公安机关", "8"), ("民政部门", "2")],
        "按用途统计的访问": [("户籍管理", "5"), ("统计分析", "5")],
        "按访问结果统计的访问": [("已允许", "5"), ("已拒绝", "5")],
    },
    "en": {
        "Accesses by agency": [("Public security (police)", "8"), ("Civil affairs", "2")],
        "Accesses by purpose": [
            ("Household registration administration", "5"),
            ("Statistics", "5"),
        ],
        "Accesses by decision": [("Allowed", "5"), ("Refused", "5")],
    },
}
ALTS = {
    "zh": [
        "按部门统计的访问: 公安机关 8；民政部门 2",
        "按用途统计的访问: 户籍管理 5；统计分析 5",
        "按状态统计的申请: 该时段没有数据",
    ],
    "en": [
        "Accesses by agency: Public security (police) 8; Civil affairs 2",
        "Accesses by purpose: Household registration administration 5; Statistics 5",
        "Applications by state: Nothing in this window",
    ],
}


def svg_texts(svg: bytes) -> list[str]:
    """The texts of an SVG document (parsed as XML)."""
    root = ElementTree.fromstring(svg)
    return [element.text or "" for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_charts_page_counts_the_window_in_tables_and_images(
    scene: Scene, language: str
) -> None:
    # given the staff's ten reads, when the auditor opens the statistics of their window
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/charts?" + urlencode({**scene.window(), "lang": language}))
    # then each table counts the entries, most first, labelled in the page's language, with
    # the total; each chart is an image of the same window and language, said in its alt
    tables = {caption: table_rows(page.text, caption) for caption in TABLES[language]}
    images = main_of(page.text).all("img")
    sources = [urlsplit(unescape(image.attrs["src"])) for image in images]
    total = main_of(page.text).find("p", class_="total")
    assert (page.status_code, tables, total.text if total else None) == (
        200,
        TABLES[language],
        {"zh": "时段内条目数： 10", "en": "Entries in the window: 10"}[language],
    )
    assert [image.attrs["alt"] for image in images] == ALTS[language]
    assert [(source.path, parse_qs(source.query)) for source in sources] == [
        (
            f"/audit/charts/{name}.svg",
            {"since": [scene.since], "until": [scene.until], "lang": [language]},
        )
        for name in ("agency", "purpose", "states")
    ]
    assert notice(page.text) == ""  # the hall answered too


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("zh", ["按部门统计的访问", "公安机关", "民政部门", "条目"]),
        ("en", ["Accesses by agency", "Public security (police)", "Civil affairs", "Entries"]),
    ],
)
async def test_the_agency_chart_is_an_svg_image_labelled_in_the_pages_language(
    scene: Scene, language: str, texts: list[str]
) -> None:
    # given the staff's reads, when the browser loads the agency chart of their window
    query = urlencode({**scene.window(), "lang": language})
    async with signed_in(scene.app) as auditor:
        image = await auditor.get("/audit/charts/agency.svg?" + query)
    # then it is an SVG document whose texts stay text: title, agencies, counts, unit; under
    # a policy of its own that allows the inline styles matplotlib writes
    found = svg_texts(image.content)
    assert (
        image.status_code,
        image.headers["content-type"],
        image.headers["content-security-policy"],
        image.headers["x-content-type-options"],
        [text for text in texts if text not in found],
        [count for count in ("8", "2") if count not in found],
    ) == (200, "image/svg+xml", IMAGE_POLICY, "nosniff", [], [])


async def test_an_unknown_chart_or_window_is_refused(scene: Scene) -> None:
    # given the auditor, when they ask for a chart that does not exist, or for a bad window
    async with signed_in(scene.app) as auditor:
        unknown = await auditor.get("/audit/charts/secrets.svg?" + urlencode(scene.window()))
        spoiled = await auditor.get("/audit/charts/agency.svg?since=<script>&until=x")
    # then both are refused with the kit's pages, under the pages' strict policy
    assert [
        (
            answer.status_code,
            answer.headers["content-type"].split(";")[0],
            "style-src 'self'" in answer.headers["content-security-policy"],
        )
        for answer in (unknown, spoiled)
    ] == [(404, "text/html", True), (400, "text/html", True)]


async def test_the_hall_statistics_are_shown_beside_the_accesses(scene: Scene) -> None:
    # given a window in which nobody applied to the hall
    query = urlencode({**scene.window(), "lang": "en"})
    # when the auditor opens the statistics
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/charts?" + query)
    # then the hall's figures are there (none applied, nothing decided or rated), and the
    # access statistics too
    facts = main_of(page.text).find("dl", class_="facts")
    assert (
        page.status_code,
        facts.text if facts else None,
        table_rows(page.text, "Accesses by agency"),
    ) == (
        200,
        "Applicants 0 Decided applications 0 Median time to decision (hours) — "
        "90th percentile time to decision (hours) — Ratings 0 Average stars (1 to 5) —",
        [("Public security (police)", "8"), ("Civil affairs", "2")],
    )


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_a_backward_window_is_refused_and_kept(scene: Scene, language: str) -> None:
    # given the auditor, when the window runs backwards
    query = {"since": scene.until, "until": scene.since, "lang": language}
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/charts?" + urlencode(query))
    # then it is refused in the page's language, the window kept as typed
    order, label = {
        "zh": ("结束时间必须晚于起始时间。", "截止时间"),
        "en": ("The end must come after the start.", "Until"),
    }[language]
    assert (page.status_code, summary(page.text), field_state(page.text, "until")) == (
        400,
        [f"{label}: {order}"],
        (scene.since, "true", order),
    )
