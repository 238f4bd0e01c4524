"""The decision form: approve or reject, the written reason, the version decided on."""

from __future__ import annotations

from dataclasses import dataclass, field

from web.forms import Form
from web.i18n import N_
from web.workbench.validation import normalized_text, text_problem

DECISIONS = ("approve", "reject")
DECIDABLE = "VERIFIED"


@dataclass
class Decision:
    """A decision as posted, and what is wrong with it."""

    decision: str = ""
    reason: str = ""
    expected_version: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, form: Form, *, eligible: bool) -> Decision:
        """The posted decision, checked against the application's verification."""
        decision = cls(form.get("decision"), form.get("reason"), form.get("expected_version"))
        errors: dict[str, str] = {}
        if decision.decision not in DECISIONS:
            errors["decision"] = N_("Choose whether to approve or reject the application.")
        elif decision.approve and not eligible:
            errors["decision"] = N_(
                "This application did not pass its verification: it can only be rejected, "
                "with a written reason."
            )
        problem = text_problem(decision.reason, required=False)
        if decision.decision == "reject" and not normalized_text(decision.reason):
            problem = N_("A rejection needs a written reason.")
        if problem is not None:
            errors["reason"] = problem
        decision.errors = errors
        return decision

    @property
    def approve(self) -> bool:
        """Whether the decision approves."""
        return self.decision == "approve"

    def variables(self, number: str) -> dict[str, object]:
        """The variables of `decideApplication`."""
        reason = normalized_text(self.reason)
        return {
            "number": number,
            "expectedVersion": int(self.expected_version),
            "approve": self.approve,
            "reason": reason or None,
        }

    def is_stale(self, state: str, version: object) -> bool:
        """Whether the application moved on since the form was shown (or the form is forged)."""
        shown = self.expected_version
        if not (shown.isascii() and shown.isdigit() and len(shown) <= 9):
            return True
        return state != DECIDABLE or int(shown) != version
