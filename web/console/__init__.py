"""The auditor console: access log search, chain verification, anomaly alerts and charts."""

from __future__ import annotations

from web.kit import Page

PAGES: tuple[Page, ...] = ()
