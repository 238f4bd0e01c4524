"""The legal grounds of a change: an adult's, a minor's after adoption or a marriage change."""

from __future__ import annotations

from datetime import date

from agencies.ethnic_affairs.eligibility_records import (
    CIVIL_AFFAIRS,
    POLICE,
    Applicant,
    Basis,
    Candidate,
    Check,
    CheckCode,
    Ground,
    Marriage,
    Parent,
    check,
    person_record,
)

PARENT_WORDS = {Basis.FATHER: ("父亲", "father"), Basis.MOTHER: ("母亲", "mother")}
ADOPTER_WORDS = {
    Basis.FATHER: ("养父", "adoptive father"),
    Basis.MOTHER: ("养母", "adoptive mother"),
}


def adult(applicant: Applicant, to_code: str) -> Ground:
    """An adult within two years after turning 18 may take either registered parent's."""
    candidates = [
        Candidate(parent.id_number, parent.ethnicity_code, basis, *PARENT_WORDS[basis])
        for parent, basis in applicant.parents
    ]
    return Ground((target_check(candidates, to_code, applicant),), basis_of(candidates, to_code))


def adoption(applicant: Applicant, to_code: str) -> Ground:
    """An adopted minor may take an adoptive parent's ethnicity."""
    if not applicant.adoptions:
        adopted = check(
            CheckCode.ADOPTED,
            False,
            "未查到收养登记",
            "no adoption of the applicant is registered",
            CIVIL_AFFAIRS,
            person_record(applicant.id_number),
        )
        return Ground((adopted,), None)
    latest = applicant.adoptions[-1]
    adopted = check(
        CheckCode.ADOPTED,
        True,
        f"已登记收养（{latest.number}）",
        f"the adoption {latest.number} is registered",
        CIVIL_AFFAIRS,
        ("Adoption", latest.number),
    )
    adopters = {
        adopter
        for record in applicant.adoptions
        for adopter in (record.adoptive_father_id, record.adoptive_mother_id)
        if adopter is not None
    }
    # An adoption makes the adopters the registered parents: the police hold their ethnicity.
    candidates = [
        Candidate(parent.id_number, parent.ethnicity_code, Basis.ADOPTIVE_PARENT, *ADOPTER_WORDS[b])
        for parent, b in applicant.parents
        if parent.id_number in adopters
    ]
    target = target_check(candidates, to_code, applicant)
    return Ground((adopted, target), basis_of(candidates, to_code))


def marriage_change(applicant: Applicant, to_code: str, on_date: date) -> Ground:
    """A minor whose parents' marriage changed may take the raising parent's or step-parent's
    ethnicity, when the child's differs from it."""
    raising = [
        (parent, basis)
        for parent, basis in applicant.parents
        if parent.household_number is not None
        and parent.household_number == applicant.household_number
    ]
    candidates = [
        Candidate(parent.id_number, parent.ethnicity_code, basis, *_raising_words(basis))
        for parent, basis in raising
    ]
    candidates += _step_parents(applicant, raising, on_date)
    return Ground(
        (
            _marriage_changed(applicant, raising, on_date),
            _raising_parent_differs(applicant, raising, candidates),
            target_check(candidates, to_code, applicant),
        ),
        basis_of(candidates, to_code),
    )


def target_check(candidates: list[Candidate], to_code: str, applicant: Applicant) -> Check:
    """TARGET_IS_PARENTS: the first candidate whose ethnicity is `to_code`, if any."""
    match = next((c for c in candidates if c.ethnicity_code == to_code), None)
    if match is not None:
        return check(
            CheckCode.TARGET_IS_PARENTS,
            True,
            f"{to_code}为{match.why_zh}的民族成份",
            f"{to_code} is the ethnicity of the {match.why_en}",
            POLICE,
            person_record(match.id_number),
        )
    known = "、".join(sorted({c.ethnicity_code for c in candidates if c.ethnicity_code})) or "无"
    known_en = ", ".join(sorted({c.ethnicity_code for c in candidates if c.ethnicity_code}))
    return check(
        CheckCode.TARGET_IS_PARENTS,
        False,
        f"{to_code}不是可依从的父母的民族成份（{known}）",
        f"{to_code} is not the ethnicity of a parent it may follow ({known_en or 'none'})",
        POLICE,
        person_record(applicant.id_number),
    )


def basis_of(candidates: list[Candidate], to_code: str) -> Basis | None:
    """The basis of the first candidate whose ethnicity is `to_code`."""
    return next((c.basis for c in candidates if c.ethnicity_code == to_code), None)


def _raising_words(basis: Basis) -> tuple[str, str]:
    zh, en = PARENT_WORDS[basis]
    return f"抚养子女的{zh}", f"{en} raising the child"


