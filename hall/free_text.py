"""Free text from citizens and staff: normalised, length-limited, no hidden characters."""

from __future__ import annotations

import unicodedata

from subgraph.errors import BadUserInput


def clean_text(value: str | None, *, what: str, max_length: int, required: bool) -> str | None:
    """Return the text NFC-normalised and stripped (None if empty and optional), or refuse it.

    Line breaks are kept; other control and invisible formatting characters are refused.
    """
    text = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n")).strip()
    if len(text) > max_length:
        raise BadUserInput(f"{what} is longer than {max_length} characters ({len(text)})")
    if any(unicodedata.category(c).startswith("C") and c != "\n" for c in text):
        raise BadUserInput(f"{what} holds control or invisible formatting characters")
    if not text:
        if required:
            raise BadUserInput(f"{what} is empty")
        return None
    return text
