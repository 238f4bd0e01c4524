"""Safe text matching for search arguments."""

from __future__ import annotations

from subgraph.errors import BadUserInput


def like_prefix(text: str, *, max_length: int) -> str:
    """Return a LIKE pattern for `text` as a prefix, wildcards escaped with a backslash."""
    if len(text) > max_length:
        raise BadUserInput(f"search text is longer than {max_length} characters")
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
