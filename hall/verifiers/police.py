"""Police services: the person on record, the applicant's standing, and each service's evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hall.verifiers.base import Check, Subject, Verifier, applicant_check, check, record_missing

PERSON = """
query PersonVerification($id: String!) {
  person(idNumber: $id) {
    idNumber name birthDate
    father { idNumber }
    mother { idNumber }
    guardianships { number guardian { idNumber } }
    household { number regionCode }
    %s
  }
}
"""
Extra = Callable[[Subject, dict[str, Any]], list[Check]]


def person_verifier(selection: str, extra: Extra) -> Verifier:
    """A verifier reading the subject's police record plus `selection`, checked by `extra`."""

    def checks(subject: Subject, data: dict[str, Any]) -> list[Check]:
        person = data.get("person")
        if not person or not person.get("name"):
            return [record_missing("PERSON", "police", "Person", subject.subject_id)]
        registered = check(
            "PERSON",
            True,
            "户籍信息已核验",
            "the person is in the household register",
            "police",
            "Person",
            subject.subject_id,
        )
        return [
            registered,
            applicant_check(subject, person, minor_only=False),
            *extra(subject, person),
        ]

    return Verifier(
        document=PERSON % selection,
        variables=lambda subject: {"id": subject.subject_id},
        checks=checks,
    )


def _name_change(subject: Subject, person: dict[str, Any]) -> list[Check]:
    new = str(subject.details.get("new_name", ""))
    return [
        check(
            "NAME_DIFFERS",
            new != person["name"],
            "新姓名与现姓名不同",
            "the new name differs from the registered one",
            "police",
            "Person",
            subject.subject_id,
        ),
    ]


def _id_card(subject: Subject, person: dict[str, Any]) -> list[Check]:
    # A reissue replaces a valid card that was lost or stolen; an expired one is renewed.
    valid = next((c for c in person.get("idCards") or () if c.get("status") == "VALID"), None)
    return [
        check(
            "VALID_CARD_ON_RECORD",
            valid is not None,
            "已查到在册有效居民身份证",
            "a valid identity card is on record",
            "police",
            "IdCard",
            (valid or {}).get("serial"),
        ),
    ]


def _transfer(subject: Subject, person: dict[str, Any]) -> list[Check]:
    household = person.get("household") or {}
    destination = subject.details.get("destination_region")
    employer = person.get("employer") or {}
    taxpayer = person.get("taxpayer") or {}
    marriages = [m for m in person.get("marriages") or () if not m.get("divorcedOn")]
    return [
        check(
            "HOUSEHOLD",
            bool(household.get("number")),
            "已查到迁出地户籍",
            "the current household is on record",
            "police",
            "Household",
            household.get("number"),
        ),
        check(
            "DESTINATION_DIFFERS",
            destination != household.get("regionCode"),
            "迁入地与迁出地不同",
            "the destination differs from the current county",
            "police",
            "Household",
            household.get("number"),
        ),
        Check(
            code="SPOUSE",
            passed=bool(marriages),
            required=False,
            summary_zh="婚姻登记已核验" if marriages else "未查到在婚登记",
            summary_en="a standing marriage is on record" if marriages else "no standing marriage",
            source_agency="civil_affairs",
            record_type="Marriage",
            record_reference=(marriages[-1] if marriages else {}).get("number"),
        ),
        Check(
            code="EMPLOYMENT",
            passed=bool(employer.get("code")),
            required=False,
            summary_zh="社保参保单位已核验" if employer else "未查到参保单位",
            summary_en="an insured employer is on record" if employer else "no insured employer",
            source_agency="social_security",
            record_type="Employer",
            record_reference=employer.get("code"),
        ),
        Check(
            code="TAXPAYER",
            passed=bool(taxpayer.get("taxpayerNumber")),
            required=False,
            summary_zh="纳税登记已核验" if taxpayer else "未查到纳税登记",
            summary_en="a taxpayer registration is on record" if taxpayer else "no taxpayer",
            source_agency="tax",
            record_type="Taxpayer",
            record_reference=taxpayer.get("taxpayerNumber"),
        ),
    ]


def _nothing_more(subject: Subject, person: dict[str, Any]) -> list[Check]:
    return []


NAME_CHANGE = person_verifier("", _name_change)
ID_CARD_REISSUE = person_verifier("idCards { serial status }", _id_card)
HOUSEHOLD_TRANSFER = person_verifier(
    "marriages { number divorcedOn } employer { code } taxpayer { taxpayerNumber }", _transfer
)
REGISTER_ONLY = person_verifier("", _nothing_more)
