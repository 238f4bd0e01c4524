"""The pages' kit: security headers, CSRF and form limits, sealed sessions, languages."""

from __future__ import annotations

from typing import Any

from tests.web.browser import ORIGIN, browser

OFFICER = "ethnic_affairs.sanming.officer"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    f"font-src 'self'; connect-src 'self'; form-action 'self' {ORIGIN}; "
    "frame-ancestors 'none'; base-uri 'none'"
)


async def test_every_page_carries_a_strict_content_security_policy(web_app: Any) -> None:
    # given a visitor, when the front page is read
    async with browser(web_app) as visitor:
        page = await visitor.get("/")
    # then it forbids inline scripts and styles, framing and foreign form targets
    headers = page.headers
    assert (
        page.status_code,
        headers["content-security-policy"],
        headers["x-content-type-options"],
        headers["x-frame-options"],
        headers["referrer-policy"],
        "<script>" in page.text,
        " style=" in page.text,
    ) == (200, CSP, "nosniff", "DENY", "same-origin", False, False)


async def test_pages_are_chinese_by_default_and_english_on_request(web_app: Any) -> None:
    # given a visitor, when the front page is read plainly, with ?lang=en, and again after
    async with browser(web_app) as visitor:
        chinese = await visitor.get("/")
        english = await visitor.get("/?lang=en")
        remembered = await visitor.get("/")
        by_browser = await visitor.client.get("/?lang=zh")
    async with browser(web_app) as english_browser:
        accepted = await english_browser.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    # then Chinese comes first, English is chosen by the link, kept by a cookie, or asked by
    # the browser's language
    assert [
        ('<html lang="zh-CN">' in page.text, "Apply once, from anywhere" in page.text)
        for page in (chinese, english, remembered, by_browser, accepted)
    ] == [(True, False), (False, True), (False, True), (True, False), (False, True)]


async def test_a_signed_in_page_is_never_cached(web_app: Any) -> None:
    # given a signed-in officer, when a page of theirs is read
    async with browser(web_app) as officer:
        page = await officer.sign_in(OFFICER)
    # then it may not be stored by the browser or any proxy
    assert page.headers["cache-control"] == "no-store"


async def test_a_form_without_its_csrf_token_is_refused(web_app: Any) -> None:
    # given a signed-in officer, when a form arrives without the token or with another one
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        missing = await officer.client.post("/logout", data={"x": "1"}, headers={"origin": ORIGIN})
        wrong = await officer.client.post(
            "/logout", data={"csrf": "guessed"}, headers={"origin": ORIGIN}
        )
        still = await officer.get("/")
    # then both are refused with the reason, and the session is untouched
    assert (missing.status_code, wrong.status_code, "表单已过期" in wrong.text, still.url.path) == (
        403,
        403,
        True,
        "/work",
    )


async def test_a_form_from_another_origin_is_refused_even_with_the_token(web_app: Any) -> None:
    # given a signed-in officer's token, when a page of another site posts it
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        token = officer_csrf(web_app, officer)
        answer = await officer.client.post(
            "/logout", data={"csrf": token}, headers={"origin": "https://evil.example"}
        )
    # then it is refused
    assert answer.status_code == 403


async def test_oversized_foreign_and_undecodable_forms_are_refused(web_app: Any) -> None:
    # given a signed-in officer and their valid token
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        token = officer_csrf(web_app, officer)
        headers = {"origin": ORIGIN}
        # when forms arrive too large, as JSON, with broken UTF-8, or with a NUL byte
        large = await officer.client.post(
            "/logout", data={"csrf": token, "x": "a" * 40_000}, headers=headers
        )
        json = await officer.client.post("/logout", json={"csrf": token}, headers=headers)
        broken = await officer.client.post(
            "/logout",
            content=b"csrf=" + token.encode() + b"&x=%ff%fe",
            headers={**headers, "content-type": "application/x-www-form-urlencoded"},
        )
        nul = await officer.client.post(
            "/logout", data={"csrf": token, "x": "a\x00b"}, headers=headers
        )
    # then each is refused with its status and a message in the page's language
    assert [
        (large.status_code, "表单内容过大" in large.text),
        (json.status_code, "提交格式不正确" in json.text),
        (broken.status_code, "无法读取" in broken.text),
        (nul.status_code, "无法读取" in nul.text),
    ] == [(413, True), (415, True), (400, True), (400, True)]


async def test_a_tampered_session_cookie_signs_nobody_in(web_app: Any) -> None:
    # given a signed-in officer whose session cookie is altered by one character
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        sealed = officer.client.cookies["__Host-tongban_web"]
        forged = sealed[:-5] + ("A" if sealed[-5] != "A" else "B") + sealed[-4:]
        officer.client.cookies.set("__Host-tongban_web", forged, domain="tongban.test")
        # when they open the front page
        page = await officer.client.get("/")
    # then they are a visitor again
    assert (page.status_code, "Sign in to apply" in page.text or "登录办理" in page.text) == (
        200,
        True,
    )


def officer_csrf(app: Any, officer: Any) -> str:
    """The CSRF token sealed in a browser's session."""
    value = app.state.web.sessions.open(officer.client.cookies["__Host-tongban_web"])
    assert value is not None
    return str(value["csrf"])


async def test_the_language_link_keeps_the_page_and_its_query(web_app: Any) -> None:
    # given a page opened with a query, when its language link is read
    async with browser(web_app) as visitor:
        page = await visitor.get("/?next=%2Fwork&lang=zh")
    # then it leads to the same page and query, in English
    assert 'href="/?next=%2Fwork&amp;lang=en"' in page.text


async def test_static_files_are_served_and_nothing_beside_them(web_app: Any) -> None:
    # given a visitor, when they fetch the stylesheet, the script, and paths that climb out
    async with browser(web_app) as visitor:
        css = await visitor.client.get("/static/app.css")
        script = await visitor.client.get("/static/app.js")
        climbing = [
            await visitor.client.get(path)
            for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fsettings.py")
        ]
    # then the two are served with their types, and the others are not found
    assert (
        css.headers["content-type"].split(";")[0],
        script.headers["content-type"].split(";")[0],
        [answer.status_code for answer in climbing],
    ) == ("text/css", "text/javascript", [404, 404, 404])
