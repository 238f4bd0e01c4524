"""The citizen's start page and the list of their applications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.responses import Response

from web.citizen_operations import CITIZEN_APPLICATION_OVERVIEW
from web.kit import Visit
from web.paging import listing
from web.portal.labels import FINISHED_STATES
from web.portal.present import newest_first
from web.portal.shared import render
from web.times import parse_instant

LATEST_NOTICES = 5
NEW_FOR = timedelta(days=7)


def latest_notices(applications: list[Any], now: datetime) -> list[dict[str, Any]]:
    """The newest notices of all the applications, each with its application and a `new` mark."""
    found = []
    for application in applications:
        for notice in application.get("notices") or []:
            created = parse_instant(notice.get("createdAt"))
            found.append(
                {
                    **notice,
                    "application": application,
                    "new": created is not None and now - created < NEW_FOR,
                }
            )
    return newest_first(found, "createdAt")[:LATEST_NOTICES]


async def start(visit: Visit) -> Response:
    """The citizen's start page: open applications, latest notices, quick links."""
    recent = await listing(visit, CITIZEN_APPLICATION_OVERVIEW, "applications")
    return render(
        visit,
        "portal/start.html",
        open_applications=[a for a in recent.items if a.get("state") not in FINISHED_STATES],
        notices=latest_notices(recent.items, datetime.now(UTC)),
        failed=recent.failed,
    )


async def applications(visit: Visit) -> Response:
    """Every application of the citizen (and their wards'), newest first, page by page."""
    page = await listing(visit, CITIZEN_APPLICATION_OVERVIEW, "applications")
    return render(visit, "portal/applications.html", page=page, failed=page.failed)
