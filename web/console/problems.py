"""What the console says when the gateway answers with errors."""

from __future__ import annotations

from dataclasses import dataclass

from web.gateway import GraphQLResult
from web.i18n import N_

MESSAGES = {
    "FORBIDDEN": N_("Your account may not read this part of the log."),
    "NOT_FOUND": N_("The platform found nothing for this request."),
    "INVALID": N_("The platform refused the request as invalid."),
    "BAD_USER_INPUT": N_("The platform refused the filters. Check them and try again."),
    "CONFLICT": N_("The log changed while it was read. Please try again."),
}
STATUSES = {"FORBIDDEN": 403, "NOT_FOUND": 404, "INVALID": 400, "BAD_USER_INPUT": 400}
UNKNOWN = N_("The platform could not answer this request. Please try again later.")
MAX_DETAIL = 300


@dataclass(frozen=True)
class GatewayProblem:
    """A gateway error for the page: a message to translate and the gateway's own words."""

    message: str
    detail: str
    status: int


def gateway_problem(result: GraphQLResult, *path: str | int) -> GatewayProblem | None:
    """The first error at `path` (or anywhere, without one), None when there is none."""
    error = result.error_at(*path) if path else (result.errors[0] if result.errors else None)
    if error is None:
        return None
    code = str((error.get("extensions") or {}).get("code", ""))
    detail = str(error.get("message") or "")[:MAX_DETAIL]
    return GatewayProblem(MESSAGES.get(code, UNKNOWN), detail, STATUSES.get(code, 502))
