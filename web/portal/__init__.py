"""The citizen portal: catalogue and guides, applying, paying, progress, notices, questions,
flags, ratings and the data tracker."""

from __future__ import annotations

from web.kit import Page

PAGES: tuple[Page, ...] = ()
