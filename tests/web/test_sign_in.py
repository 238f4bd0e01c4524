"""Signing in with the authorization code flow and PKCE, and signing out."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.web.browser import ORIGIN, browser, hidden_fields
from web.oidc import ProviderError

OFFICER = "ethnic_affairs.sanming.officer"
AUDITOR = "audit.sanming.auditor"


async def test_the_login_sends_the_browser_to_the_provider_with_an_s256_challenge(
    web_app: Any,
) -> None:
    # given a visitor, when they ask to sign in
    async with browser(web_app) as visitor:
        answer = await visitor.client.get("/login?next=/work")
    # then they are sent to the provider's authorize endpoint with PKCE S256, our client and
    # our callback, and a sealed login cookie remembers the verifier
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert (
        answer.status_code,
        answer.headers["location"].split("?")[0],
        query["response_type"],
        query["client_id"],
        query["redirect_uri"],
        query["code_challenge_method"],
        len(query["code_challenge"][0]),
        "__Host-tongban_web_login" in answer.headers["set-cookie"],
    ) == (
        303,
        f"{ORIGIN}/identity/authorize",
        ["code"],
        ["tongban-web"],
        [f"{ORIGIN}/callback"],
        ["S256"],
        43,
        True,
    )


async def test_signing_in_lands_each_kind_of_account_on_its_own_start_page(web_app: Any) -> None:
    # given the officer and the auditor, when each signs in from the front page
    landed = []
    for login in (OFFICER, AUDITOR):
        async with browser(web_app) as person:
            page = await person.sign_in(login)
            landed.append(
                (page.url.path, person.client.cookies.get("__Host-tongban_web") is not None)
            )
    # then each has a session and starts on the workbench or the console
    assert landed == [("/work", True), ("/audit", True)]


async def test_a_sign_in_returns_to_the_page_that_asked_for_it(web_app: Any) -> None:
    # given a signed-out officer opening a workbench page, when they sign in
    async with browser(web_app) as officer:
        first = await officer.client.get("/work/people")
        page = await officer.sign_in(OFFICER, next_path="/work/people")
    # then they were sent to sign in and come back to that page
    assert (first.status_code, first.headers["location"], page.url.path) == (
        303,
        "/login?next=/work/people",
        "/work/people",
    )


async def test_a_foreign_next_address_is_ignored(web_app: Any) -> None:
    # given a crafted sign-in link that names another site as the next page
    async with browser(web_app) as officer:
        page = await officer.sign_in(OFFICER, next_path="//evil.example/steal")
    # then the officer lands on their own start page, on our site
    assert (page.url.host, page.url.path) == ("tongban.test", "/work")


async def test_a_callback_with_a_forged_state_starts_no_session(web_app: Any) -> None:
    # given a visitor who began a sign-in, when a callback arrives with another state
    async with browser(web_app) as visitor:
        await visitor.client.get("/login")
        answer = await visitor.client.get("/callback?code=abc&state=forged")
        session = visitor.client.cookies.get("__Host-tongban_web")
    # then the sign-in fails with a clear message and no session exists
    assert (answer.status_code, "登录链接已过期" in answer.text, session) == (400, True, None)


async def test_a_callback_without_a_login_cookie_is_refused_in_english_too(web_app: Any) -> None:
    # given a callback nobody started, in English
    async with browser(web_app) as visitor:
        answer = await visitor.client.get("/callback?code=abc&state=x&lang=en")
    # then it is refused with the English message
    assert (answer.status_code, "This sign-in link has expired" in answer.text) == (400, True)


async def test_a_provider_error_is_shown_not_followed(web_app: Any) -> None:
    # given the provider answering that the user cancelled
    async with browser(web_app) as visitor:
        await visitor.client.get("/login")
        answer = await visitor.client.get("/callback?error=access_denied&state=x")
    # then the page says the sign-in was cancelled
    assert (answer.status_code, "登录已取消或被拒绝" in answer.text) == (400, True)


async def test_a_code_cannot_be_redeemed_by_another_browser(web_app: Any) -> None:
    # given an officer's browser stopped at the callback with a valid code
    async with browser(web_app) as officer, browser(web_app) as thief:
        form = await officer.get("/login")
        fields = {**hidden_fields(form.text), "login": OFFICER, "password": "demo-" + OFFICER}
        answer = await officer.client.post(str(form.url), data={**fields, "action": "login"})
        callback = answer.headers["location"]
        # when another browser (without the login cookie, so without the verifier) uses it
        stolen = await thief.client.get(callback)
    # then no session is started there
    assert (stolen.status_code, thief.client.cookies.get("__Host-tongban_web")) == (400, None)


async def test_signing_out_ends_the_session_and_revokes_its_tokens(web_app: Any) -> None:
    # given a signed-in officer
    async with browser(web_app) as officer:
        start = await officer.sign_in(OFFICER)
        sealed = web_app.state.web.sessions.open(officer.client.cookies["__Host-tongban_web"])
        # when they sign out
        answer = await officer.post("/logout", {"csrf": hidden_fields(start.text)["csrf"]})
        after = await officer.client.get("/work")
    provider = web_app.state.web.provider
    userinfo = await provider_status(provider.userinfo(sealed["at"]))
    refresh = await provider_status(provider.refresh(sealed["rt"]))
    # then they are at the provider's sign-out page, the session is gone, and the provider
    # refuses both the access token and the refresh token
    assert (answer.url.path, after.status_code, after.headers["location"], userinfo, refresh) == (
        "/identity/logout",
        303,
        "/login?next=/work",
        "refused",
        "refused",
    )


async def provider_status(call: Awaitable[Any]) -> str:
    """Whether the provider accepted a call of the web client."""
    try:
        await call
    except ProviderError:
        return "refused"
    return "accepted"
