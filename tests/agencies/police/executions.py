"""The police's three executions as the tests send them: documents, arguments, what they write."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from agencies.police import models
from tests.agencies.execution import APPLICATION, Execution, WritableAgency
from tests.conftest import AS_OF
from tests.population import persons, scenario

EFFECTIVE_ON = AS_OF.isoformat()

# A Han man of 19 whose mother is She: changes to his mother's ethnicity.
ADULT = scenario("adult_19_mixed").roles["child"]
# A man of 21 who changes his name.
RENAMED = scenario("adult_21_mixed").roles["child"]
# A boy of 10 days, not yet registered, of a Han father (head of household) and a She mother.
BIRTH = scenario("newborn_mixed")
FATHER, MOTHER = BIRTH.roles["father"], BIRTH.roles["mother"]
BORN = persons()[BIRTH.roles["child"]]
# The police allocate him the first boy's number of his day (2026-10-22) in 宁化县 (350424):
# sequence 001, check character 8.
NEWBORN = "350424202610220018"
CERTIFICATE = BIRTH.birth_certificates[0].number
HOUSEHOLD = BIRTH.households[0].number

REGISTER_ETHNICITY_CHANGE = """
mutation($application: String!, $id: String!, $to: String!, $basis: String!,
         $approval: String!, $on: Date!) {
  registerEthnicityChange(
    application: $application, idNumber: $id, toCode: $to, basis: $basis,
    approvalNumber: $approval, effectiveOn: $on
  ) {
    replayed
    error { code message }
    change { fromCode toCode changedOn basis approvalNumber application }
    person { idNumber ethnicityCode ethnicityHistory { toCode application } }
  }
}
"""

CHANGE_NAME = """
mutation($application: String!, $id: String!, $name: String!, $on: Date!) {
  changeName(application: $application, idNumber: $id, newName: $name, effectiveOn: $on) {
    replayed
    error { code message }
    change { oldName newName changedOn application }
    person { idNumber name nameHistory { newName } }
  }
}
"""

REGISTER_NEWBORN = """
mutation($application: String!, $certificate: String!, $name: String!, $sex: Sex!,
         $born: Date!, $ethnicity: String!, $father: String, $mother: String!,
         $household: String!) {
  registerNewborn(
    application: $application, birthCertificateNumber: $certificate, name: $name, sex: $sex,
    birthDate: $born, ethnicityCode: $ethnicity, fatherId: $father, motherId: $mother,
    householdNumber: $household
  ) {
    replayed
    error { code message }
    birthCertificateNumber
    person {
      idNumber name sex birthDate ethnicityCode regionCode relationToHead
      household { number } father { idNumber } mother { idNumber }
    }
  }
}
"""


async def ethnicity_of(police: WritableAgency, id_number: str = ADULT) -> tuple[Any, ...]:
    """The person's registered ethnicity and ethnicity history, as stored."""
    code = await police.rows(
        select(models.Person.ethnicity_code).where(models.Person.id_number == id_number)
    )
    history = await police.rows(
        select(models.EthnicityRecord).where(models.EthnicityRecord.person_id == id_number)
    )
    return (
        code,
        [
            (r.from_code, r.to_code, r.changed_on, r.basis, r.approval_number, r.application)
            for r in history
        ],
    )


async def name_of(police: WritableAgency, id_number: str = RENAMED) -> tuple[Any, ...]:
    """The person's registered name and name history, as stored."""
    name = await police.rows(select(models.Person.name).where(models.Person.id_number == id_number))
    history = await police.rows(
        select(models.NameRecord).where(models.NameRecord.person_id == id_number)
    )
    return name, [(r.old_name, r.new_name, r.changed_on, r.application) for r in history]


