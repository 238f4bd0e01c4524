"""The names the console shows for the log's codes: alert kinds, agencies, decisions, kinds."""

from __future__ import annotations

from authz.purposes import LABELS, Purpose
from web.i18n import N_, translate

ALERT_KINDS = {
    "MASS_ACCESS": N_("Mass access"),
    "OFF_HOURS": N_("Reads outside working hours"),
    "NO_CASE": N_("Case investigation without a case"),
    "REPEATED_DENIALS": N_("Repeated refusals"),
}
ALERT_MEANINGS = {
    "MASS_ACCESS": N_("Read far more people than the peers of the same agency."),
    "OFF_HOURS": N_("Read personal data at night or at the weekend (Beijing time)."),
    "NO_CASE": N_("Declared a case investigation but named no case."),
    "REPEATED_DENIALS": N_("Was refused again and again: probing for data out of reach?"),
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
}
NO_AGENCY = N_("No agency (citizens)")
NO_PURPOSE = N_("No purpose declared")
DECISIONS = {"ALLOW": N_("Allowed"), "DENY": N_("Refused")}
ACTOR_KINDS = {
    "CITIZEN": N_("Citizen"),
    "STAFF": N_("Agency staff"),
    "SUPERVISOR": N_("Supervisor"),
    "AUDITOR": N_("Auditor"),
    "SYSTEM": N_("Agency system"),
}
APPLICATION_STATES = {
    "SUBMITTED": N_("Submitted"),
    "ACCEPTED": N_("Accepted"),
    "VERIFIED": N_("Verified"),
    "APPROVED": N_("Approved"),
    "REJECTED": N_("Rejected"),
    "EXECUTED": N_("Carried out"),
    "DELIVERED": N_("Delivered"),
    "CLOSED": N_("Closed"),
}
PURPOSE_CODES = tuple(purpose.value for purpose in Purpose)


def named(language: str, names: dict[str, str], code: str | None, *, none: str = "") -> str:
    """The name of a code in `language`; the code itself when unknown, `none` when absent."""
    if code is None:
        return translate(language, none) if none else ""
    known = names.get(code)
    return translate(language, known) if known else code


def purpose_name(language: str, code: str | None, zh: str | None, en: str | None) -> str:
    """A purpose in the page's language, from the API's labels or the catalogue."""
    if code is None:
        return translate(language, NO_PURPOSE)
    label = zh if language == "zh" else en
    if label:
        return label
    known = LABELS.get(Purpose(code)) if code in PURPOSE_CODES else None
    if known is None:
        return code
    return known.zh if language == "zh" else known.en
