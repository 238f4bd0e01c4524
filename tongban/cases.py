"""Which cases a staff-side caller may declare: open police case files of their unit or below."""

from __future__ import annotations

from typing import Any

from authz.actor import Actor, ActorKind
from authz.purposes import Purpose
from gateway.auth.authenticate import CaseResolver, LookupUnavailable
from gateway.engine import Engine, GraphQLRequest

# The case's unit and its superiors (station, county bureau, city bureau).
CASE_FILE = """
query CaseFile($number: String!) {
  caseFile(number: $number) {
    status
    unit { code parent { code parent { code } } }
  }
}
"""


def case_resolver(engine: Engine) -> CaseResolver:
    """Check a declared case through the federation, as the gateway's own system actor.

    The case must be an open police case file assigned to the caller's unit or to a unit
    under it: the city bureau may work on every case, a county bureau on its stations' cases.
    The lookup is an access like any other: the police decide it by their policies
    (`SYSTEM@gateway`, purpose IDENTITY_VERIFICATION) and write it to the audit log.
    """

    async def resolve(actor: Actor) -> bool:
        if not actor.case or not actor.unit:
            return False
        gateway = Actor(
            subject="tongban-gateway",
            kind=ActorKind.SYSTEM,
            agency="gateway",
            purpose=Purpose.IDENTITY_VERIFICATION.value,
            request_id=actor.request_id,
        )
        result = await engine.execute(
            GraphQLRequest(CASE_FILE, {"number": actor.case}, "CaseFile"), actor=gateway
        )
        case = (result.body.get("data") or {}).get("caseFile")
        if case is None and result.body.get("errors"):
            raise LookupUnavailable(f"case {actor.case[:40]} could not be looked up")
        case = case or {}
        return case.get("status") == "OPEN" and actor.unit in _unit_and_superiors(case.get("unit"))

    return resolve


def _unit_and_superiors(unit: Any) -> set[str]:
    codes: set[str] = set()
    while isinstance(unit, dict) and unit.get("code"):
        codes.add(unit["code"])
        unit = unit.get("parent")
    return codes
