"""What a person does in the browser, step by step: sign in, wait for an application to move."""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import Page

from identity.demo import demo_password
from web.i18n import translate
from web.labels import STATES

WAIT_SECONDS = 60


async def sign_in(page: Page, server: str, login: str) -> None:
    """Sign in from the front page through the provider's form."""
    await page.goto(server + "/login")
    await page.fill("#login", login)
    await page.fill("#password", demo_password(login))
    await page.click("button[value=login]")
    await page.wait_for_url(lambda url: "/identity/" not in url and "/callback" not in url)


def zh(message: str) -> str:
    """A message of the pages as a Chinese reader sees it."""
    return translate("zh", message)


async def wait_for_step(page: Page, state: str) -> None:
    """Reload the citizen's application page until its timeline shows `state`."""
    label = zh(STATES[state])
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if label in await page.locator("ol.timeline").first.inner_text():
            return
        await asyncio.sleep(0.5)
        await page.reload()
    raise AssertionError(f"the application never reached {state}")
