"""Driving an application through the running platform, as its citizen and its officer would."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from agencies.population import FamilyUnit, PopulationSpec, generate
from tests.tongban.platform import RunningPlatform, bearer
from web.citizen_operations import CITIZEN_APPLICATIONS, CITIZEN_SUBMIT_APPLICATION

# The demo population of the hall's platform tests (scenario families included).
SPEC = PopulationSpec(people=100)
ETHNIC_AFFAIRS_CITY_OFFICER = "ethnic_affairs.sanming.officer"
SHE = "22"
HAN = "01"
REGISTERED_ETHNICITY = """
query Registered($id: String!) {
  person(idNumber: $id) {
    ethnicityCode
    ethnicityHistory { fromCode toCode basis approvalNumber }
    ethnicityChanges { number basis status fromGroup { code } toGroup { code } }
  }
}
"""

APPLICATION = """
query Application($number: String!) {
  application(number: $number) {
    number state version agency unitCode details decisionReason
    verification {
      eligible
      checks { code passed required sourceAgency recordType recordReference }
    }
    steps { fromState toState actorKind actorAgency reason }
  }
}
"""
DECIDE = """
mutation Decide($number: String!, $version: Int!, $approve: Boolean!, $reason: String) {
  decideApplication(
    number: $number, expectedVersion: $version, approve: $approve, reason: $reason
  ) { application { number state version } }
}
"""


def scenario(name: str) -> FamilyUnit:
    """The family unit of a named scenario in the demo population."""
    return next(unit for unit in generate(SPEC) if unit.scenario == name)


def check(
    code: str,
    agency: str,
    record: str,
    reference: str | None,
    *,
    passed: bool = True,
    required: bool = True,
) -> dict[str, object]:
    """A verification check as the hall shows it to staff."""
    return {
        "code": code,
        "passed": passed,
        "required": required,
        "sourceAgency": agency,
        "recordType": record,
        "recordReference": reference,
    }


@dataclass
class Hall:
    """The platform's gateway as the hall's users see it."""

    platform: RunningPlatform

    async def submit(
        self,
        citizen: str,
        *,
        service: str,
        subject: str,
        details: dict[str, Any],
        delivery: str = "ELECTRONIC",
        key: str | None = None,
    ) -> dict[str, Any]:
        """Submit as a citizen, with the portal's persisted operation."""
        token = await self.platform.token(citizen)
        application = {
            "serviceCode": service,
            "subjectIdNumber": subject,
            "details": details,
            "delivery": delivery,
            "idempotencyKey": key or uuid.uuid4().hex,
        }
        answer = await self.platform.client.post(
            "/graphql",
            json={"query": CITIZEN_SUBMIT_APPLICATION, "variables": {"application": application}},
            headers=bearer(token, None),
        )
        body: dict[str, Any] = answer.json()
        return body

    async def mine(self, citizen: str) -> dict[str, Any]:
        """The citizen's applications, as the portal lists them."""
        token = await self.platform.token(citizen)
        answer = await self.platform.client.post(
            "/graphql", json={"query": CITIZEN_APPLICATIONS}, headers=bearer(token, None)
        )
        body: dict[str, Any] = answer.json()
        return body

    async def staff(
        self, login: str, document: str, variables: dict[str, Any], *, case: str | None = None
    ) -> dict[str, Any]:
        """Run an operation as a staff member handling applications."""
        token = await self.platform.token(login)
        headers = bearer(token, "SERVICE_APPLICATION")
        if case is not None:
            headers["tongban-case"] = case
        answer = await self.platform.client.post(
            "/graphql", json={"query": document, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = answer.json()
        return body

    async def as_hall_system(
        self, document: str, variables: dict[str, Any], *, case: str
    ) -> dict[str, Any]:
        """Run an operation as the hall's system client, for an application's case."""
        token = await self.platform.system_token("hall")
        headers = bearer(token, "SERVICE_APPLICATION")
        headers["tongban-case"] = case
        answer = await self.platform.client.post(
            "/graphql", json={"query": document, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = answer.json()
        return body

    async def work(self) -> None:
        """Run the hall worker's rounds until nothing is left to do."""
        worker = self.platform.app.state.hall_worker
        for _ in range(10):
            done = await worker.run_once()
            if done.jobs == 0:
                return
        raise AssertionError("the hall worker kept finding work")

    async def read(self, number: str, login: str = ETHNIC_AFFAIRS_CITY_OFFICER) -> dict[str, Any]:
        """The application as the accepting unit's officer sees it."""
        # Reading needs no case (nothing sensitive); a closed application is no one's case.
        body = await self.staff(login, APPLICATION, {"number": number})
        application: dict[str, Any] = body["data"]["application"]
        return application

    async def decide(
        self,
        number: str,
        *,
        approve: bool,
        reason: str,
        login: str = ETHNIC_AFFAIRS_CITY_OFFICER,
    ) -> dict[str, Any]:
        """Decide as the accepting unit's officer, on the version just read."""
        version = (await self.read(number, login))["version"]
        variables = {"number": number, "version": version, "approve": approve, "reason": reason}
        return await self.staff(login, DECIDE, variables, case=number)

    async def submitted_number(self, citizen: str, **application: Any) -> str:
        """Submit and return the new application's number."""
        body = await self.submit(citizen, **application)
        number: str = body["data"]["submitApplication"]["application"]["number"]
        return number
