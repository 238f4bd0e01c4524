"""Family planning's link execution as the tests send it: document, arguments, what it writes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from agencies.family_planning import models
from subgraph.execution.checks import today_in_china
from tests.agencies.execution import APPLICATION, Execution, WritableAgency
from tests.population import scenario

# The certificate of a boy born 2026-10-22 in 宁化县 (350424), a Han father and a She mother,
# and the number the police allocate him at registration (sequence 001, check character 8).
BIRTH = scenario("newborn_mixed")
CERTIFICATE = BIRTH.birth_certificates[0]
CHILD = "350424202610220018"
MOTHER = BIRTH.roles["mother"]
# His twin brother would get sequence 003 (check character 4).
TWIN = "350424202610220034"

LINK_BIRTH_CERTIFICATE = """
mutation($application: String!, $number: String!, $child: String!) {
  linkBirthCertificate(application: $application, number: $number, childId: $child) {
    replayed
    error { code message }
    linkedOn
    certificate { number registered child { idNumber } }
  }
}
"""


async def link_of(
    family_planning: WritableAgency, number: str = CERTIFICATE.number
) -> tuple[Any, ...]:
    """The certificate's child and its links, as stored."""
    child = await family_planning.rows(
        select(models.BirthCertificate.child_id).where(models.BirthCertificate.number == number)
    )
    links = await family_planning.rows(
        select(models.CertificateLink).where(models.CertificateLink.certificate_number == number)
    )
    return child, [(link.child_id, link.linked_on, link.application) for link in links]


LINK = Execution(
    field="linkBirthCertificate",
    document=LINK_BIRTH_CERTIFICATE,
    variables={"application": APPLICATION, "number": CERTIFICATE.number, "child": CHILD},
    other_arguments={"child": TWIN},
    answer={
        "replayed": False,
        "error": None,
        "linkedOn": today_in_china().isoformat(),
        "certificate": {
            "number": CERTIFICATE.number,
            "registered": True,
            "child": {"idNumber": CHILD},
        },
    },
    state=link_of,
    before=([None], []),
    after=([CHILD], [(CHILD, today_in_china(), APPLICATION)]),
    subject=MOTHER,
    line=3,
)
