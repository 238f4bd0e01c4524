"""The web pages in the platform: their settings, and their way back into the platform."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from identity.settings import IdentitySettings
from tongban.hall_worker import IN_PROCESS_BASE
from web.settings import WebSettings

WEB_SECRET_FILE = Path("web") / "session-secret"


def platform_web_settings(identity: IdentitySettings, data_dir: Path) -> WebSettings:
    """Pages at the issuer's origin, reaching the gateway and provider in process."""
    return WebSettings(
        issuer=identity.issuer,
        backend_base=IN_PROCESS_BASE,
        secret_file=data_dir / WEB_SECRET_FILE,
        visitor_key=identity.client_key_dir / "web-system.pem",
    )


class InProcess:
    """An ASGI app that forwards to one built later (the platform the pages belong to)."""

    def __init__(self, app: Callable[[], ASGIApp]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app()(scope, receive, send)
