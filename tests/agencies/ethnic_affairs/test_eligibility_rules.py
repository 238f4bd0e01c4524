"""The ethnicity-change rules of the 2015 measures, decided over plain records.

The parametrized cases compare each decision's outline (eligible, basis, and every check as
code, passed, source agency, record type and reference, in order); the last tests pin whole
decisions, summaries included.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from agencies.ethnic_affairs.eligibility import (
    Adoption,
    Applicant,
    Basis,
    Check,
    CheckCode,
    Eligibility,
    Marriage,
    Parent,
    PriorChange,
    Spouse,
    decide,
)

HAN, HUI, SHE = "01", "03", "22"
CHILD = "350424201003150017"  # born 2010-03-15: 16 on 2026-03-15
ADULT = "350424200603150014"  # born 2006-03-15: 18 on 2024-03-15, 20 on 2026-03-15
FATHER = "350424198001010013"
MOTHER = "350424198202020024"
STEP = "350424197903030035"
HOME, FATHERS_HOME = "35042400000001", "35042400000002"
ON = date(2025, 11, 1)

PARENTS_MARRIAGE = Marriage(
    "J350424-2008-0000001", date(2008, 5, 1), None, Spouse(FATHER, HAN), Spouse(MOTHER, SHE)
)
DIVORCED = replace(PARENTS_MARRIAGE, divorced_on=date(2019, 6, 1))
REMARRIAGE = Marriage(
    "J350424-2021-0000002", date(2021, 9, 1), None, Spouse(STEP, HUI), Spouse(MOTHER, SHE)
)


def family(
    *,
    marriages: tuple[Marriage, ...] = (PARENTS_MARRIAGE,),
    father_home: str | None = HOME,
    child: str = CHILD,
    born: date = date(2010, 3, 15),
    **changes: Any,
) -> Applicant:
    """A Han child, its Han father and She mother (at home, married); `changes` replace."""
    father_marriages = tuple(m for m in marriages if m.spouse_of(FATHER) is not None)
    return replace(
        Applicant(
            id_number=child,
            birth_date=born,
            ethnicity_code=HAN,
            household_number=HOME,
            father=Parent(FATHER, HAN, father_home, father_marriages),
            mother=Parent(MOTHER, SHE, HOME, marriages),
        ),
        **changes,
    )


REMARRIED = family(marriages=(DIVORCED, REMARRIAGE), father_home=FATHERS_HOME)
ADULT_APPLICANT = family(child=ADULT, born=date(2006, 3, 15))


def p(code: CheckCode, passed: bool, source: str, record: str, reference: str) -> tuple[Any, ...]:
    return (code, passed, source, record, reference)


def common(
    person: str, code: str = SHE, *, known: bool = True, differs: bool = True, age: bool = True
) -> list[tuple[Any, ...]]:
    """The four checks every decision starts with."""
    return [
        p(CheckCode.TARGET_KNOWN, known, "ethnic_affairs", "EthnicGroup", code),
        p(CheckCode.TARGET_DIFFERS, differs, "police", "Person", person),
        p(CheckCode.NOT_CHANGED_BEFORE, True, "ethnic_affairs", "Person", person),
        p(CheckCode.AGE, age, "police", "Person", person),
    ]


NOT_ADOPTED = p(CheckCode.ADOPTED, False, "civil_affairs", "Person", CHILD)
DIVORCE = p(CheckCode.MARRIAGE_CHANGED, True, "civil_affairs", "Marriage", DIVORCED.number)
MOTHER_DIFFERS = p(CheckCode.RAISING_PARENT_DIFFERS, True, "police", "Person", MOTHER)
HEARD = p(CheckCode.MINOR_HEARD, False, "police", "Person", CHILD)


def target(passed: bool, reference: str) -> tuple[Any, ...]:
    return p(CheckCode.TARGET_IS_PARENTS, passed, "police", "Person", reference)


def outline(result: Eligibility) -> tuple[bool, Basis | None, list[tuple[Any, ...]]]:
    checks = [
        (c.code, c.passed, c.source_agency, c.record_type, c.record_reference)
        for c in result.checks
    ]
    return result.eligible, result.basis, checks


CASES = [
    pytest.param(
        REMARRIED,
        SHE,
        ON,
        (True, Basis.MOTHER, [*common(CHILD), DIVORCE, MOTHER_DIFFERS, target(True, MOTHER)]),
        id="divorced-minor-follows-the-mother-raising-him",
    ),
    pytest.param(
        REMARRIED,
        HUI,
        ON,
        (
            True,
            Basis.STEP_PARENT,
            [*common(CHILD, HUI), DIVORCE, MOTHER_DIFFERS, target(True, STEP)],
        ),
        id="divorced-minor-follows-the-stepfather",
    ),
    pytest.param(
        family(marriages=(REMARRIAGE,), father_home=FATHERS_HOME),
        HUI,
        ON,
        (
            True,
            Basis.STEP_PARENT,
            [
                *common(CHILD, HUI),
                p(CheckCode.MARRIAGE_CHANGED, True, "civil_affairs", "Marriage", REMARRIAGE.number),
                MOTHER_DIFFERS,
                target(True, STEP),
            ],
        ),
        id="unmarried-parents-then-the-raising-mother-married",
    ),
    pytest.param(
        REMARRIED,
        SHE,
        date(2019, 5, 31),
        (
            False,
            None,
            [
                *common(CHILD),
                NOT_ADOPTED,
                p(
                    CheckCode.MARRIAGE_CHANGED,
                    False,
                    "civil_affairs",
                    "Marriage",
                    PARENTS_MARRIAGE.number,
                ),
                MOTHER_DIFFERS,
                target(True, MOTHER),
            ],
        ),
        id="before-the-divorce-nothing-changed-yet",
    ),
    pytest.param(
        family(),
        SHE,
        ON,
        (
            False,
            None,
            [
                *common(CHILD),
                NOT_ADOPTED,
                p(
                    CheckCode.MARRIAGE_CHANGED,
                    False,
                    "civil_affairs",
                    "Marriage",
                    PARENTS_MARRIAGE.number,
                ),
                MOTHER_DIFFERS,
                target(True, MOTHER),
            ],
        ),
        id="intact-marriage-refused",
    ),
    pytest.param(
        family(marriages=(DIVORCED,), father_home=FATHERS_HOME, ethnicity_code=SHE),
        HAN,
        ON,
        (
            False,
            None,
            [
                *common(CHILD, HAN),
                NOT_ADOPTED,
                DIVORCE,
                p(CheckCode.RAISING_PARENT_DIFFERS, False, "police", "Person", MOTHER),
                target(False, CHILD),
            ],
        ),
        id="the-father-who-left-cannot-be-followed",
    ),
    pytest.param(
        family(
            marriages=(PARENTS_MARRIAGE,),
            adoptions=(Adoption("SY350424-2012-000001", FATHER, MOTHER),),
        ),
        SHE,
        ON,
        (
            True,
            Basis.ADOPTIVE_PARENT,
            [
                *common(CHILD),
                p(CheckCode.ADOPTED, True, "civil_affairs", "Adoption", "SY350424-2012-000001"),
                target(True, MOTHER),
            ],
        ),
        id="adopted-minor-follows-the-adoptive-mother",
    ),
    pytest.param(
        REMARRIED,
        SHE,
        date(2026, 3, 14),
        (True, Basis.MOTHER, [*common(CHILD), DIVORCE, MOTHER_DIFFERS, target(True, MOTHER)]),
        id="day-before-16th-birthday-not-heard",
    ),
    pytest.param(
        REMARRIED,
        SHE,
        date(2026, 3, 15),
        (
            True,
            Basis.MOTHER,
            [*common(CHILD), HEARD, DIVORCE, MOTHER_DIFFERS, target(True, MOTHER)],
        ),
        id="16th-birthday-heard-but-not-refused",
    ),
    pytest.param(
        family(child=ADULT, born=date(2006, 3, 15)),
        SHE,
        date(2024, 3, 14),
        (
            False,
            None,
            [
                *common(ADULT),
                p(CheckCode.MINOR_HEARD, False, "police", "Person", ADULT),
                p(CheckCode.ADOPTED, False, "civil_affairs", "Person", ADULT),
                p(
                    CheckCode.MARRIAGE_CHANGED,
                    False,
                    "civil_affairs",
                    "Marriage",
                    PARENTS_MARRIAGE.number,
                ),
                MOTHER_DIFFERS,
                target(True, MOTHER),
            ],
        ),
        id="day-before-18th-birthday-still-a-minor",
    ),
    pytest.param(
        ADULT_APPLICANT,
        SHE,
        date(2024, 3, 15),
        (True, Basis.MOTHER, [*common(ADULT), target(True, MOTHER)]),
        id="18th-birthday-an-adult-may-follow-either-parent",
    ),
    pytest.param(
        ADULT_APPLICANT,
        SHE,
        date(2026, 3, 14),
        (True, Basis.MOTHER, [*common(ADULT), target(True, MOTHER)]),
        id="day-before-20th-birthday-still-in-time",
    ),
    pytest.param(
        ADULT_APPLICANT,
        SHE,
        date(2026, 3, 15),
        (False, None, [*common(ADULT, age=False), target(True, MOTHER)]),
        id="20th-birthday-too-late",
    ),
    pytest.param(
        ADULT_APPLICANT,
        HUI,
        date(2025, 3, 15),
        (False, None, [*common(ADULT, HUI), target(False, ADULT)]),
        id="adult-target-no-parents-ethnicity",
    ),
    pytest.param(
        ADULT_APPLICANT,
        HAN,
        date(2025, 3, 15),
        (False, None, [*common(ADULT, HAN, differs=False), target(True, FATHER)]),
        id="same-ethnicity-target",
    ),
    pytest.param(
        replace(ADULT_APPLICANT, father=None, mother=None),
        SHE,
        date(2025, 3, 15),
        (False, None, [*common(ADULT), target(False, ADULT)]),
        id="adult-without-parents-on-record",
    ),
    pytest.param(
        replace(REMARRIED, father=None, mother=None),
        SHE,
        ON,
        (
            False,
            None,
            [
                *common(CHILD),
                NOT_ADOPTED,
                p(CheckCode.MARRIAGE_CHANGED, False, "civil_affairs", "Person", CHILD),
                p(CheckCode.RAISING_PARENT_DIFFERS, False, "police", "Person", CHILD),
                target(False, CHILD),
            ],
        ),
        id="minor-without-parents-on-record",
    ),
]


@pytest.mark.parametrize(("applicant", "to_code", "on_date", "expected"), CASES)
def test_decision_outline(
    applicant: Applicant, to_code: str, on_date: date, expected: tuple[Any, ...]
) -> None:
    # given an applicant's records, when the rules decide on a change to `to_code` on a day
    result = decide(applicant, to_code=to_code, on_date=on_date, code_known=True)
    # then eligibility, basis and every check (with its record) are as the measures say
    assert outline(result) == expected


def test_unknown_code_is_refused_whatever_the_parents() -> None:
    # given the remarried minor, when asked for a code GB 3304 does not have
    result = decide(REMARRIED, to_code="99", on_date=ON, code_known=False)
    # then the target check fails, and so does the parent match
    assert outline(result) == (
        False,
        None,
        [
            *common(CHILD, "99", known=False),
            NOT_ADOPTED,
            DIVORCE,
            MOTHER_DIFFERS,
            target(False, CHILD),
        ],
    )


def test_a_second_change_is_refused_but_a_later_one_does_not_count_yet() -> None:
    # given an adult of 19 whose change to She was approved on 2025-01-10
    changed = replace(ADULT_APPLICANT, prior_changes=(PriorChange("MZ-2025-1", date(2025, 1, 10)),))
    # when the rules decide on the day of the approval and on the day before it
    after = decide(changed, to_code=SHE, on_date=date(2025, 1, 10), code_known=True)
    before = decide(changed, to_code=SHE, on_date=date(2025, 1, 9), code_known=True)
    # then the change counts from its decision day on, and not before
    assert (outline(after), outline(before)) == (
        (
            False,
            None,
            [
                *common(ADULT)[:2],
                p(
                    CheckCode.NOT_CHANGED_BEFORE,
                    False,
                    "ethnic_affairs",
                    "EthnicityChange",
                    "MZ-2025-1",
                ),
                *common(ADULT)[3:],
                target(True, MOTHER),
            ],
        ),
        (True, Basis.MOTHER, [*common(ADULT), target(True, MOTHER)]),
    )


def test_whole_decision_for_the_remarried_minor() -> None:
    # given the divorced minor raised by his She mother, when he asks for She
    result = decide(REMARRIED, to_code=SHE, on_date=ON, code_known=True)
    # then every check carries its summaries in both languages
    assert result == Eligibility(
        eligible=True,
        basis=Basis.MOTHER,
        checks=(
            Check(
                CheckCode.TARGET_KNOWN,
                True,
                "22为GB 3304民族代码",
                "22 is a GB 3304 code",
                "ethnic_affairs",
                "EthnicGroup",
                SHE,
            ),
            Check(
                CheckCode.TARGET_DIFFERS,
                True,
                "现民族成份01，拟变更为22",
                "registered as 01, not 22",
                "police",
                "Person",
                CHILD,
            ),
            Check(
                CheckCode.NOT_CHANGED_BEFORE,
                True,
                "此前未变更过民族成份",
                "no earlier ethnicity change was approved",
                "ethnic_affairs",
                "Person",
                CHILD,
            ),
            Check(
                CheckCode.AGE, True, "15周岁，未成年", "aged 15, a minor", "police", "Person", CHILD
            ),
            Check(
                CheckCode.MARRIAGE_CHANGED,
                True,
                "父母婚姻（J350424-2008-0000001）已于2019-06-01登记离婚",
                "the parents' marriage J350424-2008-0000001 ended in divorce on 2019-06-01",
                "civil_affairs",
                "Marriage",
                DIVORCED.number,
            ),
            Check(
                CheckCode.RAISING_PARENT_DIFFERS,
                True,
                "子女民族成份01与抚养子女的母亲的22不同",
                "the child's ethnicity 01 differs from 22 of the mother raising the child",
                "police",
                "Person",
                MOTHER,
            ),
            Check(
                CheckCode.TARGET_IS_PARENTS,
                True,
                "22为抚养子女的母亲的民族成份",
                "22 is the ethnicity of the mother raising the child",
                "police",
                "Person",
                MOTHER,
            ),
        ),
    )


def test_whole_refusal_of_an_adult_past_the_window() -> None:
    # given an adult of 20 whose father's ethnicity differs from the one asked for
    result = decide(ADULT_APPLICANT, to_code=HUI, on_date=date(2026, 3, 15), code_known=True)
    # then the age and the target checks fail, each saying why
    assert result == Eligibility(
        eligible=False,
        basis=None,
        checks=(
            Check(
                CheckCode.TARGET_KNOWN,
                True,
                "03为GB 3304民族代码",
                "03 is a GB 3304 code",
                "ethnic_affairs",
                "EthnicGroup",
                HUI,
            ),
            Check(
                CheckCode.TARGET_DIFFERS,
                True,
                "现民族成份01，拟变更为03",
                "registered as 01, not 03",
                "police",
                "Person",
                ADULT,
            ),
            Check(
                CheckCode.NOT_CHANGED_BEFORE,
                True,
                "此前未变更过民族成份",
                "no earlier ethnicity change was approved",
                "ethnic_affairs",
                "Person",
                ADULT,
            ),
            Check(
                CheckCode.AGE,
                False,
                "20周岁，年满18周岁后的两年已于2026-03-15届满",
                "aged 20: the two years after turning 18 ended on 2026-03-15",
                "police",
                "Person",
                ADULT,
            ),
            Check(
                CheckCode.TARGET_IS_PARENTS,
                False,
                "03不是可依从的父母的民族成份（01、22）",
                "03 is not the ethnicity of a parent it may follow (01, 22)",
                "police",
                "Person",
                ADULT,
            ),
        ),
    )
