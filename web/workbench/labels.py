"""The codes only the workbench names: the open states of its queue, and a person's records'."""

from __future__ import annotations

from web.i18n import N_

OPEN_STATES = ("SUBMITTED", "ACCEPTED", "VERIFIED", "APPROVED")
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
