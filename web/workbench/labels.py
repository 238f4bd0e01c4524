"""English labels of the codes the workbench shows (translated by the zh catalog when shown)."""

from __future__ import annotations

from web.i18n import N_

OPEN_STATES = ("SUBMITTED", "ACCEPTED", "VERIFIED", "APPROVED")
STATES: dict[str, str] = {
    "SUBMITTED": N_("Submitted"),
    "ACCEPTED": N_("Accepted"),
    "VERIFIED": N_("Verified"),
    "APPROVED": N_("Approved"),
    "REJECTED": N_("Rejected"),
    "EXECUTED": N_("Executed"),
    "DELIVERED": N_("Delivered"),
    "CLOSED": N_("Closed"),
}
AGENCIES: dict[str, str] = {
    "police": N_("Public security (police)"),
    "ethnic_affairs": N_("Ethnic and religious affairs"),
    "civil_affairs": N_("Civil affairs"),
    "family_planning": N_("Health and family planning"),
    "tax": N_("Taxation"),
    "social_security": N_("Human resources and social security"),
    "hall": N_("Online service hall"),
}
ACTOR_KINDS: dict[str, str] = {
    "CITIZEN": N_("Citizen"),
    "STAFF": N_("Staff"),
    "SUPERVISOR": N_("Supervisor"),
    "SYSTEM": N_("System"),
}
DELIVERY: dict[str, str] = {
    "PICKUP": N_("Collected at a service window"),
    "COURIER": N_("Delivered by courier"),
    "ELECTRONIC": N_("An electronic document"),
}
CODES: dict[str, str] = {
    "MALE": N_("Male"),
    "FEMALE": N_("Female"),
    "SINGLE": N_("Single"),
    "MARRIED": N_("Married"),
    "DIVORCED": N_("Divorced"),
    "VALID": N_("Valid"),
    "EXPIRED": N_("Expired"),
    "LOST": N_("Reported lost"),
    "STOLEN": N_("Reported stolen"),
    "PENSION": N_("Pension"),
    "MEDICAL": N_("Medical"),
    "UNEMPLOYMENT": N_("Unemployment"),
    "ACTIVE": N_("Active"),
    "RECEIVING": N_("Receiving benefits"),
    "SUSPENDED": N_("Suspended"),
}


def label(labels: dict[str, str], code: str | None) -> str:
    """The label of a code, or the code itself when it has none."""
    return labels.get(code or "", code or "")
