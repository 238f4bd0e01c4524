"""The page of a keyset-paged list a request asks for: its cursor and the earlier ones."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import QueryParams

from web.workbench.display import MAX_TRAIL
from web.workbench.validation import is_cursor


@dataclass(frozen=True)
class PageRequest:
    """The cursor of the page asked for ("" for the first) and the cursors before it."""

    after: str
    trail: list[str]
    valid: bool

    @classmethod
    def of(cls, params: QueryParams) -> PageRequest:
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
