"""What to tell staff when the gateway refuses: a translated message per error code."""

from __future__ import annotations

from dataclasses import dataclass

from web.gateway import GraphQLResult
from web.i18n import N_

MESSAGES: dict[str, str] = {
    "FORBIDDEN": N_("Your account is not permitted to do this."),
    "NOT_FOUND": N_("The record was not found."),
    "INVALID": N_("The platform did not accept the values sent."),
    "BAD_USER_INPUT": N_("The platform did not accept the values sent."),
    "CONFLICT": N_("Someone else changed this record in the meantime."),
    "CASE_NOT_ASSIGNED": N_(
        "The case is unknown, closed, or not assigned to your unit: declare one of your "
        "unit's open cases."
    ),
    "PURPOSE_REQUIRED": N_("Choose a purpose from the list."),
    "SERVICE_UNAVAILABLE": N_("The platform could not check your access just now. Try again."),
    "UNAUTHENTICATED": N_("Your sign-in has expired. Please sign in again."),
}
FALLBACK = N_("The platform could not complete the request.")


@dataclass(frozen=True)
class Problem:
    """A refusal as shown: the translated message and the gateway's own words beside it."""

    code: str
    message: str
    detail: str


def problem_of(result: GraphQLResult) -> Problem | None:
    """The first error of a result as a problem to show, or None when there is none."""
    if not result.errors:
        return None
    error = result.errors[0]
    code = str((error.get("extensions") or {}).get("code", ""))
    return Problem(code, MESSAGES.get(code, FALLBACK), str(error.get("message", ""))[:300])
