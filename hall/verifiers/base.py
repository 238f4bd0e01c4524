"""What a service's automatic verification is: one gateway query and the checks read off it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Check:
    """One verified condition, with the agency and record it rests on."""

    code: str
    passed: bool
    summary_zh: str
    summary_en: str
    source_agency: str
    record_type: str
    record_reference: str | None
    required: bool = True

    def as_json(self) -> dict[str, Any]:
        """The check as stored with the application."""
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class Subject:
    """What a verifier knows of the application before it asks anyone."""

    number: str
    applicant_id: str
    subject_id: str
    details: dict[str, Any]
    submitted_on: date
    # What the verification learned that execution needs (a current ethnicity, a basis).
    facts: dict[str, Any] = field(default_factory=dict)
    decided_on: date | None = None


def no_facts(subject: Subject, data: dict[str, Any]) -> dict[str, Any]:
    """A verifier that passes nothing on to execution."""
    return {}


@dataclass(frozen=True, kw_only=True)
class Verifier:
    """One federated query for a service, how its answer becomes checks, and what of it
    execution needs later (`facts`, stored with the verification)."""

    document: str
    variables: Callable[[Subject], dict[str, Any]]
    checks: Callable[[Subject, dict[str, Any]], list[Check]]
    facts: Callable[[Subject, dict[str, Any]], dict[str, Any]] = no_facts


def check(code: str, passed: bool, zh: str, en: str, agency: str, kind: str, ref: Any) -> Check:
    """A required check on one record of `agency` (`ref` its key, if any)."""
    return Check(
        code=code,
        passed=passed,
        summary_zh=zh,
        summary_en=en,
        source_agency=agency,
        record_type=kind,
        record_reference=None if ref is None else str(ref),
    )


def record_missing(code: str, agency: str, record_type: str, reference: str) -> Check:
    """The check that a record the service needs was not found (or not released)."""
    return Check(
        code=code,
        passed=False,
        summary_zh=f"未查到{record_type}记录 {reference}",
        summary_en=f"no {record_type} record {reference} was found",
        source_agency=agency,
        record_type=record_type,
        record_reference=reference,
    )


def applicant_check(subject: Subject, person: dict[str, Any], *, minor_only: bool) -> Check:
    """Whether the applicant may apply for the subject: self, a parent, or a guardian.

    Parents come from the police register; appointed guardians from civil affairs.
    """
    applicant = subject.applicant_id
    if applicant == subject.subject_id and not minor_only:
        return Check(
            code="APPLICANT",
            passed=True,
            summary_zh="本人申请",
            summary_en="the applicant applies for themself",
            source_agency="police",
            record_type="Person",
            record_reference=applicant,
        )
    parents = {(person.get(role) or {}).get("idNumber"): role for role in ("father", "mother")}
    if applicant in parents:
        return Check(
            code="APPLICANT",
            passed=True,
            summary_zh="申请人为登记的父亲或母亲",
            summary_en=f"the applicant is the registered {parents[applicant]}",
            source_agency="police",
            record_type="Person",
            record_reference=subject.subject_id,
        )
    for guardianship in person.get("guardianships") or ():
        if ((guardianship or {}).get("guardian") or {}).get("idNumber") == applicant:
            return Check(
                code="APPLICANT",
                passed=True,
                summary_zh="申请人为指定监护人",
                summary_en="the applicant is the appointed guardian",
                source_agency="civil_affairs",
                record_type="Guardianship",
                record_reference=guardianship.get("number"),
            )
    return Check(
        code="APPLICANT",
        passed=False,
        summary_zh="申请人不是本人、父母或监护人",
        summary_en="the applicant is neither the person, a parent nor a guardian",
        source_agency="police",
        record_type="Person",
        record_reference=subject.subject_id,
    )
