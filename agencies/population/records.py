"""The records one family unit contributes to the agencies' databases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class EthnicityChange:
    """An approved change of a person's registered ethnicity."""

    number: str
    person_id: str
    from_code: str
    to_code: str
    basis: str  # FATHER, MOTHER, STEP_PARENT or ADOPTIVE_PARENT
    applied_on: date
    decided_on: date
    region_code: str


@dataclass(slots=True)
class IdCard:
    """A resident identity card issued to a person."""

    serial: str
    issued_on: date
    valid_until: date | None  # None: long-term
    issuing_unit: str
    status: str  # VALID, EXPIRED, LOST


@dataclass(slots=True)
class Person:
    """A person of the population; `registered` is False for a newborn not yet registered."""

    id_number: str
    name: str
    sex: str
    birth_date: date
    ethnicity: str
    region_code: str
    father_id: str | None = None
    mother_id: str | None = None
    household_no: str | None = None
    relation: str | None = None
    registered: bool = True
    ethnicity_history: list[EthnicityChange] = field(default_factory=list)
    id_cards: list[IdCard] = field(default_factory=list)


@dataclass(slots=True)
class Household:
    """A registered household (户) at a police station."""

    number: str
    region_code: str
    station_code: str
    address: str
    head_id: str


@dataclass(slots=True)
class Marriage:
    """A marriage registration, ended by divorce or not."""

    number: str
    husband_id: str
    wife_id: str
    registered_on: date
    region_code: str
    divorced_on: date | None = None


@dataclass(slots=True)
class Adoption:
    """An adoption registration."""

    number: str
    child_id: str
    adoptive_father_id: str | None
    adoptive_mother_id: str | None
    registered_on: date
    region_code: str


@dataclass(slots=True)
class Guardianship:
    """A guardian appointed for a minor who is not in a parent's care."""

    number: str
    ward_id: str
    guardian_id: str
    basis: str
    starts_on: date
    region_code: str


@dataclass(slots=True)
class BirthCertificate:
    """A birth medical certificate (出生医学证明)."""

    number: str
    child_id: str | None
    child_name: str
    sex: str
    birth_date: date
    weight_grams: int
    hospital: str
    region_code: str
    mother_id: str
    father_id: str | None
    issued_on: date


@dataclass(slots=True)
class TaxYear:
    """One year's individual income tax summary, amounts in fen."""

    year: int
    income: int
    tax_paid: int


@dataclass(slots=True)
class Taxpayer:
    """A natural-person taxpayer registration."""

    person_id: str
    registered_on: date
    tax_office: str
    years: list[TaxYear] = field(default_factory=list)
    outstanding: int = 0


@dataclass(slots=True)
class Enrolment:
    """An enrolment in one social insurance scheme."""

    number: str
    person_id: str
    scheme: str  # PENSION, MEDICAL, UNEMPLOYMENT
    employer_code: str | None
    starts_on: date
    contribution_months: int
    status: str  # ACTIVE, RECEIVING, SUSPENDED
    region_code: str


@dataclass(slots=True)
class FamilyUnit:
    """Everyone and every record of one family, across all agencies."""

    index: int
    scenario: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # scenario role -> ID number
    persons: list[Person] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    marriages: list[Marriage] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)
    guardianships: list[Guardianship] = field(default_factory=list)
    birth_certificates: list[BirthCertificate] = field(default_factory=list)
    ethnicity_changes: list[EthnicityChange] = field(default_factory=list)
    taxpayers: list[Taxpayer] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)

    @property
    def registered_count(self) -> int:
        """The number of persons registered with the police."""
        return sum(1 for person in self.persons if person.registered)
