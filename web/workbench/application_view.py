"""An application as the accepting unit reads it: people, details, checks, steps, urgings."""

from __future__ import annotations

from typing import Any

from web.i18n import N_
from web.labels import ACTOR_KINDS, AGENCIES, DELIVERY_METHODS, STATES, label, record_name
from web.times import when
from web.workbench.fields import Cell, Reader

A = "application"


def application_view(reader: Reader, *, language: str) -> dict[str, Any]:
    """Everything the application page shows, ready for the template."""
    application: dict[str, Any] = reader.value(A) or {}
    verification = reader.cell(A, "verification", show=lambda _: "")
    return {
        "number": application.get("number", ""),
        "state": application.get("state") or "",
        "state_label": label(STATES, application.get("state")),
        "version": application.get("version"),
        "unit": application.get("unitCode") or "",
        "agency": label(AGENCIES, application.get("agency")),
        "service": record_name(language, application.get("service"))
        or application.get("serviceCode"),
        "submitted": when(application.get("submittedAt")),
        "promised": application.get("promisedOn") or "",
        "legal": application.get("legalOn") or "",
        "overdue": bool(application.get("overdue")),
        "delivery": label(DELIVERY_METHODS, application.get("delivery")),
        "decision_reason": application.get("decisionReason") or "",
        "people": [
            (N_("Applicant"), reader.person(A, "applicant")),
            (N_("Person concerned"), reader.person(A, "subject")),
            (N_("Date of birth of the person concerned"), reader.cell(A, "subject", "birthDate")),
        ],
        "details": _details(reader, language),
        "details_refused": _details_refused(reader),
        "verification": verification,
        "eligible": bool(reader.value(A, "verification", "eligible")),
        "verified_at": when(reader.value(A, "verification", "verifiedAt")),
        "verification_errors": reader.value(A, "verification", "errors") or [],
        "checks": [
            _check(check, language) for check in reader.value(A, "verification", "checks") or []
        ],
        "steps": [_step(step) for step in application.get("steps") or []],
        "urgings": [
            {**urging, "at": when(urging.get("at"))} for urging in application.get("urgings") or []
        ],
    }


def _details_refused(reader: Reader) -> Cell | None:
    """Why the form's fields are not shown, if they are not."""
    values = reader.cell(A, "details", show=lambda _: "")
    return None if values.status == "shown" else values


def _details(reader: Reader, language: str) -> list[tuple[str, Cell]]:
    """The form's fields with their labels and the values' names."""
    details = reader.value(A, "details")
    if not isinstance(details, dict):
        return []
    fields = {field["key"]: field for field in reader.value(A, "service", "formFields") or []}
    groups = {group["code"]: group for group in reader.value("ethnicGroups") or []}
    rows: list[tuple[str, Cell]] = []
    for key, value in details.items():
        field = fields.get(key) or {}
        rows.append((record_name(language, field) or key, _detail(field, value, groups, language)))
    return rows


def _detail(field: dict[str, Any], value: Any, groups: dict[str, Any], language: str) -> Cell:
    kind = field.get("valueType")
    if kind == "BOOLEAN":
        return Cell(text=N_("Yes") if value else N_("No"), label=True)
    if kind == "ETHNIC_GROUP" and str(value) in groups:
        return Cell(text=f"{record_name(language, groups[str(value)])} ({value})")
    choices = {choice["code"]: choice for choice in field.get("choices") or []}
    if str(value) in choices:
        return Cell(text=f"{record_name(language, choices[str(value)])} ({value})")
    return Cell(text=str(value))


def _check(check: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        "code": check.get("code") or "",
        "passed": bool(check.get("passed")),
        "required": bool(check.get("required")),
        "summary": check.get("summaryEn" if language == "en" else "summaryZh") or "",
        "agency": label(AGENCIES, check.get("sourceAgency")),
        "record_type": check.get("recordType") or "",
        "reference": check.get("recordReference") or "",
    }


def _step(step: dict[str, Any]) -> dict[str, Any]:
    return {
        "state": label(STATES, step.get("toState")),
        "at": when(step.get("at")),
        "actor": label(ACTOR_KINDS, step.get("actorKind")),
        "agency": label(AGENCIES, step.get("actorAgency")) if step.get("actorAgency") else "",
        "unit": step.get("actorUnit") or "",
        "reason": step.get("reason") or "",
    }
