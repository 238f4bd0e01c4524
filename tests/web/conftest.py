"""Web fixtures: one platform (SQLite files, 100 demo people) per test module."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from tests.web.browser import web_platform


@pytest_asyncio.fixture(scope="module")
async def web_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Any]:
    """The platform with its web pages; the hall worker is run by the tests that need it."""
    async with web_platform(tmp_path_factory.mktemp("web"), demo_people=100) as app:
        yield app
