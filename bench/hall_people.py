"""Who applies in the hall benchmark: scenario-like people found in the seeded police register.

One query reads everyone under 30 with their parents; each person falls in the first tier that
fits, and applicants are taken tier by tier:

1. a minor living with only one parent whose ethnicity differs from the child's (the raising
   parent applies to follow their ethnicity: eligible when the parents' marriage changed);
2. an adult of 18 or 19 whose parents' ethnicities differ (applies to follow the other parent);
3. a minor whose parents' ethnicities differ (a parent applies; refused when the marriage never
   changed);
4. another adult of 18 or 19 (asks for She, or Han: refused unless a parent has it);
5. an adult of 20 to 29 (refused on age).

Not all are eligible; every one runs the whole verification.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from agencies.police.models import Person
from subgraph.database import Database

SHE = "22"
HAN = "01"
REASON = "申请变更民族成份"
TIERS = (
    "minor, raising parent differs",
    "adult 18-19, parents differ",
    "minor, parents differ",
    "adult 18-19, parents alike or unknown",
    "adult 20-29",
)
ADULT_SERVICE = "ETHNICITY_CHANGE_ADULT"
MINOR_SERVICE = "ETHNICITY_CHANGE_MINOR"
OLDEST = 30


@dataclass(frozen=True)
class Relative:
    """A person of the register as the picker sees them."""

    id_number: str
    ethnicity: str
    household: str | None


@dataclass(frozen=True)
class Applicant:
    """One application to submit: who signs in, for whom, to which ethnic group."""

    citizen: str
    subject: str
    service: str
    target: str
    tier: int

    def application(self, key: str) -> dict[str, Any]:
        """The portal's ApplicationInput for this applicant."""
        return {
            "serviceCode": self.service,
            "subjectIdNumber": self.subject,
            "details": {"target_ethnic_group": self.target, "reason": REASON},
            "delivery": "ELECTRONIC",
            "idempotencyKey": key,
        }


def age(born: date, today: date) -> int:
    """Whole years from `born` to `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def years_before(today: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def classify(
    person: Relative, years: int, father: Relative | None, mother: Relative | None
) -> Applicant | None:
    """The application this person (or their parent) makes, with its tier; None if none fits."""
    parents = [(role, p) for role, p in (("FATHER", father), ("MOTHER", mother)) if p is not None]
    differing = [(role, p) for role, p in parents if p.ethnicity != person.ethnicity]
    mixed = len(parents) == 2 and parents[0][1].ethnicity != parents[1][1].ethnicity
    if years < 18:
        home = person.household
        raising = [(r, p) for r, p in parents if home is not None and p.household == home]
        if len(raising) == 1 and raising[0] in differing:
            return for_minor(person, raising[0][1], tier=0)
        if mixed and differing:
            return for_minor(person, differing[0][1], tier=2)
        return None
    own = person.id_number
    if years < 20 and mixed and differing:
        return Applicant(own, own, ADULT_SERVICE, differing[0][1].ethnicity, 1)
    target = HAN if person.ethnicity == SHE else SHE
    return Applicant(own, own, ADULT_SERVICE, target, 3 if years < 20 else 4)


def for_minor(child: Relative, parent: Relative, *, tier: int) -> Applicant:
    """The parent applies for the child to follow their own ethnicity."""
    return Applicant(parent.id_number, child.id_number, MINOR_SERVICE, parent.ethnicity, tier)


async def candidates(police: Database, today: date) -> list[Applicant]:
    """Every applicant the register offers, best tier first (in register order within one)."""
    father, mother = aliased(Person), aliased(Person)
    statement = (
        select(
            Person.id_number,
            Person.ethnicity_code,
            Person.household_no,
            Person.birth_date,
            *parent_columns(father, "father"),
            *parent_columns(mother, "mother"),
        )
        .outerjoin(father, Person.father_id == father.id_number)
        .outerjoin(mother, Person.mother_id == mother.id_number)
        .where(Person.birth_date > years_before(today, OLDEST))
        .order_by(Person.id_number)
    )
    found: list[Applicant] = []
    async with police.sessions() as session:
        for row in await session.execute(statement):
            person = Relative(row.id_number, row.ethnicity_code, row.household_no)
            dad = Relative(row.father_id, row.father_ethnicity, row.father_household)
            mum = Relative(row.mother_id, row.mother_ethnicity, row.mother_household)
            applicant = classify(
                person,
                age(row.birth_date, today),
                dad if dad.id_number is not None else None,
                mum if mum.id_number is not None else None,
            )
            if applicant is not None:
                found.append(applicant)
    return sorted(found, key=lambda a: a.tier)


def parent_columns(parent: Any, role: str) -> list[Any]:
    """A parent's ID number, ethnicity and household, labelled by role."""
    return [
        parent.id_number.label(f"{role}_id"),
        parent.ethnicity_code.label(f"{role}_ethnicity"),
        parent.household_no.label(f"{role}_household"),
    ]


def split(
    found: Sequence[Applicant], sample: int, warmup: int, measured: int
) -> tuple[list[Applicant], list[Applicant], list[Applicant]]:
    """The sample (adults of 18-19 whose parents differ first: the likeliest eligible), the
    warm-up and the measured run.

    The measured applicants come from the best tiers left and are shuffled (seed 2011) so
    every tier is spread over the run; the warm-up takes the next ones.
    """
    wanted = sample + warmup + measured
    if len(found) < wanted:
        raise SystemExit(
            f"bench.hall: the register offers {len(found)} applicants; {wanted} needed"
        )
    likeliest = sorted(found, key=lambda a: (a.tier != 1, a.tier))
    chosen = likeliest[:sample]
    taken = set(chosen)
    rest = [a for a in found if a not in taken]
    run, warm = rest[:measured], rest[measured : measured + warmup]
    random.Random(2011).shuffle(run)
    return chosen, warm, run


def tier_counts(applicants: Sequence[Applicant]) -> str:
    """How many applicants each tier gave, as one line."""
    counts = [sum(1 for a in applicants if a.tier == tier) for tier in range(len(TIERS))]
    return ", ".join(f"{TIERS[tier]} {n}" for tier, n in enumerate(counts) if n)
