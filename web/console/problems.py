"""What the console says when the gateway answers with errors."""

from __future__ import annotations

from web.i18n import N_
from web.problems import Wording

AUDITOR_WORDS = Wording(
    messages={
        "FORBIDDEN": N_("Your account may not read this part of the log."),
        "NOT_FOUND": N_("The platform found nothing for this request."),
        "INVALID": N_("The platform refused the request as invalid."),
        "BAD_USER_INPUT": N_("The platform refused the filters. Check them and try again."),
        "CONFLICT": N_("The log changed while it was read. Please try again."),
    },
    fallback=N_("The platform could not answer this request. Please try again later."),
    statuses={"FORBIDDEN": 403, "NOT_FOUND": 404, "INVALID": 400, "BAD_USER_INPUT": 400},
    default_status=502,
)
