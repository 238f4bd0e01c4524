"""The front page and the sign-in in a real browser."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.e2e.conftest import Shots


def test_a_visitor_signs_in_through_the_provider_and_the_session_cookie_is_kept(
    server: str, chromium: Browser, shots: Shots
) -> None:
    # given a visitor on the front page, in Chinese
    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(server + "/")
    shots.take(page, "front-page")
    heading = page.locator("h1").inner_text()
    # when they sign in as the auditor through the provider's form
    page.get_by_role("link", name="登录办理").click()
    shots.take(page, "provider-sign-in")
    page.fill("#login", "audit.sanming.auditor")
    page.fill("#password", "demo-audit.sanming.auditor")
    page.click("button[value=login]")
    page.wait_for_url(server + "/audit**")
    cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    context.close()
    # then they land on the console with an HttpOnly, Secure, SameSite=Lax session cookie
    session = cookies["__Host-tongban_web"]
    assert (heading, session["httpOnly"], session["secure"], session["sameSite"]) == (
        "一次申请，随处可办",
        True,
        True,
        "Lax",
    )
