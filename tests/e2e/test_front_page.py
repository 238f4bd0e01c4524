"""The front page and the sign-in in a real browser."""

from __future__ import annotations

from playwright.async_api import Browser

from tests.e2e.conftest import Shots


async def test_a_visitor_signs_in_through_the_provider_and_the_session_cookie_is_kept(
    server: str, chromium: Browser, shots: Shots
) -> None:
    # given a visitor on the front page, in Chinese
    context = await chromium.new_context(locale="zh-CN")
    page = await context.new_page()
    await page.goto(server + "/")
    await shots.take(page, "front-page")
    heading = await page.locator("h1").inner_text()
    # when they sign in as the auditor through the provider's form
    await page.get_by_role("link", name="登录办理").click()
    await shots.take(page, "provider-sign-in")
    await page.fill("#login", "audit.sanming.auditor")
    await page.fill("#password", "demo-audit.sanming.auditor")
    await page.click("button[value=login]")
    await page.wait_for_url(server + "/audit**")
    cookies = {cookie["name"]: cookie for cookie in await context.cookies()}
    await context.close()
    # then they land on the console with an HttpOnly, Secure, SameSite=Lax session cookie,
    # and both pages were labelled for assistive technology
    session = cookies["__Host-tongban_web"]
    assert (heading, session["httpOnly"], session["secure"], session["sameSite"]) == (
        "一次申请，随处可办",
        True,
        True,
        "Lax",
    )
    assert shots.problems == {}


async def test_the_keyboard_reaches_the_content_first_through_the_skip_link(
    server: str, chromium: Browser
) -> None:
    # given a visitor using the keyboard on the front page
    context = await chromium.new_context(locale="zh-CN")
    page = await context.new_page()
    await page.goto(server + "/")
    # when they press Tab once, then Enter
    await page.keyboard.press("Tab")
    first = await page.evaluate("document.activeElement.getAttribute('href')")
    await page.keyboard.press("Enter")
    landed = await page.evaluate("document.activeElement.id")
    await context.close()
    # then the first stop is the skip link, and it takes them to the main content
    assert (first, landed) == ("#main", "main")
