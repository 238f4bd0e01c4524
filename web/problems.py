"""What a page says when the gateway answers with errors: its audience's words for each error
code (`extensions.code`), the gateway's own words beside them as a detail, and a status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from web.gateway import GraphQLResult

MAX_DETAIL = 300


@dataclass(frozen=True)
class Problem:
    """A gateway error as shown: its code, a message to translate, the gateway's words, and the
    status of the page that shows it."""

    code: str
    message: str
    detail: str
    status: int


@dataclass(frozen=True)
class Wording:
    """One audience's messages for the error codes (and for any other), and the page's status
    for each code."""

    messages: Mapping[str, str]
    fallback: str
    statuses: Mapping[str, int] = field(default_factory=dict)
    default_status: int = 400

    def problem(self, code: str, detail: str = "") -> Problem:
        """The problem of an error code, with the gateway's words."""
        message = self.messages.get(code, self.fallback)
        status = self.statuses.get(code, self.default_status)
        return Problem(code, message, detail[:MAX_DETAIL], status)

    def of(self, result: GraphQLResult, *path: str | int) -> Problem | None:
        """The first error at `path` (anywhere without one) as a problem; None if there is none."""
        error = result.error_at(*path) if path else (result.errors[0] if result.errors else None)
        if error is None:
            return None
        code = str((error.get("extensions") or {}).get("code", ""))
        return self.problem(code, str(error.get("message") or ""))

    def refusal(self, result: GraphQLResult) -> Problem:
        """Why an operation did not do its work: its first error, or the fallback without one."""
        return self.of(result) or self.problem("")
