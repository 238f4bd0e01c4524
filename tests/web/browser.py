"""A scripted browser for the web pages in process: cookies, redirects, the provider's sign-in."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import httpx

from identity.demo import demo_password
from identity.settings import IdentitySettings
from subgraph.settings import SubgraphSettings
from tongban.agencies import served_definitions
from tongban.platform import create_platform_app

ORIGIN = "https://tongban.test"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page (CSRF tokens, the provider's authorization parameters)."""
    return {name: unescape(value) for name, value in HIDDEN.findall(page)}


@dataclass
class Browser:
    """One browser (one cookie jar) on the platform."""

    client: httpx.AsyncClient

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        """Open a page, following redirects."""
        return await self.client.get(path, follow_redirects=True, **kwargs)

    async def post(self, path: str, data: dict[str, str], **kwargs: Any) -> httpx.Response:
        """Submit a form from our own origin, following redirects."""
        headers = {"origin": ORIGIN, **kwargs.pop("headers", {})}
        return await self.client.post(
            path, data=data, headers=headers, follow_redirects=True, **kwargs
        )

    async def submit(self, page_path: str, action: str, fields: dict[str, str]) -> httpx.Response:
        """Open a page, then post one of its forms with its CSRF token and `fields`."""
        page = await self.get(page_path)
        return await self.post(action, {"csrf": hidden_fields(page.text)["csrf"], **fields})

    async def sign_in(self, login: str, next_path: str = "/") -> httpx.Response:
        """Sign in through the provider's form as a demo account; return the page landed on."""
        form = await self.get(f"/login?next={next_path}")
        assert "/identity/authorize" in str(form.url), form.url
        fields = {**hidden_fields(form.text), "login": login, "password": demo_password(login)}
        return await self.client.post(
            str(form.url), data={**fields, "action": "login"}, follow_redirects=True
        )


@contextlib.asynccontextmanager
async def web_platform(data_dir: Path, demo_people: int) -> AsyncIterator[Any]:
    """The platform (worker stopped) on SQLite files in `data_dir`, served at ORIGIN."""
    env = {"TONGBAN_DATA_DIR": str(data_dir), "TONGBAN_IDENTITY_ISSUER": f"{ORIGIN}/identity"}
    definitions = served_definitions()
    settings = [SubgraphSettings.from_env(d.name, env) for d in definitions]
    app = create_platform_app(
        definitions,
        settings,
        demo_people=demo_people,
        identity=IdentitySettings.from_env(env),
        hall_worker=False,
    )
    async with app.router.lifespan_context(app):
        yield app


@contextlib.asynccontextmanager
async def browser(app: Any) -> AsyncIterator[Browser]:
    """A fresh browser on the platform."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as client:
        yield Browser(client)
