"""Newborn registration: certificate, parents and marriage verified, the child registered once."""

from __future__ import annotations

from typing import Any

from agencies.population import FamilyUnit
from subgraph.idnumber import make_id_number
from tests.hall.flow import HAN, SHE, Hall, check, scenario

POLICE_COUNTY_OFFICER = "police.ninghua.officer"
REGISTERED_CHILD = """
query Registered($number: String!) {
  birthCertificate(number: $number) {
    registered
    child {
      idNumber name ethnicityCode
      household { number }
      father { idNumber }
      mother { idNumber }
    }
  }
}
"""


def household_of(unit: FamilyUnit, person: str) -> str:
    """The number of the household a person of the unit heads."""
    return next(h.number for h in unit.households if h.head_id == person)


async def _register(
    hall: Hall, unit: FamilyUnit, *, applicant: str, ethnicity: str, register_with: str
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    certificate = unit.birth_certificates[0]
    number = await hall.submitted_number(
        applicant,
        service="NEWBORN_REGISTRATION",
        subject=applicant,
        details={
            "child_name": certificate.child_name,
            "ethnic_group": ethnicity,
            "register_with": register_with,
        },
        delivery="PICKUP",
    )
    await hall.work()
    verification = (await hall.read(number, POLICE_COUNTY_OFFICER))["verification"]
    await hall.decide(number, approve=True, reason="材料齐全", login=POLICE_COUNTY_OFFICER)
    await hall.work()
    body = await hall.as_hall_system(REGISTERED_CHILD, {"number": certificate.number}, case=number)
    return number, verification, body["data"]["birthCertificate"]


async def test_a_newborn_of_parents_of_two_ethnicities_is_registered_as_they_chose(
    hall: Hall,
) -> None:
    # Given a boy of 10 days, not registered, of a Han father and a She mother, married
    unit = scenario("newborn_mixed")
    father, mother = unit.roles["father"], unit.roles["mother"]
    certificate = unit.birth_certificates[0]
    # When his father registers him in his household with the She they chose together
    number, verification, registered = await _register(
        hall, unit, applicant=father, ethnicity=SHE, register_with="FATHER"
    )
    # Then every record checked out, and the police gave him the county's first free number
    # of his birth day, which the birth certificate now points to
    assert verification == {
        "eligible": True,
        "checks": [
            check("CERTIFICATE", "family_planning", "BirthCertificate", certificate.number),
            check("NOT_REGISTERED", "family_planning", "BirthCertificate", certificate.number),
            check("WITHIN_ONE_MONTH", "family_planning", "BirthCertificate", certificate.number),
            check("APPLICANT", "family_planning", "BirthCertificate", certificate.number),
            check("PARENTS_REGISTERED", "police", "Person", mother),
            check("PARENT_HOUSEHOLD", "police", "Household", household_of(unit, father)),
            check("ETHNICITY_OF_A_PARENT", "police", "Person", mother),
            check(
                "MARRIAGE_RECORD",
                "civil_affairs",
                "Marriage",
                unit.marriages[0].number,
                required=False,
            ),
        ],
    }
    assert registered == {
        "registered": True,
        "child": {
            "idNumber": make_id_number("350424", certificate.birth_date, 1),
            "name": certificate.child_name,
            "ethnicityCode": SHE,
            "household": {"number": household_of(unit, father)},
            "father": {"idNumber": father},
            "mother": {"idNumber": mother},
        },
    }
    assert (await hall.read(number, POLICE_COUNTY_OFFICER))["state"] == "EXECUTED"


async def test_a_birth_without_a_marriage_record_is_registered_in_the_mothers_household(
    hall: Hall,
) -> None:
    # Given a boy of 12 days whose parents have no marriage record and separate households
    unit = scenario("birth_without_marriage")
    father, mother = unit.roles["father"], unit.roles["mother"]
    certificate = unit.birth_certificates[0]
    # When his mother registers him in her household
    number, verification, registered = await _register(
        hall, unit, applicant=mother, ethnicity=HAN, register_with="MOTHER"
    )
    # Then the missing marriage is shown as evidence, not a refusal, and he is registered
    assert verification == {
        "eligible": True,
        "checks": [
            check("CERTIFICATE", "family_planning", "BirthCertificate", certificate.number),
            check("NOT_REGISTERED", "family_planning", "BirthCertificate", certificate.number),
            check("WITHIN_ONE_MONTH", "family_planning", "BirthCertificate", certificate.number),
            check("APPLICANT", "family_planning", "BirthCertificate", certificate.number),
            check("PARENTS_REGISTERED", "police", "Person", mother),
            check("PARENT_HOUSEHOLD", "police", "Household", household_of(unit, mother)),
            check("ETHNICITY_OF_A_PARENT", "police", "Person", mother),
            check(
                "MARRIAGE_RECORD", "civil_affairs", "Marriage", None, passed=False, required=False
            ),
        ],
    }
    assert registered == {
        "registered": True,
        "child": {
            "idNumber": make_id_number("350424", certificate.birth_date, 1),
            "name": certificate.child_name,
            "ethnicityCode": HAN,
            "household": {"number": household_of(unit, mother)},
            "father": {"idNumber": father},
            "mother": {"idNumber": mother},
        },
    }
    assert (await hall.read(number, POLICE_COUNTY_OFFICER))["state"] == "EXECUTED"
