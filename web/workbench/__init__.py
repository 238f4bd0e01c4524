"""The staff workbench: the unit's queue, deciding applications on the one-pass verification,
person lookup for a declared purpose and case, and supervision of subordinate units."""

from __future__ import annotations

from web.kit import Page

PAGES: tuple[Page, ...] = ()
