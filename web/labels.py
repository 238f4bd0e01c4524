"""The names every part of the site shows for the API's codes (English, translated when shown),
and the names the API gives its records in both languages."""

from __future__ import annotations

from web.i18n import N_, translate

STATES = {
    "SUBMITTED": N_("Submitted"),
    "ACCEPTED": N_("Accepted"),
    "VERIFIED": N_("Verified"),
    "APPROVED": N_("Approved"),
    "REJECTED": N_("Rejected"),
    "EXECUTED": N_("Carried out"),
    "DELIVERED": N_("Delivered"),
    "CLOSED": N_("Closed"),
}
DECISIONS = {"ALLOW": N_("Allowed"), "DENY": N_("Refused")}
ACTOR_KINDS = {
    "CITIZEN": N_("Citizen"),
    "STAFF": N_("Agency staff"),
    "SUPERVISOR": N_("Supervisor"),
    "AUDITOR": N_("Auditor"),
    "SYSTEM": N_("Agency system"),
}
AGENCIES = {
    "police": N_("Public security (police)"),
    "ethnic_affairs": N_("Ethnic and religious affairs"),
    "civil_affairs": N_("Civil affairs"),
    "family_planning": N_("Health and family planning"),
    "tax": N_("Taxation"),
    "social_security": N_("Human resources and social security"),
    "hall": N_("Online service hall"),
    "audit": N_("Audit"),
    "gateway": N_("Platform gateway"),
}
DELIVERY_METHODS = {
    "PICKUP": N_("Collected at a service window"),
    "COURIER": N_("Delivered by courier"),
    "ELECTRONIC": N_("Electronic document"),
}


def label(labels: dict[str, str], code: str | None) -> str:
    """The English label of a code (for a template to translate), or the code when it has none."""
    return labels.get(code or "", code or "")


def named(language: str, labels: dict[str, str], code: str | None, *, none: str = "") -> str:
    """The name of a code in `language`; the code itself when unknown, `none` when absent."""
    if code is None:
        return translate(language, none) if none else ""
    known = labels.get(code)
    return translate(language, known) if known else code


def record_name(language: str, record: object, field: str = "name") -> str:
    """An API record's `<field>Zh` or `<field>En` by language (the Chinese one if no English)."""
    if not isinstance(record, dict):
        return ""
    suffix = "Zh" if language == "zh" else "En"
    return str(record.get(field + suffix) or record.get(field + "Zh") or "")
