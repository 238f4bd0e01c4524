"""Who may change their ethnicity, by the 2015 measures: plain records in, checks out.

The records come from three agencies (the police's persons and households, civil affairs'
marriages and adoptions, ethnic affairs' own approvals); every check names the one it rests
on. Ethnicity may only follow a parent's: a minor's once the parents' marriage changed or
after an adoption (eligibility_grounds.py), an adult's within two years after turning 18.
"""

from __future__ import annotations

from datetime import date

from agencies.ethnic_affairs import eligibility_grounds as grounds
from agencies.ethnic_affairs.eligibility_records import (
    ETHNIC_AFFAIRS,
    POLICE,
    Adoption,
    Applicant,
    Basis,
    Check,
    CheckCode,
    Eligibility,
    Ground,
    Marriage,
    Parent,
    PriorChange,
    Spouse,
    check,
    person_record,
)
from agencies.population.calendar import age_on, years_after

__all__ = [
    "Adoption",
    "Applicant",
    "Basis",
    "Check",
    "CheckCode",
    "Eligibility",
    "Marriage",
    "Parent",
    "PriorChange",
    "Spouse",
    "decide",
]

ADULT_AGE = 18
HEARING_AGE = 16  # a minor of this age or older is heard before the decision
ADULT_WINDOW_YEARS = 2  # an adult may change until this many years after turning 18


def decide(applicant: Applicant, *, to_code: str, on_date: date, code_known: bool) -> Eligibility:
    """Decide whether `applicant` may change to `to_code` on `on_date`.

    `code_known` tells whether `to_code` is in the GB 3304 catalogue. A minor of 16 or more
    gets a MINOR_HEARD check that is not passed yet and never refuses; otherwise the
    applicant is eligible exactly when every check reported passed.
    """
    common = [
        _target_known(to_code, code_known),
        _target_differs(applicant, to_code),
        _not_changed_before(applicant, on_date),
    ]
    age = age_on(applicant.birth_date, on_date)
    common.append(_age(applicant, age))
    notices: list[Check] = []
    if age < ADULT_AGE:
        if age >= HEARING_AGE:
            notices.append(_minor_heard(applicant, age))
        options: list[Ground] = [
            grounds.adoption(applicant, to_code),
            grounds.marriage_change(applicant, to_code, on_date),
        ]
    else:
        options = [grounds.adult(applicant, to_code)]
    chosen = next((ground for ground in options if ground.met), None)
    if chosen is not None and all(item.passed for item in common):
        return Eligibility(True, chosen.basis, (*common, *notices, *chosen.checks))
    shown = [chosen] if chosen is not None else options
    return Eligibility(False, None, (*common, *notices, *_flatten(shown)))


def _flatten(shown: list[Ground]) -> list[Check]:
    return [item for ground in shown for item in ground.checks]


def _target_known(to_code: str, code_known: bool) -> Check:
    if code_known:
        zh, en = f"{to_code}为GB 3304民族代码", f"{to_code} is a GB 3304 code"
    else:
        zh, en = f"{to_code}不是GB 3304民族代码", f"{to_code} is not a GB 3304 code"
    return check(
        CheckCode.TARGET_KNOWN, code_known, zh, en, ETHNIC_AFFAIRS, ("EthnicGroup", to_code)
    )


def _target_differs(applicant: Applicant, to_code: str) -> Check:
    current = applicant.ethnicity_code
    if current != to_code:
        zh, en = (
            f"现民族成份{current}，拟变更为{to_code}",
            f"registered as {current}, not {to_code}",
        )
    else:
        zh, en = f"现民族成份已是{to_code}", f"already registered as {to_code}"
    record = person_record(applicant.id_number)
    return check(CheckCode.TARGET_DIFFERS, current != to_code, zh, en, POLICE, record)


def _not_changed_before(applicant: Applicant, on_date: date) -> Check:
    earlier = sorted(
        (c for c in applicant.prior_changes if c.decided_on <= on_date),
        key=lambda c: (c.decided_on, c.number),
    )
    if not earlier:
        return check(
            CheckCode.NOT_CHANGED_BEFORE,
            True,
            "此前未变更过民族成份",
            "no earlier ethnicity change was approved",
            ETHNIC_AFFAIRS,
            person_record(applicant.id_number),
        )
    first = earlier[0]
    return check(
        CheckCode.NOT_CHANGED_BEFORE,
        False,
        f"已于{first.decided_on}批准变更民族成份，只能变更一次",
        f"a change was approved on {first.decided_on}; only one is allowed",
        ETHNIC_AFFAIRS,
        ("EthnicityChange", first.number),
    )


def _age(applicant: Applicant, age: int) -> Check:
    record = person_record(applicant.id_number)
    if age < ADULT_AGE:
        zh, en = f"{age}周岁，未成年", f"aged {age}, a minor"
        return check(CheckCode.AGE, True, zh, en, POLICE, record)
    window_ends = years_after(applicant.birth_date, ADULT_AGE + ADULT_WINDOW_YEARS)
    if age < ADULT_AGE + ADULT_WINDOW_YEARS:
        zh = f"{age}周岁，在年满18周岁后两年内（{window_ends}前）"
        en = f"aged {age}, within two years after turning 18 (before {window_ends})"
        return check(CheckCode.AGE, True, zh, en, POLICE, record)
    zh = f"{age}周岁，年满18周岁后的两年已于{window_ends}届满"
    en = f"aged {age}: the two years after turning 18 ended on {window_ends}"
    return check(CheckCode.AGE, False, zh, en, POLICE, record)


def _minor_heard(applicant: Applicant, age: int) -> Check:
    return check(
        CheckCode.MINOR_HEARD,
        False,
        f"{age}周岁，须听取本人意见（不影响受理）",
        f"aged {age}: the child must be heard (this does not refuse the application)",
        POLICE,
        person_record(applicant.id_number),
    )
