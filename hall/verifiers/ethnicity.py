"""Ethnicity change: the rule is ethnic affairs', computed from police and civil-affairs data."""

from __future__ import annotations

from typing import Any

from hall.verifiers.base import Check, Subject, Verifier, applicant_check, record_missing

DOCUMENT = """
query EthnicityChangeVerification($id: String!, $to: String!, $on: Date) {
  person(idNumber: $id) {
    idNumber
    ethnicityCode
    father { idNumber }
    mother { idNumber }
    guardianships { number guardian { idNumber } }
    ethnicityChangeEligibility(toCode: $to, onDate: $on) {
      eligible
      basis
      checks {
        code passed summaryZh summaryEn sourceAgency recordType recordReference
      }
    }
  }
}
"""


def _variables(subject: Subject) -> dict[str, Any]:
    return {
        "id": subject.subject_id,
        "to": subject.details["target_ethnic_group"],
        "on": subject.submitted_on.isoformat(),
    }


def _self_only(subject: Subject) -> Check:
    passed = subject.applicant_id == subject.subject_id
    return Check(
        code="APPLICANT",
        passed=passed,
        summary_zh="本人申请" if passed else "成年人须本人申请",
        summary_en="the applicant applies for themself"
        if passed
        else "an adult must apply in person",
        source_agency="police",
        record_type="Person",
        record_reference=subject.subject_id,
    )


def _checks(subject: Subject, data: dict[str, Any], *, minor: bool) -> list[Check]:
    person = data.get("person")
    if not person:
        return [record_missing("PERSON", "police", "Person", subject.subject_id)]
    applicant = applicant_check(subject, person, minor_only=True) if minor else _self_only(subject)
    eligibility = person.get("ethnicityChangeEligibility")
    if not eligibility:
        return [
            applicant,
            record_missing("ELIGIBILITY", "ethnic_affairs", "Person", subject.subject_id),
        ]
    return [
        applicant,
        *(
            Check(
                code=check["code"],
                passed=bool(check["passed"]),
                summary_zh=check["summaryZh"],
                summary_en=check["summaryEn"],
                source_agency=check["sourceAgency"],
                record_type=check["recordType"],
                record_reference=check.get("recordReference"),
                # A hearing of a child of 16 or more is a step to take, not a refusal.
                required=check["code"] != "MINOR_HEARD",
            )
            for check in eligibility.get("checks") or ()
        ),
        Check(
            code="ELIGIBLE",
            passed=bool(eligibility.get("eligible")),
            summary_zh="符合民族成份变更条件" if eligibility.get("eligible") else "不符合变更条件",
            summary_en="eligible for the change"
            if eligibility.get("eligible")
            else "not eligible for the change",
            source_agency="ethnic_affairs",
            record_type="Person",
            record_reference=subject.subject_id,
        ),
    ]


def _facts(subject: Subject, data: dict[str, Any]) -> dict[str, Any]:
    person = data.get("person") or {}
    eligibility = person.get("ethnicityChangeEligibility") or {}
    return {"fromCode": person.get("ethnicityCode"), "basis": eligibility.get("basis")}


MINOR = Verifier(
    document=DOCUMENT,
    variables=_variables,
    checks=lambda subject, data: _checks(subject, data, minor=True),
    facts=_facts,
)
ADULT = Verifier(
    document=DOCUMENT,
    variables=_variables,
    checks=lambda subject, data: _checks(subject, data, minor=False),
    facts=_facts,
)
