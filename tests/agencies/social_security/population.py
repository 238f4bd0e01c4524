"""The social-security records the test population was seeded with, straight from the generator."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from agencies.population.employers import Employer, employer_pool
from agencies.population.records import Enrolment
from subgraph.pagination import encode_cursor
from tests.conftest import SPEC
from tests.population import persons, units

# The order in which a person's `insurance` lists the schemes.
SCHEMES = ("PENSION", "MEDICAL", "UNEMPLOYMENT")


@cache
def employers() -> dict[str, Employer]:
    """The seeded employer pool, by code, in pool order."""
    return {employer.code: employer for employer in employer_pool(SPEC.seed)}


def enrolments() -> list[Enrolment]:
    """Every seeded enrolment, in generation order."""
    return [enrolment for unit in units() for enrolment in unit.enrolments]


def first_enrolment(description: str, rule: Callable[[Enrolment], bool]) -> Enrolment:
    """The first enrolment, in generation order, that `rule` holds for."""
    found = next((enrolment for enrolment in enrolments() if rule(enrolment)), None)
    assert found is not None, f"the test population has no enrolment {description}"
    return found


def paid_pension() -> Enrolment:
    """The first active pension enrolment an employer pays."""
    return first_enrolment(
        "of an active pension an employer pays",
        lambda e: e.scheme == "PENSION" and e.status == "ACTIVE" and e.employer_code is not None,
    )


def worker() -> str:
    """The ID number of the first person whose active pension an employer pays."""
    return paid_pension().person_id


def retiree() -> str:
    """The ID number of the first person receiving a pension."""
    return first_enrolment(
        "of a pension being received", lambda e: e.scheme == "PENSION" and e.status == "RECEIVING"
    ).person_id


def uninsured() -> str:
    """The ID number of the first registered person without any insurance."""
    insured = {enrolment.person_id for enrolment in enrolments()}
    found = next(
        (
            person.id_number
            for person in persons().values()
            if person.registered and person.id_number not in insured
        ),
        None,
    )
    assert found is not None, "every registered person of the test population is insured"
    return found


def enrolment_of(person_id: str, scheme: str) -> Enrolment:
    """A person's (first) enrolment in one scheme."""
    return first_enrolment(
        f"of {person_id} in {scheme}", lambda e: e.person_id == person_id and e.scheme == scheme
    )


def insurance_of(person_id: str) -> list[Enrolment]:
    """A person's enrolments as `insurance` lists them: by scheme, then oldest first."""
    return sorted(
        (enrolment for enrolment in enrolments() if enrolment.person_id == person_id),
        key=lambda e: (SCHEMES.index(e.scheme), e.starts_on, e.number),
    )


def employer_of(person_id: str) -> str | None:
    """The code of the employer paying a person's (latest) active pension, if any."""
    codes = [
        enrolment.employer_code
        for enrolment in insurance_of(person_id)
        if enrolment.scheme == "PENSION"
        and enrolment.status == "ACTIVE"
        and enrolment.employer_code is not None
    ]
    return codes[-1] if codes else None


def paid_by(code: str) -> list[Enrolment]:
    """The enrolments an employer pays for, by enrolment number."""
    paid = (enrolment for enrolment in enrolments() if enrolment.employer_code == code)
    return sorted(paid, key=lambda enrolment: enrolment.number)


def insured_count(code: str) -> int:
    """The number of distinct persons with an active enrolment an employer pays for."""
    return len({e.person_id for e in paid_by(code) if e.status == "ACTIVE"})


def busiest_employer() -> Employer:
    """The employer paying for the most enrolments (the first of the pool on a tie)."""
    counts = Counter(e.employer_code for e in enrolments() if e.employer_code is not None)
    assert counts, "no enrolment of the test population is paid by an employer"
    return max(employers().values(), key=lambda employer: counts[employer.code])


def first_employer(description: str, rule: Callable[[Employer], bool]) -> Employer:
    """The first employer of the pool that `rule` holds for."""
    found = next((employer for employer in employers().values() if rule(employer)), None)
    assert found is not None, f"the test population has no employer {description}"
    return found


def employer_json(employer: Employer, *fields: str) -> dict[str, Any]:
    """An employer as a selection of `fields` renders it."""
    rendered = {
        "code": employer.code,
        "name": employer.name,
        "regionCode": employer.region_code,
        "enrolledCount": insured_count(employer.code),
    }
    return {field: rendered[field] for field in fields}


def enrolment_json(enrolment: Enrolment, *fields: str) -> dict[str, Any]:
    """An enrolment as a selection of `fields` renders it (its employer as `{ code name }`)."""
    code = enrolment.employer_code
    rendered = {
        "number": enrolment.number,
        "person": {"idNumber": enrolment.person_id},
        "scheme": enrolment.scheme,
        "employer": None if code is None else employer_json(employers()[code], "code", "name"),
        "startsOn": enrolment.starts_on.isoformat(),
        "contributionMonths": enrolment.contribution_months,
        "status": enrolment.status,
        "regionCode": enrolment.region_code,
    }
    return {field: rendered[field] for field in fields}


def page_json(items: list[dict[str, Any]], first: int, key: str) -> dict[str, Any]:
    """The first page of `items` (in `key` order) as `items {…} pageInfo {…}` renders it."""
    page = items[:first]
    return {
        "items": page,
        "pageInfo": {
            "hasNextPage": len(items) > first,
            "endCursor": encode_cursor(page[-1][key]) if page else None,
        },
    }
