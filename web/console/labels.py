"""The names only the console shows: alert kinds and their meanings, purposes, no agency."""

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
NO_AGENCY = N_("No agency (citizens)")
NO_PURPOSE = N_("No purpose declared")
PURPOSE_CODES = tuple(purpose.value for purpose in Purpose)


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
