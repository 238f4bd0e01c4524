"""What the gateway refused, as the citizen reads it: a message by error code, the detail beside."""

from __future__ import annotations

from typing import Any

from web.gateway import GraphQLResult
from web.i18n import N_
from web.portal.checks import Problem
from web.problems import Wording

CITIZEN_WORDS = Wording(
    messages={
        "FORBIDDEN": N_("You are not allowed to do this."),
        "NOT_FOUND": N_("The hall does not know this record."),
        "INVALID": N_("The hall did not accept what was sent."),
        "BAD_USER_INPUT": N_("The hall did not accept what was sent."),
        "CONFLICT": N_("Something changed in the meantime. Reload the page and try again."),
    },
    fallback=N_("The hall could not do this. Please try again later."),
)
# The hall's reasons for a detail of an application form (hall/details.py).
DETAIL_CODES = {
    "MISSING": N_("Required."),
    "TOO_LONG": N_("Too long for the hall."),
    "NOT_ALLOWED": N_("Choose one of the listed options."),
    "BAD_FORMAT": N_("The hall did not accept the format."),
    "BAD_CHARACTERS": N_("Remove the control or invisible characters from this text."),
    "WRONG_TYPE": N_("The hall did not accept the format."),
    "UNKNOWN_FIELD": N_("The hall does not know this field."),
}


def detail_problems(result: GraphQLResult) -> dict[str, Problem]:
    """The hall's problems with an application's details, by form field key."""
    found: dict[str, Problem] = {}
    for error in result.errors:
        problems: Any = (error.get("extensions") or {}).get("problems") or []
        for problem in problems if isinstance(problems, list) else []:
            if not isinstance(problem, dict) or not problem.get("field"):
                continue
            message = DETAIL_CODES.get(str(problem.get("code")), CITIZEN_WORDS.fallback)
            found.setdefault(str(problem["field"]), (message, str(problem.get("message") or "")))
    return found


def refused(result: GraphQLResult, *path: str | int) -> bool:
    """Whether the record at `path` was withheld or is unknown (null data, or FORBIDDEN there)."""
    node: Any = result.data
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
    if node is None:
        return True
    error = result.error_at(*path)
    return error is not None and (error.get("extensions") or {}).get("code") == "FORBIDDEN"
