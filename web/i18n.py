"""Languages of the pages: Chinese by default, English on request; one catalog of messages.

Templates and code write messages in English (`_("Apply")` in templates, `N_("...")` to mark
one in code); the files of `locales/zh/` (one per part of the site) map each to its Chinese.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from starlette.requests import Request

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANGUAGE_COOKIE = "tongban_lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated when shown."""
    return message


@cache
def catalog(language: str) -> dict[str, str]:
    """Return the messages of a language (English ones are their own ids)."""
    if language == "en":
        return {}
    messages: dict[str, str] = {}
    for part in sorted(resources.files("web").joinpath("locales", language).iterdir(), key=str):
        if part.name.endswith(".json"):
            messages.update(json.loads(part.read_text("utf-8")))
    return messages


def translate(language: str, message: str) -> str:
    """Return `message` in `language`, or as written when the catalog lacks it."""
    return catalog(language).get(message, message)


def chosen_language(request: Request) -> str:
    """The language of a request: `?lang=`, then the cookie, then Accept-Language, then zh."""
    asked = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    if asked in LANGUAGES:
        return asked
    accepted = request.headers.get("accept-language", "").lower()
    first = accepted.split(",")[0].strip()
    if first.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE
