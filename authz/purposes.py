"""The catalogue of legal purposes a non-citizen actor declares for a query."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Purpose(StrEnum):
    """A legal purpose for processing personal data; policies name these codes."""

    CASE_INVESTIGATION = "CASE_INVESTIGATION"
    SERVICE_APPLICATION = "SERVICE_APPLICATION"
    HOUSEHOLD_ADMINISTRATION = "HOUSEHOLD_ADMINISTRATION"
    IDENTITY_VERIFICATION = "IDENTITY_VERIFICATION"
    STATISTICS = "STATISTICS"
    AUDIT = "AUDIT"


@dataclass(frozen=True, kw_only=True)
class PurposeLabel:
    """How a purpose is shown to staff and, in the access log, to citizens."""

    zh: str
    en: str


LABELS: dict[Purpose, PurposeLabel] = {
    Purpose.CASE_INVESTIGATION: PurposeLabel(zh="案件办理", en="Case investigation"),
    Purpose.SERVICE_APPLICATION: PurposeLabel(
        zh="政务服务办理", en="Handling a service application"
    ),
    Purpose.HOUSEHOLD_ADMINISTRATION: PurposeLabel(
        zh="户籍管理", en="Household registration administration"
    ),
    Purpose.IDENTITY_VERIFICATION: PurposeLabel(zh="身份核验", en="Identity verification"),
    Purpose.STATISTICS: PurposeLabel(zh="统计分析", en="Statistics"),
    Purpose.AUDIT: PurposeLabel(zh="审计监督", en="Audit and supervision"),
}


def purpose_of(code: str | None) -> Purpose | None:
    """Return the catalogued purpose of a code, or None for a missing or unknown one."""
    if code is None:
        return None
    try:
        return Purpose(code)
    except ValueError:
        return None


def label_of(purpose: Purpose) -> PurposeLabel:
    """Return the Chinese and English labels of a purpose."""
    return LABELS[purpose]
