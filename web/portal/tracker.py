"""Who read my data: the citizen's view of the access log, newest first, page by page."""

from __future__ import annotations

from starlette.responses import Response

from web.citizen_operations import CITIZEN_DATA_TRACKER
from web.kit import Visit
from web.paging import listing
from web.portal.shared import render


async def tracker(visit: Visit) -> Response:
    """Each access to the citizen's (and their wards') records: when, who, what, why, decision."""
    page = await listing(visit, CITIZEN_DATA_TRACKER, "myDataTracker")
    return render(
        visit,
        "portal/tracker.html",
        entries=page.items,
        next_cursor=page.next_cursor,
        paged=page.paged,
        failed=page.failed,
    )
