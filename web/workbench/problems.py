"""What to tell staff when the gateway refuses: a translated message per error code."""

from __future__ import annotations

from web.i18n import N_
from web.problems import Wording

STAFF_WORDS = Wording(
    messages={
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
    },
    fallback=N_("The platform could not complete the request."),
    statuses={"FORBIDDEN": 403, "CASE_NOT_ASSIGNED": 403},
)