async def newborn_of(police: WritableAgency, id_number: str = NEWBORN) -> tuple[Any, ...]:
    """The newborn's person record and birth registrations, as stored."""
    person = await police.rows(select(models.Person).where(models.Person.id_number == id_number))
    registrations = await police.rows(
        select(models.BirthRegistration).where(models.BirthRegistration.person_id == id_number)
    )
    return (
        [
            (
                p.name,
                p.sex,
                p.birth_date,
                p.ethnicity_code,
                p.region_code,
                p.household_no,
                p.relation,
                p.father_id,
                p.mother_id,
            )
            for p in person
        ],
        [(r.birth_certificate_number, r.application) for r in registrations],
    )


ETHNICITY_CHANGE = Execution(
    field="registerEthnicityChange",
    document=REGISTER_ETHNICITY_CHANGE,
    variables={
        "application": APPLICATION,
        "id": ADULT,
        "to": "22",
        "basis": "MOTHER",
        "approval": "MZ-2026-0042",
        "on": EFFECTIVE_ON,
    },
    other_arguments={"approval": "MZ-2026-0043"},
    answer={
        "replayed": False,
        "error": None,
        "change": {
            "fromCode": "01",
            "toCode": "22",
            "changedOn": EFFECTIVE_ON,
            "basis": "MOTHER",
            "approvalNumber": "MZ-2026-0042",
            "application": APPLICATION,
        },
        "person": {
            "idNumber": ADULT,
            "ethnicityCode": "22",
            "ethnicityHistory": [{"toCode": "22", "application": APPLICATION}],
        },
    },
    state=ethnicity_of,
    before=(["01"], []),
    after=(["22"], [("01", "22", AS_OF, "MOTHER", "MZ-2026-0042", APPLICATION)]),
    subject=ADULT,
    line=4,
)
NEW_NAME = "朱明轩"
NAME_CHANGE = Execution(
    field="changeName",
    document=CHANGE_NAME,
    variables={"application": APPLICATION, "id": RENAMED, "name": NEW_NAME, "on": EFFECTIVE_ON},
    other_arguments={"name": "朱明宇"},
    answer={
        "replayed": False,
        "error": None,
        "change": {
            "oldName": persons()[RENAMED].name,
            "newName": NEW_NAME,
            "changedOn": EFFECTIVE_ON,
            "application": APPLICATION,
        },
        "person": {"idNumber": RENAMED, "name": NEW_NAME, "nameHistory": [{"newName": NEW_NAME}]},
    },
    state=name_of,
    before=([persons()[RENAMED].name], []),
    after=([NEW_NAME], [(persons()[RENAMED].name, NEW_NAME, AS_OF, APPLICATION)]),
    subject=RENAMED,
    line=3,
)
NEWBORN_REGISTRATION = Execution(
    field="registerNewborn",
    document=REGISTER_NEWBORN,
    variables={
        "application": APPLICATION,
        "certificate": CERTIFICATE,
        "name": BORN.name,
        "sex": "MALE",
        "born": BORN.birth_date.isoformat(),
        "ethnicity": "22",
        "father": FATHER,
        "mother": MOTHER,
        "household": HOUSEHOLD,
    },
    other_arguments={"ethnicity": "01"},
    answer={
        "replayed": False,
        "error": None,
        "birthCertificateNumber": CERTIFICATE,
        "person": {
            "idNumber": NEWBORN,
            "name": BORN.name,
            "sex": "MALE",
            "birthDate": BORN.birth_date.isoformat(),
            "ethnicityCode": "22",
            "regionCode": "350424",
            "relationToHead": "子",
            "household": {"number": HOUSEHOLD},
            "father": {"idNumber": FATHER},
            "mother": {"idNumber": MOTHER},
        },
    },
    state=newborn_of,
    before=([], []),
    after=(
        [
            (BORN.name, "M", BORN.birth_date, "22", "350424", HOUSEHOLD, "子", FATHER, MOTHER),
        ],
        [(CERTIFICATE, APPLICATION)],
    ),
    subject=MOTHER,
    line=5,
)
EXECUTIONS = [
    pytest.param(ETHNICITY_CHANGE, id="ethnicity"),
    pytest.param(NAME_CHANGE, id="name"),
    pytest.param(NEWBORN_REGISTRATION, id="newborn"),
]
