"""The auditor console: access log search, chain verification, anomaly alerts and charts."""

from __future__ import annotations

from web.console.alert_open import open_alert
from web.console.alert_pages import alerts
from web.console.chart_images import chart_image
from web.console.chart_pages import charts
from web.console.log_pages import access_log
from web.console.verify_pages import verification, verify_chain
from web.kit import Page
from web.users import AUDITOR

AUDITORS = frozenset({AUDITOR})

PAGES: tuple[Page, ...] = (
    Page("/audit", access_log, kinds=AUDITORS),
    Page("/audit/verify", verification, kinds=AUDITORS),
    Page("/audit/verify", verify_chain, methods=("POST",), kinds=AUDITORS),
    Page("/audit/alerts", alerts, kinds=AUDITORS),
    Page("/audit/alerts/open", open_alert, kinds=AUDITORS),
    Page("/audit/charts", charts, kinds=AUDITORS),
    Page("/audit/charts/{name}.svg", chart_image, kinds=AUDITORS),
)
