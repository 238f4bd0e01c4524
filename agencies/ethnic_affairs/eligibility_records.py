"""What the ethnicity-change rules read and answer: plain records, checks and grounds.

No GraphQL and no SQL here: agencies/ethnic_affairs/requirements.py builds these records from
what the gateway sends, and the rules (eligibility.py) decide over them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

POLICE, CIVIL_AFFAIRS, ETHNIC_AFFAIRS = "police", "civil_affairs", "ethnic_affairs"


class Basis(Enum):
    """Whose ethnicity the new one follows."""

    FATHER = "FATHER"
    MOTHER = "MOTHER"
    STEP_PARENT = "STEP_PARENT"
    ADOPTIVE_PARENT = "ADOPTIVE_PARENT"


class CheckCode(Enum):
    """What one check of an application verifies."""

    TARGET_KNOWN = "TARGET_KNOWN"
    TARGET_DIFFERS = "TARGET_DIFFERS"
    NOT_CHANGED_BEFORE = "NOT_CHANGED_BEFORE"
    AGE = "AGE"
    MINOR_HEARD = "MINOR_HEARD"
    ADOPTED = "ADOPTED"
    MARRIAGE_CHANGED = "MARRIAGE_CHANGED"
    RAISING_PARENT_DIFFERS = "RAISING_PARENT_DIFFERS"
    TARGET_IS_PARENTS = "TARGET_IS_PARENTS"


@dataclass(frozen=True)
class Spouse:
    """One side of a marriage, with the ethnicity the police register for them."""

    id_number: str
    ethnicity_code: str | None


@dataclass(frozen=True)
class Marriage:
    """A marriage registration of civil affairs."""

    number: str
    registered_on: date
    divorced_on: date | None
    husband: Spouse
    wife: Spouse

    def spouse_of(self, id_number: str) -> Spouse | None:
        """Return the other side of the marriage of `id_number`, None if not theirs."""
        if self.husband.id_number == id_number:
            return self.wife
        if self.wife.id_number == id_number:
            return self.husband
        return None

    def stands_on(self, day: date) -> bool:
        """Whether the marriage was registered and not yet divorced on `day`."""
        return self.registered_on <= day and (self.divorced_on is None or self.divorced_on > day)


@dataclass(frozen=True)
class Parent:
    """A registered (legal) parent: ethnicity, household and marriages."""

    id_number: str
    ethnicity_code: str
    household_number: str | None
    marriages: tuple[Marriage, ...] = ()


@dataclass(frozen=True)
class Adoption:
    """An adoption registration of the applicant as the child."""

    number: str
    adoptive_father_id: str | None
    adoptive_mother_id: str | None


@dataclass(frozen=True)
class PriorChange:
    """An approved ethnicity change of the applicant."""

    number: str
    decided_on: date


@dataclass(frozen=True)
class Applicant:
    """Everything the rules read about the person whose ethnicity would change."""

    id_number: str
    birth_date: date
    ethnicity_code: str
    household_number: str | None
    father: Parent | None = None
    mother: Parent | None = None
    adoptions: tuple[Adoption, ...] = ()
    prior_changes: tuple[PriorChange, ...] = ()

    @property
    def parents(self) -> list[tuple[Parent, Basis]]:
        """The registered parents on record, father first."""
        pairs = ((self.father, Basis.FATHER), (self.mother, Basis.MOTHER))
        return [(parent, basis) for parent, basis in pairs if parent is not None]


@dataclass(frozen=True)
class Check:
    """One verified condition, and the record of which agency it rests on."""

    code: CheckCode
    passed: bool
    summary_zh: str
    summary_en: str
    source_agency: str
    record_type: str
    record_reference: str


@dataclass(frozen=True)
class Eligibility:
    """The decision: eligible or not, whose ethnicity it follows, and every check made."""

    eligible: bool
    basis: Basis | None
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Candidate:
    """Someone whose ethnicity the applicant may follow, and on which basis."""

    id_number: str
    ethnicity_code: str | None
    basis: Basis
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class Ground:
    """One legal ground for a change: its checks, and the basis if they all passed."""

    checks: tuple[Check, ...]
    basis: Basis | None

    @property
    def met(self) -> bool:
        """Whether every check of the ground passed."""
        return self.basis is not None and all(check.passed for check in self.checks)


def check(
    code: CheckCode, passed: bool, zh: str, en: str, source: str, record: tuple[str, str]
) -> Check:
    """Build a check; `record` is the (GraphQL type, key) of the record it rests on."""
    return Check(code, passed, zh, en, source, record[0], record[1])


def person_record(id_number: str) -> tuple[str, str]:
    """The record of a person, by ID number."""
    return ("Person", id_number)
