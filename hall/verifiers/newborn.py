"""Newborn registration: birth certificate (health), parents (police), marriage (civil affairs)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hall.verifiers.base import Check, Subject, Verifier, check, record_missing

# The applicant is a parent; the newborn, not yet registered, has no ID number: the hall
# finds the child's birth certificate among those naming the applicant as a parent.
DOCUMENT = """
query NewbornVerification($parent: String!) {
  person(idNumber: $parent) {
    birthCertificatesAsParent {
      number
      childName
      childSex
      birthDate
      registered
      mother { ...Parent marriages { number husband { idNumber } divorcedOn } }
      father { ...Parent }
    }
  }
}
fragment Parent on Person { idNumber name ethnicityCode household { number } }
"""
# 出生登记 is due within one month of the birth.
REGISTRATION_WINDOW = timedelta(days=31)


def _variables(subject: Subject) -> dict[str, Any]:
    return {"parent": subject.applicant_id}


def certificate_of(subject: Subject, data: dict[str, Any]) -> dict[str, Any] | None:
    """The unregistered birth certificate the application is for (by the child's name when
    the parent has several)."""
    person = data.get("person") or {}
    pending = [c for c in person.get("birthCertificatesAsParent") or () if not c.get("registered")]
    named = [c for c in pending if c.get("childName") == subject.details.get("child_name")]
    chosen = named or pending
    return chosen[-1] if chosen else None


def _checks(subject: Subject, data: dict[str, Any]) -> list[Check]:
    certificate = certificate_of(subject, data)
    if not certificate:
        return [
            record_missing(
                "CERTIFICATE", "family_planning", "BirthCertificate", subject.applicant_id
            )
        ]
    number = certificate["number"]
    mother = certificate.get("mother") or {}
    father = certificate.get("father") or {}
    parents = [p for p in (father, mother) if p.get("idNumber")]
    born = date.fromisoformat(certificate["birthDate"])
    late = subject.submitted_on - born > REGISTRATION_WINDOW
    ethnicities = {p.get("ethnicityCode") for p in parents} - {None}
    marriage = next(
        (
            m
            for m in mother.get("marriages") or ()
            if (m.get("husband") or {}).get("idNumber") == father.get("idNumber")
        ),
        None,
    )
    chosen = subject.details.get("ethnic_group")
    parent = father if subject.details.get("register_with") == "FATHER" else mother
    household = (parent.get("household") or {}).get("number")
    return [
        check(
            "CERTIFICATE",
            True,
            "出生医学证明有效",
            "a birth medical certificate is on record",
            "family_planning",
            "BirthCertificate",
            number,
        ),
        check(
            "NOT_REGISTERED",
            not certificate.get("registered"),
            "新生儿尚未登记户口",
            "the child is not registered yet",
            "family_planning",
            "BirthCertificate",
            number,
        ),
        check(
            "WITHIN_ONE_MONTH",
            not late,
            "出生后一个月内申报",
            "filed within a month of birth",
            "family_planning",
            "BirthCertificate",
            number,
        ),
        check(
            "APPLICANT",
            subject.applicant_id in {p["idNumber"] for p in parents},
            "申请人为出生医学证明上的父亲或母亲",
            "the applicant is a parent on the certificate",
            "family_planning",
            "BirthCertificate",
            number,
        ),
        check(
            "PARENTS_REGISTERED",
            all(p.get("name") for p in parents) and bool(parents),
            "父母户籍信息已核验",
            "the parents are in the household register",
            "police",
            "Person",
            mother.get("idNumber"),
        ),
        check(
            "PARENT_HOUSEHOLD",
            household is not None,
            "随父或随母落户的户籍已核验",
            "the chosen parent's household is on record",
            "police",
            "Household",
            household,
        ),
        check(
            "ETHNICITY_OF_A_PARENT",
            chosen in ethnicities,
            "民族随父或随母",
            "the ethnicity is the father's or the mother's",
            "police",
            "Person",
            mother.get("idNumber"),
        ),
        Check(
            code="MARRIAGE_RECORD",
            passed=marriage is not None,
            summary_zh="父母婚姻登记已核验" if marriage else "未查到父母婚姻登记，按非婚生子女登记",
            summary_en="the parents' marriage is on record"
            if marriage
            else "no marriage of the parents on record: registered as born outside marriage",
            source_agency="civil_affairs",
            record_type="Marriage",
            record_reference=(marriage or {}).get("number"),
            # Children born outside marriage are registered too; the record is evidence only.
            required=False,
        ),
    ]


def _facts(subject: Subject, data: dict[str, Any]) -> dict[str, Any]:
    certificate = certificate_of(subject, data) or {}
    mother = certificate.get("mother") or {}
    father = certificate.get("father") or {}
    parent = father if subject.details.get("register_with") == "FATHER" else mother
    return {
        "certificate": certificate.get("number"),
        "sex": certificate.get("childSex"),
        "birthDate": certificate.get("birthDate"),
        "motherId": mother.get("idNumber"),
        "fatherId": father.get("idNumber"),
        "householdNumber": (parent.get("household") or {}).get("number"),
    }


NEWBORN = Verifier(document=DOCUMENT, variables=_variables, checks=_checks, facts=_facts)
