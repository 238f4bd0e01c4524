"""The benchmarked operations, their supergraphs, and the person the agency query asks for."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.gateway.servers import ROOT, post_json
from tests.composition.test_compose import compose

TEST_SUPERGRAPH = ROOT / "tests" / "gateway" / "supergraph.graphql"

# One fetch: products answers everything.
SINGLE_ROOT = """
query TopProducts {
  topProducts(first: 5) { upc sku title price dimensions { weightGrams pages } }
}
"""

# products -> reviews (Product.reviews by upc) -> accounts (User.name by id).
ENTITY_CHAIN = """
query ReviewChain {
  topProducts(first: 5) {
    upc
    title
    reviews { id stars body author { id username name } }
  }
}
"""

# police (person, household, parents) -> ethnic_affairs, civil_affairs, family_planning, tax
# and social_security in parallel -> police again for the names of spouses and children.
SIX_AGENCIES = """
query PersonFile($idNumber: String!) {
  person(idNumber: $idNumber) {
    idNumber
    name
    sex
    birthDate
    regionCode
    ethnicGroup { code nameZh nameEn }
    household {
      number
      address
      members { idNumber name sex birthDate relationToHead }
    }
    father { idNumber name birthDate }
    mother { idNumber name birthDate }
    maritalStatus
    marriages {
      number
      registeredOn
      divorcedOn
      status
      husband { idNumber name }
      wife { idNumber name }
    }
    birthCertificate { number hospital weightGrams issuedOn }
    birthCertificatesAsParent {
      number
      childName
      birthDate
      hospital
      child { idNumber name }
    }
    taxpayer {
      taxpayerNumber
      taxOffice
      registeredOn
      annualSummaries { year incomeFen taxPaidFen }
      clearance { cleared outstandingFen }
    }
    insurance {
      number
      scheme
      status
      startsOn
      contributionMonths
      employer { code name regionCode }
    }
  }
}
"""


@dataclass(frozen=True)
class Query:
    """One benchmarked operation and the supergraph it runs on ("test" or "agencies")."""

    name: str
    graph: str
    document: str
    variables: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        """The POST body a client sends."""
        body: dict[str, Any] = {"query": self.document}
        if self.variables:
            body["variables"] = self.variables
        return body


QUERIES = {
    "single-root": Query("single-root", "test", SINGLE_ROOT),
    "entity-chain": Query("entity-chain", "test", ENTITY_CHAIN),
    "six-agency": Query("six-agency", "agencies", SIX_AGENCIES),
}


def compose_agencies(urls: dict[str, str]) -> str:
    """Compose the agency subgraphs into a supergraph with Apollo's composition (node).

    Each SDL is read as a gateway reads it, `{ _service { sdl } }` at the subgraph's url.
    """
    subgraphs = []
    for name, url in urls.items():
        answer = post_json(url, {"query": "{ _service { sdl } }"})
        try:
            sdl = answer["data"]["_service"]["sdl"]
        except (KeyError, TypeError):
            raise SystemExit(f"bench.gateway: {url} gave no SDL: {answer}") from None
        subgraphs.append({"name": name, "url": url, "sdl": sdl})
    result = compose(subgraphs)
    if result["errors"] or not result["supergraphSdl"]:
        details = "\n".join(f"{e['code']}: {e['message']}" for e in result["errors"])
        raise SystemExit(f"bench.gateway: the agency subgraphs do not compose:\n{details}")
    supergraph: str = result["supergraphSdl"]
    return supergraph


# For every person: whether the household has other members, both parents are known, and
# how many marriages, birth certificates (own or as a parent), tax years and insurance
# enrolments with an employer each agency holds.
PERSON_SCORES = """
SELECT p.id_number,
  (SELECT count(*) FROM person m WHERE m.household_no = p.household_no) > 1,
  p.father_id IS NOT NULL AND p.mother_id IS NOT NULL,
  (SELECT count(*) FROM civil.marriage WHERE husband_id = p.id_number OR wife_id = p.id_number),
  (SELECT count(*) FROM family.birth_certificate
     WHERE child_id = p.id_number OR mother_id = p.id_number OR father_id = p.id_number),
  (SELECT count(*) FROM tax.annual_tax_summary WHERE taxpayer_id = p.id_number),
  (SELECT count(*) FROM social.insurance_enrolment
     WHERE person_id = p.id_number AND employer_code IS NOT NULL)
FROM person p
"""


def richest_person(data_dir: Path) -> tuple[str, str]:
    """The person of the seeded SQLite files with the most of what the agency query asks for.

    Returns the id number and a description of what the agencies hold on the person.
    """
    connection = sqlite3.connect(f"file:{data_dir / 'police.db'}?mode=ro", uri=True)
    try:
        for alias, agency in (
            ("civil", "civil_affairs"),
            ("family", "family_planning"),
            ("tax", "tax"),
            ("social", "social_security"),
        ):
            connection.execute(f"ATTACH DATABASE 'file:{data_dir / agency}.db?mode=ro' AS {alias}")
        rows = connection.execute(PERSON_SCORES).fetchall()
    finally:
        connection.close()
    if not rows:
        raise SystemExit(f"bench.gateway: no person in {data_dir}")

    def rank(row: tuple[Any, ...]) -> tuple[int, ...]:
        _, household, parents, *counts = row
        present = int(household) + int(parents) + sum(1 for count in counts if count)
        return (present, *counts, int(household))

    best = max(rows, key=lambda row: (rank(row), row[0]))
    idn, household, parents, marriages, certificates, years, enrolments = best
    summary = (
        f"{idn}: {'household members, ' if household else ''}{'parents, ' if parents else ''}"
        f"{marriages} marriages, {certificates} birth certificates, {years} tax years, "
        f"{enrolments} insurance enrolments with an employer"
    )
    return idn, summary
