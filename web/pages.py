"""Every page of the web front end, for the platform to mount at `/`."""

from __future__ import annotations

from web import auth_pages, console, portal, workbench
from web.kit import Page


def all_pages() -> tuple[Page, ...]:
    """The sign-in pages, the portal, the workbench and the console."""
    return (*auth_pages.PAGES, *portal.PAGES, *workbench.PAGES, *console.PAGES)
