"""Paging through the gateway's lists with its cursors (`first`/`after`, `pageInfo`).

The portal pages forward from the first page (`?after=`); the workbench also goes back, with
the cursors of the earlier pages carried in the address (`?after=...&trail=...`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from web.kit import Visit

PAGE_SIZE = 20
CURSOR = re.compile(r"[A-Za-z0-9_=-]{1,200}")
MAX_TRAIL = 50
FIRST = "0"  # the first page in a trail (never a cursor: those are longer)


def is_cursor(value: str) -> bool:
    """Whether `value` looks like a page cursor of the gateway."""
    return CURSOR.fullmatch(value) is not None


def next_cursor(page: Mapping[str, Any]) -> str | None:
    """The cursor of the page after a list's page, None on its last page."""
    info = page.get("pageInfo") or {}
    return info.get("endCursor") if info.get("hasNextPage") else None


@dataclass(frozen=True)
class Listing:
    """One page of a list as the gateway gave it: its items, the next cursor, whether it failed."""

    items: list[Any] = field(default_factory=list)
    next_cursor: str | None = None
    paged: bool = False
    failed: bool = False


async def listing(
    visit: Visit, document: str, field_name: str, variables: dict[str, Any] | None = None
) -> Listing:
    """The page of a list the visit asks for (`?after=`), `PAGE_SIZE` items long."""
    asked = visit.request.query_params.get("after")
    after = asked if asked and is_cursor(asked) else None
    result = await visit.query(document, {"first": PAGE_SIZE, "after": after, **(variables or {})})
    page = result.data.get(field_name)
    if not isinstance(page, dict):
        return Listing(paged=after is not None, failed=True)
    return Listing(
        items=[item for item in page.get("items") or [] if isinstance(item, dict)],
        next_cursor=next_cursor(page),
        paged=after is not None,
    )


@dataclass(frozen=True)
class PageRequest:
    """The cursor of the page asked for ("" for the first) and the cursors before it."""

    after: str = ""
    trail: list[str] = field(default_factory=list)
    valid: bool = True

    @classmethod
    def of(cls, params: Mapping[str, str]) -> PageRequest:
        """Read `after` and `trail` from the address; invalid ones ask for the first page."""
        after = params.get("after", "")
        raw = params.get("trail", "")
        trail = raw.split(".") if raw else []
        valid = (
            (not after or is_cursor(after))
            and len(trail) <= MAX_TRAIL
            and all(is_cursor(cursor) for cursor in trail)
        )
        return cls(after, trail, True) if valid else cls("", [], False)


def page_links(
    path: str, params: dict[str, str], *, after: str, trail: list[str], end: str | None
) -> tuple[str | None, str | None]:
    """The previous and next pages of a keyset-paged list: `trail` holds the earlier cursors."""
    previous = None
    if after:
        before = trail[-1] if trail else FIRST
        query = {
            **params,
            "after": "" if before == FIRST else before,
            "trail": ".".join(trail[:-1]),
        }
        previous = _address(path, query)
    following = None
    if end:
        query = {**params, "after": end, "trail": ".".join([*trail, after or FIRST][-MAX_TRAIL:])}
        following = _address(path, query)
    return previous, following


def _address(path: str, query: dict[str, str]) -> str:
    kept = {name: value for name, value in query.items() if value}
    return path + ("?" + urlencode(kept) if kept else "")
