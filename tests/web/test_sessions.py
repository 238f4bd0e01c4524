"""Sessions: expiring access tokens are refreshed once, however many requests ask at once."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.web.browser import Browser, browser

OFFICER = "ethnic_affairs.sanming.officer"
COOKIE = "__Host-tongban_web"


def expire_access_token(app: Any, officer: Browser) -> dict[str, Any]:
    """Make the browser's session say its access token has just expired; return the session."""
    web = app.state.web
    session = web.sessions.open(officer.client.cookies[COOKIE])
    assert session is not None
    session["exp"] = int(time.time()) - 1
    officer.client.cookies.set(COOKIE, web.sessions.seal(session, ttl=600), domain="tongban.test")
    return dict(session)


async def test_an_expired_access_token_is_refreshed_and_the_page_served(web_app: Any) -> None:
    # given a signed-in officer whose access token has expired
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        before = expire_access_token(web_app, officer)
        # when they open their queue
        page = await officer.client.get("/work")
        after = web_app.state.web.sessions.open(officer.client.cookies[COOKIE])
    # then the page is served, and the session holds new tokens (the refresh token rotated)
    assert (
        page.status_code,
        after["at"] != before["at"],
        after["rt"] != before["rt"],
        after["exp"] > time.time(),
        after["csrf"] == before["csrf"],
    ) == (200, True, True, True, True)


async def test_requests_that_find_the_token_expired_together_refresh_it_once(
    web_app: Any,
) -> None:
    # given a signed-in officer whose access token has expired
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        expire_access_token(web_app, officer)
        # when a page and its neighbours are asked for at the same moment, and once more after
        together = await asyncio.gather(*(officer.client.get("/work") for _ in range(4)))
        later = await officer.client.get("/work")
    # then every one is served: one refresh answered them all, so the provider saw no reuse
    # of the rotated refresh token (which would have revoked the session)
    assert [answer.status_code for answer in [*together, later]] == [200] * 5


async def test_a_refused_refresh_signs_the_user_out(web_app: Any) -> None:
    # given a signed-in officer whose refresh token the provider no longer honours
    async with browser(web_app) as officer:
        await officer.sign_in(OFFICER)
        session = expire_access_token(web_app, officer)
        await web_app.state.web.provider.revoke(session["rt"], "refresh_token")
        # when they open their queue
        answer = await officer.client.get("/work")
    # then they are asked to sign in again, and the dead session is removed
    assert (answer.status_code, answer.headers["location"], COOKIE in officer.client.cookies) == (
        303,
        "/login?next=/work",
        False,
    )
