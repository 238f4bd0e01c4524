"""Paging through the gateway's lists with its cursors (`first`/`after`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from web.kit import Visit

PAGE_SIZE = 20
CURSOR = re.compile(r"[A-Za-z0-9_=-]{1,200}")


@dataclass(frozen=True)
class Listing:
    """One page of a list as the gateway gave it: its items, the next cursor, whether it failed."""

    items: list[Any] = field(default_factory=list)
    next_cursor: str | None = None
    paged: bool = False
    failed: bool = False


def asked_cursor(visit: Visit) -> str | None:
    """The `?after=` cursor of the page, if it looks like one of the gateway's."""
    asked = visit.request.query_params.get("after")
    return asked if asked and CURSOR.fullmatch(asked) else None


async def listing(
    visit: Visit, document: str, field_name: str, variables: dict[str, Any] | None = None
) -> Listing:
    """The page of a list the visit asks for (`?after=`), `PAGE_SIZE` items long."""
    after = asked_cursor(visit)
    result = await visit.query(document, {"first": PAGE_SIZE, "after": after, **(variables or {})})
    page = result.data.get(field_name)
    if not isinstance(page, dict):
        return Listing(paged=after is not None, failed=True)
    info = page.get("pageInfo") or {}
    return Listing(
        items=[item for item in page.get("items") or [] if isinstance(item, dict)],
        next_cursor=info.get("endCursor") if info.get("hasNextPage") else None,
        paged=after is not None,
    )
