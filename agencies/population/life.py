"""ID cards, tax and social insurance that follow from a person's age and work."""

from __future__ import annotations

from datetime import date, timedelta

from agencies.population.builder import FamilyBuilder
from agencies.population.calendar import years_after
from agencies.population.employers import Employer
from agencies.population.records import Enrolment, IdCard, Person, Taxpayer, TaxYear

# Annual taxable income brackets (yuan), rate and quick deduction (yuan), IIT law 2019.
_BRACKETS = (
    (36_000, 0.03, 0),
    (144_000, 0.10, 2_520),
    (300_000, 0.20, 16_920),
    (420_000, 0.25, 31_920),
    (660_000, 0.30, 52_920),
    (960_000, 0.35, 85_920),
    (float("inf"), 0.45, 181_920),
)


def income_tax(income_yuan: int) -> int:
    """Return the annual individual income tax in yuan after the basic deduction."""
    taxable = income_yuan * 0.9 - 60_000  # about 10% social contributions are exempt
    if taxable <= 0:
        return 0
    for ceiling, rate, deduction in _BRACKETS:
        if taxable <= ceiling:
            return round(taxable * rate - deduction)
    raise AssertionError("unreachable")


def card_validity_years(age_at_issue: int) -> int | None:
    """Return a card's validity in years by the holder's age; None means long-term."""
    if age_at_issue < 16:
        return 5
    if age_at_issue <= 25:
        return 10
    if age_at_issue <= 45:
        return 20
    return None


def add_id_cards(builder: FamilyBuilder, person: Person) -> None:
    """Issue the current card (and sometimes a lost earlier one) to a registered person."""
    age = builder.age(person)
    if age < 16 and builder.rng.random() > 0.3:
        return
    bureau = builder.county_bureau(person.region_code)
    issued = builder.day_between(
        max(person.birth_date, builder.as_of - timedelta(days=3000)), builder.as_of
    )
    age_at_issue = age - (builder.as_of - issued).days // 365
    years = card_validity_years(max(age_at_issue, 0))
    valid_until = years_after(issued, years) if years else None
    status = "VALID" if valid_until is None or valid_until >= builder.as_of else "EXPIRED"
    if builder.rng.random() < 0.02 and status == "VALID":
        lost = IdCard(_card_serial(builder, bureau), issued, valid_until, bureau, "LOST")
        person.id_cards.append(lost)
        issued = builder.day_between(issued, builder.as_of)
    person.id_cards.append(
        IdCard(_card_serial(builder, bureau), issued, valid_until, bureau, status)
    )


def add_work_records(builder: FamilyBuilder, person: Person, employers: list[Employer]) -> None:
    """Register taxpayers and insurance for working adults, pensions for the retired."""
    rng, age = builder.rng, builder.age(person)
    retirement = 60 if person.sex == "M" else 55
    if age >= retirement:
        # Retirees stopped contributing when they retired.
        retired_on = years_after(person.birth_date, retirement)
        for scheme, status in (("PENSION", "RECEIVING"), ("MEDICAL", "ACTIVE")):
            _enrol(
                builder,
                person,
                scheme,
                None,
                years_after(person.birth_date, 20),
                status,
                until=retired_on,
            )
        return
    employed = age >= 18 and rng.random() < (0.8 if age >= 22 else 0.3)
    if not employed:
        if rng.random() < 0.9:
            _enrol(
                builder, person, "MEDICAL", None, max(person.birth_date, date(2008, 1, 1)), "ACTIVE"
            )
        return
    employer = employers[rng.randrange(len(employers))]
    started = builder.day_between(
        years_after(person.birth_date, 18 if age < 22 else 22), builder.as_of
    )
    for scheme in ("PENSION", "MEDICAL", "UNEMPLOYMENT"):
        _enrol(builder, person, scheme, employer.code, started, "ACTIVE")
    taxpayer = Taxpayer(person.id_number, started, f"1{person.region_code}00")
    salary = rng.randint(36, 240) * 1_000
    for year in range(builder.as_of.year - 3, builder.as_of.year):
        if year > started.year:
            income = round(salary * (1 + rng.uniform(-0.05, 0.12)))
            taxpayer.years.append(TaxYear(year, income * 100, income_tax(income) * 100))
    if rng.random() < 0.04:
        taxpayer.outstanding = rng.randint(100, 5_000) * 100
    builder.unit.taxpayers.append(taxpayer)


def _enrol(
    builder: FamilyBuilder,
    person: Person,
    scheme: str,
    employer: str | None,
    starts: date,
    status: str,
    *,
    until: date | None = None,
) -> None:
    starts = min(starts, builder.as_of)
    end = min(until or builder.as_of, builder.as_of)
    months = (end.year - starts.year) * 12 + end.month - starts.month
    builder.unit.enrolments.append(
        Enrolment(
            number=f"{scheme[0]}{builder.registry.serial('enrolment'):010d}",
            person_id=person.id_number,
            scheme=scheme,
            employer_code=employer,
            starts_on=starts,
            contribution_months=months,
            status=status,
            region_code=person.region_code,
        )
    )


def _card_serial(builder: FamilyBuilder, bureau: str) -> str:
    return f"{bureau[:6]}{builder.registry.serial('id_card'):09d}"