def _other_parent(applicant: Applicant, parent: Parent) -> str | None:
    other = applicant.mother if parent is applicant.father else applicant.father
    return None if other is None else other.id_number


def _step_parents(
    applicant: Applicant, raising: list[tuple[Parent, Basis]], on_date: date
) -> list[Candidate]:
    """The raising parents' current spouses who are not the child's other parent."""
    found = []
    for parent, _ in raising:
        for marriage in parent.marriages:
            spouse = marriage.spouse_of(parent.id_number)
            if (
                spouse is None
                or not marriage.stands_on(on_date)
                or spouse.id_number == _other_parent(applicant, parent)
            ):
                continue
            stepfather = spouse is marriage.husband
            zh, en = ("继父", "stepfather") if stepfather else ("继母", "stepmother")
            found.append(
                Candidate(spouse.id_number, spouse.ethnicity_code, Basis.STEP_PARENT, zh, en)
            )
    return found


def _parents_marriage(applicant: Applicant, on_date: date) -> Marriage | None:
    """The latest marriage of the father and mother to each other registered by `on_date`."""
    father, mother = applicant.father, applicant.mother
    if father is None or mother is None:
        return None
    couple = {father.id_number, mother.id_number}
    theirs = [
        marriage
        for marriage in (*father.marriages, *mother.marriages)
        if {marriage.husband.id_number, marriage.wife.id_number} == couple
        and marriage.registered_on <= on_date
    ]
    return max(theirs, key=lambda m: (m.registered_on, m.number), default=None)


def _remarriage(
    applicant: Applicant, raising: list[tuple[Parent, Basis]], on_date: date
) -> tuple[Marriage, Basis] | None:
    """The latest marriage a raising parent made, after the child's birth, to someone else."""
    found = [
        (marriage, basis)
        for parent, basis in raising
        for marriage in parent.marriages
        if applicant.birth_date < marriage.registered_on <= on_date
        and (spouse := marriage.spouse_of(parent.id_number)) is not None
        and spouse.id_number != _other_parent(applicant, parent)
    ]
    return max(found, key=lambda pair: (pair[0].registered_on, pair[0].number), default=None)


def _marriage_changed(
    applicant: Applicant, raising: list[tuple[Parent, Basis]], on_date: date
) -> Check:
    theirs = _parents_marriage(applicant, on_date)
    code = CheckCode.MARRIAGE_CHANGED
    if theirs is not None and theirs.divorced_on is not None and theirs.divorced_on <= on_date:
        zh = f"父母婚姻（{theirs.number}）已于{theirs.divorced_on}登记离婚"
        en = f"the parents' marriage {theirs.number} ended in divorce on {theirs.divorced_on}"
        return check(code, True, zh, en, CIVIL_AFFAIRS, ("Marriage", theirs.number))
    remarried = _remarriage(applicant, raising, on_date)
    if remarried is not None:
        marriage, basis = remarried
        zh_parent, en_parent = _raising_words(basis)
        zh = f"{zh_parent}已于{marriage.registered_on}再婚（{marriage.number}）"
        en = f"the {en_parent} remarried on {marriage.registered_on} ({marriage.number})"
        return check(code, True, zh, en, CIVIL_AFFAIRS, ("Marriage", marriage.number))
    if theirs is not None:
        zh = f"父母婚姻（{theirs.number}）存续，抚养子女的父母未再婚"
        en = f"the parents' marriage {theirs.number} stands and no raising parent remarried"
        return check(code, False, zh, en, CIVIL_AFFAIRS, ("Marriage", theirs.number))
    zh, en = "未查到父母婚姻变化的登记", "no change of the parents' marriage is registered"
    return check(code, False, zh, en, CIVIL_AFFAIRS, person_record(applicant.id_number))


def _raising_parent_differs(
    applicant: Applicant, raising: list[tuple[Parent, Basis]], candidates: list[Candidate]
) -> Check:
    code, child = CheckCode.RAISING_PARENT_DIFFERS, applicant.ethnicity_code
    differing = next((c for c in candidates if c.ethnicity_code not in (None, child)), None)
    if differing is not None:
        theirs = differing.ethnicity_code
        zh = f"子女民族成份{child}与{differing.why_zh}的{theirs}不同"
        en = f"the child's ethnicity {child} differs from {theirs} of the {differing.why_en}"
        return check(code, True, zh, en, POLICE, person_record(differing.id_number))
    if not raising:
        zh = "户籍上没有与子女同户的父母"
        en = "no registered parent lives in the child's household"
        return check(code, False, zh, en, POLICE, person_record(applicant.id_number))
    zh = "子女民族成份与抚养的父母、继父母相同"
    en = "the child's ethnicity is that of the raising parents and step-parents"
    return check(code, False, zh, en, POLICE, person_record(raising[0][0].id_number))
