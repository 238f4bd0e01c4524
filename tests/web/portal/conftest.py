"""Portal fixtures: one platform per test module, its hall driven through the gateway."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.hall.flow import Hall
from tests.tongban.platform import RunningPlatform
from tests.web.browser import ORIGIN, Browser, browser, web_platform


@dataclass
class Portal:
    """The platform with its pages, and its hall as citizens and officers use it."""

    app: Any
    hall: Hall

    @contextlib.asynccontextmanager
    async def signed_in(self, login: str) -> AsyncIterator[Browser]:
        """A browser signed in as a demo account."""
        async with browser(self.app) as person:
            await person.sign_in(login)
            yield person

    async def as_citizen(
        self, login: str, document: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Run one of the portal's persisted operations through the gateway as a citizen."""
        token = await self.hall.platform.token(login)
        answer = await self.hall.platform.client.post(
            "/graphql",
            json={"query": document, "variables": variables or {}},
            headers={"authorization": f"Bearer {token}"},
        )
        body: dict[str, Any] = answer.json()
        return body


@pytest_asyncio.fixture(scope="module")
async def portal(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Portal]:
    """The platform (100 demo people) with its web pages; tests run the hall worker."""
    async with web_platform(tmp_path_factory.mktemp("portal"), demo_people=100) as app:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as client:
            yield Portal(app, Hall(RunningPlatform(app, client)))
