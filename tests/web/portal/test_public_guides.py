"""Visitors who have not signed in read the catalogue and the guides, then sign in to apply."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.web.browser import browser, web_platform
from tests.web.html import main_of


async def test_a_visitor_reads_the_catalogue_and_a_guide_without_signing_in(
    web_app: Any,
) -> None:
    # given a visitor who has not signed in
    async with browser(web_app) as visitor:
        # when they open the catalogue and the ethnicity-change guide
        catalogue = await visitor.get("/services?lang=en")
        guide = await visitor.get("/services/ETHNICITY_CHANGE_MINOR")
    # then both are shown, the guide lists what the agencies supply, and its button asks
    # them to sign in before applying
    links = [a.attrs.get("href") for a in main_of(guide.text).all("a")]
    assert (
        catalogue.status_code,
        "/services/ETHNICITY_CHANGE_MINOR" in catalogue.text,
        guide.status_code,
        "/login?next=/services/ETHNICITY_CHANGE_MINOR/apply" in links,
        "/services/ETHNICITY_CHANGE_MINOR/apply" in links,
    ) == (200, True, 200, True, False)


async def test_a_visitor_cannot_open_the_application_form(web_app: Any) -> None:
    # given a visitor, when they open an application form directly
    async with browser(web_app) as visitor:
        answer = await visitor.client.get("/services/ETHNICITY_CHANGE_MINOR/apply")
    # then they are sent to sign in first
    assert (answer.status_code, answer.headers["location"]) == (
        303,
        "/login?next=/services/ETHNICITY_CHANGE_MINOR/apply",
    )


async def test_without_the_webs_own_key_a_visitor_is_asked_to_sign_in(
    tmp_path: Path,
) -> None:
    # given a platform whose web has no key for its own system client (none registered)
    async with web_platform(tmp_path, demo_people=0) as app:
        tokens = app.state.web.visitors
        tokens.credentials = replace(tokens.credentials, key_path=tmp_path / "missing.pem")
        async with browser(app) as visitor:
            # when a visitor opens the catalogue
            answer = await visitor.client.get("/services")
    # then they are asked to sign in, with no error page
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=/services")
