"""Social-security entities resolve in one SQL query per batch, in the order asked."""

from __future__ import annotations

from agencies.population.employers import Employer
from tests.agencies.social_security.population import (
    busiest_employer,
    employer_json,
    employer_of,
    enrolment_json,
    enrolment_of,
    first_employer,
    insurance_of,
    insured_count,
    retiree,
    uninsured,
    worker,
)
from tests.conftest import GraphQL, SqlLog

EMPLOYERS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Employer { code name regionCode }
  }
}
"""

EMPLOYER_COUNTS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Employer { code enrolledCount }
  }
}
"""

ENROLMENTS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InsuranceEnrolment { number scheme status person { idNumber } }
  }
}
"""

PERSON_INSURANCE = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber insurance { number scheme startsOn status } }
  }
}
"""

PERSON_EMPLOYER = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber insurance { number } employer { code } }
  }
}
"""

UNKNOWN_EMPLOYER = "91350404000000000X"
UNKNOWN_PERSON = "350424199001010011"


def two_employers() -> tuple[Employer, Employer]:
    """The employer paying for the most enrolments, and the first insuring a single person."""
    single = first_employer("insuring a single person", lambda e: insured_count(e.code) == 1)
    return busiest_employer(), single


async def test_employers_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given two employers of the pool and one unknown code
    busiest, single = two_employers()
    representations = [
        {"__typename": "Employer", "code": single.code},
        {"__typename": "Employer", "code": UNKNOWN_EMPLOYER},
        {"__typename": "Employer", "code": busiest.code},
    ]
    sql.reset()
    # when the gateway resolves them in one _entities call
    result = await graphql("social_security", EMPLOYERS, {"representations": representations})
    # then the answer keeps their order, with null for the unknown key, from one SELECT
    fields = ("code", "name", "regionCode")
    assert result == {
        "data": {
            "_entities": [
                employer_json(single, *fields),
                None,
                employer_json(busiest, *fields),
            ]
        }
    }
    assert len(sql.selects("social_security")) == 1


async def test_enrolled_counts_of_several_employers_run_one_grouped_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the employer paying for the most enrolments, and one insuring a single person
    busiest, single = two_employers()
    representations = [
        {"__typename": "Employer", "code": busiest.code},
        {"__typename": "Employer", "code": single.code},
    ]
    sql.reset()
    # when their insured counts are asked for in one _entities call
    result = await graphql("social_security", EMPLOYER_COUNTS, {"representations": representations})
    # then each counts its insured persons, from one SELECT of employers and one grouped count
    fields = ("code", "enrolledCount")
    assert result == {
        "data": {"_entities": [employer_json(busiest, *fields), employer_json(single, *fields)]}
    }
    selects = sql.selects("social_security")
    assert (len(selects), "GROUP BY" in selects[1].upper()) == (2, True)


async def test_enrolments_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given a retiree's pension, a worker's unemployment insurance and an unknown number
    pension = enrolment_of(retiree(), "PENSION")
    unemployment = enrolment_of(worker(), "UNEMPLOYMENT")
    representations = [
        {"__typename": "InsuranceEnrolment", "number": pension.number},
        {"__typename": "InsuranceEnrolment", "number": "P9999999999"},
        {"__typename": "InsuranceEnrolment", "number": unemployment.number},
    ]
    sql.reset()
    # when the gateway resolves them in one _entities call
    result = await graphql("social_security", ENROLMENTS, {"representations": representations})
    # then the answer keeps their order, with null for the unknown key, from one SELECT
    fields = ("number", "scheme", "status", "person")
    assert result == {
        "data": {
            "_entities": [
                enrolment_json(pension, *fields),
                None,
                enrolment_json(unemployment, *fields),
            ]
        }
    }
    assert len(sql.selects("social_security")) == 1


async def test_person_insurance_of_several_persons_runs_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given a worker, a person without insurance, an unknown person and a retiree, as Person keys
    working, nobody, retired = worker(), uninsured(), retiree()
    people = [working, nobody, UNKNOWN_PERSON, retired]
    representations = [{"__typename": "Person", "idNumber": person} for person in people]
    sql.reset()
    # when the gateway asks for their insurance in one _entities call
    result = await graphql(
        "social_security", PERSON_INSURANCE, {"representations": representations}
    )
    # then each lists pension, medical, unemployment in that order, from one SELECT
    fields = ("number", "scheme", "startsOn", "status")
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": working,
                    "insurance": [enrolment_json(e, *fields) for e in insurance_of(working)],
                },
                {"idNumber": nobody, "insurance": []},
                {"idNumber": UNKNOWN_PERSON, "insurance": []},
                {
                    "idNumber": retired,
                    "insurance": [enrolment_json(e, *fields) for e in insurance_of(retired)],
                },
            ]
        }
    }
    assert len(sql.selects("social_security")) == 1


async def test_person_employer_reuses_the_insurance_load(graphql: GraphQL, sql: SqlLog) -> None:
    # given a worker, a retiree and a person without insurance, as Person keys
    working, retired, nobody = worker(), retiree(), uninsured()
    representations = [
        {"__typename": "Person", "idNumber": person} for person in (working, retired, nobody)
    ]
    sql.reset()
    # when the gateway asks for their insurance and their employer in one _entities call
    result = await graphql("social_security", PERSON_EMPLOYER, {"representations": representations})
    # then only the worker has an employer (that of his active pension), from one SELECT of
    # enrolments shared by both fields and one of employers
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": working,
                    "insurance": [{"number": e.number} for e in insurance_of(working)],
                    "employer": {"code": employer_of(working)},
                },
                {
                    "idNumber": retired,
                    "insurance": [{"number": e.number} for e in insurance_of(retired)],
                    "employer": None,
                },
                {"idNumber": nobody, "insurance": [], "employer": None},
            ]
        }
    }
    assert len(sql.selects("social_security")) == 2
