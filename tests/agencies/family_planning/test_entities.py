"""Family-planning entities resolve in one SQL query per batch, in the order asked."""

from __future__ import annotations

from tests.conftest import GraphQL, SqlLog
from tests.population import scenario

UNKNOWN_ID_NUMBER = "350424199001010011"

ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on BirthCertificate { number childName registered child { idNumber } }
    ... on Person {
      idNumber
      birthCertificate { number }
      birthCertificatesAsParent { number mother { idNumber } father { idNumber } }
    }
  }
}
"""

AS_PARENT = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber birthCertificatesAsParent { number } }
  }
}
"""

AS_CHILD = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber birthCertificate { number birthDate } }
  }
}
"""


async def test_birth_certificates_keep_order_and_return_null_for_unknown(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the certificates of a newborn not yet registered and of a registered boy,
    # around a number never issued
    (newborn,) = scenario("newborn_mixed").birth_certificates
    (boy,) = scenario("intact_mixed_minor").birth_certificates
    representations = [
        {"__typename": "BirthCertificate", "number": newborn.number},
        {"__typename": "BirthCertificate", "number": "Q999999999"},
        {"__typename": "BirthCertificate", "number": boy.number},
    ]
    sql.reset()
    # when the gateway resolves them in one _entities call
    result = await graphql("family_planning", ENTITIES, {"representations": representations})
    # then they come back in that order, null for the unknown number, from one SELECT
    assert result == {
        "data": {
            "_entities": [
                {
                    "number": newborn.number,
                    "childName": newborn.child_name,
                    "registered": False,
                    "child": None,
                },
                None,
                {
                    "number": boy.number,
                    "childName": boy.child_name,
                    "registered": True,
                    "child": {"idNumber": boy.child_id},
                },
            ]
        }
    }
    assert len(sql.selects("family_planning")) == 1


async def test_certificates_as_parent_of_several_persons_load_in_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given the father and the mother of two families, and an unknown person
    newborn = scenario("newborn_mixed")
    remarried = scenario("remarried_minor")
    (newborn_certificate,) = newborn.birth_certificates
    (remarried_certificate,) = remarried.birth_certificates
    representations = [
        {"__typename": "Person", "idNumber": newborn.roles["father"]},
        {"__typename": "Person", "idNumber": UNKNOWN_ID_NUMBER},
        {"__typename": "Person", "idNumber": remarried.roles["mother"]},
        {"__typename": "Person", "idNumber": remarried.roles["step_father"]},
    ]
    sql.reset()
    # when the gateway asks for the certificates naming each as a parent
    result = await graphql("family_planning", AS_PARENT, {"representations": representations})
    # then each gets the certificates naming them as mother or father, from one SELECT
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": newborn.roles["father"],
                    "birthCertificatesAsParent": [{"number": newborn_certificate.number}],
                },
                {"idNumber": UNKNOWN_ID_NUMBER, "birthCertificatesAsParent": []},
                {
                    "idNumber": remarried.roles["mother"],
                    "birthCertificatesAsParent": [{"number": remarried_certificate.number}],
                },
                {"idNumber": remarried.roles["step_father"], "birthCertificatesAsParent": []},
            ]
        }
    }
    assert len(sql.selects("family_planning")) == 1


async def test_own_certificates_of_several_persons_load_in_one_select(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given two registered children born since 1996 and a mother without a certificate
    (boy,) = scenario("intact_mixed_minor").birth_certificates
    (adult,) = scenario("adult_19_mixed").birth_certificates
    mother = scenario("intact_mixed_minor").roles["mother"]
    representations = [
        {"__typename": "Person", "idNumber": adult.child_id},
        {"__typename": "Person", "idNumber": mother},
        {"__typename": "Person", "idNumber": boy.child_id},
    ]
    sql.reset()
    # when the gateway asks for each person's own birth certificate
    result = await graphql("family_planning", AS_CHILD, {"representations": representations})
    # then the children get theirs and the mother null, from one SELECT
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": adult.child_id,
                    "birthCertificate": {
                        "number": adult.number,
                        "birthDate": adult.birth_date.isoformat(),
                    },
                },
                {"idNumber": mother, "birthCertificate": None},
                {
                    "idNumber": boy.child_id,
                    "birthCertificate": {
                        "number": boy.number,
                        "birthDate": boy.birth_date.isoformat(),
                    },
                },
            ]
        }
    }
    assert len(sql.selects("family_planning")) == 1
