"""One gateway query decides an ethnicity change over police, civil-affairs and own records."""

from __future__ import annotations

from pathlib import Path

from agencies.population import PopulationSpec, generate
from tests.tongban.platform import bearer, running_platform

ELIGIBILITY = """
query($id: String!, $onDate: Date) {
  person(idNumber: $id) {
    ethnicityChangeEligibility(toCode: "22", onDate: $onDate) {
      eligible
      basis
      checks { code passed sourceAgency recordType recordReference }
    }
  }
}
"""


def check(code: str, agency: str, record: str, reference: str) -> dict[str, object]:
    return {
        "code": code,
        "passed": True,
        "sourceAgency": agency,
        "recordType": record,
        "recordReference": reference,
    }


async def test_remarried_minor_is_eligible_through_the_gateway(tmp_path: Path) -> None:
    # given the platform on its demo population and the boy of the remarried_minor scenario
    spec = PopulationSpec(people=100)
    unit = next(u for u in generate(spec) if u.scenario == "remarried_minor")
    child, mother = unit.roles["child"], unit.roles["mother"]
    divorced = unit.marriages[0].number
    # when the online service hall's system (the actor every agency's policies let read
    # these records for a service application) asks the gateway whether he may become She:
    # police -> civil affairs -> police (spouses) -> ethnic affairs
    async with running_platform(tmp_path, demo_people=spec.people) as platform:
        token = await platform.system_token("hall")
        answer = (
            await platform.client.post(
                "/graphql",
                json={
                    "query": ELIGIBILITY,
                    "variables": {"id": child, "onDate": spec.as_of.isoformat()},
                },
                headers={**bearer(token, "SERVICE_APPLICATION"), "tongban-case": "SQ-2026-0001"},
            )
        ).json()
    # then he is, following his mother, every check naming its agency and record
    assert answer == {
        "data": {
            "person": {
                "ethnicityChangeEligibility": {
                    "eligible": True,
                    "basis": "MOTHER",
                    "checks": [
                        check("TARGET_KNOWN", "ethnic_affairs", "EthnicGroup", "22"),
                        check("TARGET_DIFFERS", "police", "Person", child),
                        check("NOT_CHANGED_BEFORE", "ethnic_affairs", "Person", child),
                        check("AGE", "police", "Person", child),
                        check("MARRIAGE_CHANGED", "civil_affairs", "Marriage", divorced),
                        check("RAISING_PARENT_DIFFERS", "police", "Person", mother),
                        check("TARGET_IS_PARENTS", "police", "Person", mother),
                    ],
                }
            }
        }
    }
