"""Workbench fixtures: one platform per test module, and browsers signed in as its users."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from tests.web.browser import Browser, browser, web_platform
from tests.web.workbench.flow import OFFICER, SUPERVISOR


@pytest_asyncio.fixture(scope="module")
async def platform(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Any]:
    """The platform with its pages (SQLite files, 100 demo people); tests run its hall worker."""
    async with web_platform(tmp_path_factory.mktemp("workbench"), demo_people=100) as app:
        yield app


@pytest_asyncio.fixture(scope="module")
async def officer(platform: Any) -> AsyncIterator[Browser]:
    """The city ethnic-affairs bureau's officer, signed in."""
    async with browser(platform) as person:
        await person.sign_in(OFFICER)
        yield person


@pytest_asyncio.fixture(scope="module")
async def supervisor(platform: Any) -> AsyncIterator[Browser]:
    """The city ethnic-affairs bureau's supervisor, signed in."""
    async with browser(platform) as person:
        await person.sign_in(SUPERVISOR)
        yield person
