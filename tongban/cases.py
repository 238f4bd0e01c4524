"""Which cases a staff-side caller may declare: open police case files of their unit or below,
open hall applications their unit accepted (or, for its city bureau, its agency's units), and
open hall questions and supervision flags sent to their unit (likewise)."""

from __future__ import annotations

from typing import Any

from authz.actor import Actor, ActorKind
from authz.purposes import Purpose
from gateway.auth.authenticate import CaseResolver, LookupUnavailable
from gateway.engine import Engine, GraphQLRequest
from subgraph.units import CITY_REGION, bureau_code

# The case's unit and its superiors (station, county bureau, city bureau).
CASE_FILE = """
query CaseFile($number: String!) {
  caseFile(number: $number) {
    status
    unit { code parent { code parent { code } } }
  }
}
"""


APPLICATION = """
query HallApplication($number: String!) {
  application(number: $number) { state unitCode agency }
}
"""
APPLICATION_PREFIX = "SQ"
CLOSED = "CLOSED"
# The hall's questions and supervision flags, while open, are cases of the unit they went to.
QUESTION = """
query HallQuestion($number: String!) {
  serviceQuestion(number: $number) { state unitCode agency }
}
"""
FLAG = """
query HallFlag($number: String!) {
  supervisionFlag(number: $number) { state unitCode agency }
}
"""
HALL_RECORDS = {"ZX": (QUESTION, "serviceQuestion"), "JD": (FLAG, "supervisionFlag")}
OPEN = "OPEN"


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
        if actor.case.startswith(APPLICATION_PREFIX):
            application = await _look_up(engine, actor, APPLICATION, "application")
            return _application_assigned(actor, application)
        if actor.case[:2] in HALL_RECORDS:
            document, field = HALL_RECORDS[actor.case[:2]]
            record = await _look_up(engine, actor, document, field)
            return record.get("state") == OPEN and _application_assigned(actor, record)
        if actor.agency != "police":
            return False
        case = await _look_up(engine, actor, CASE_FILE, "caseFile")
        return case.get("status") == "OPEN" and actor.unit in _unit_and_superiors(case.get("unit"))

    return resolve


async def _look_up(engine: Engine, actor: Actor, document: str, field: str) -> dict[str, Any]:
    """Read one record by the declared case number, as the gateway's own system actor."""
    assert actor.case is not None
    gateway = Actor(
        subject="tongban-gateway",
        kind=ActorKind.SYSTEM,
        agency="gateway",
        purpose=Purpose.IDENTITY_VERIFICATION.value,
        request_id=actor.request_id,
    )
    result = await engine.execute(GraphQLRequest(document, {"number": actor.case}), actor=gateway)
    found = (result.body.get("data") or {}).get(field)
    if found is None and result.body.get("errors"):
        raise LookupUnavailable(f"case {actor.case[:40]} could not be looked up")
    return found if isinstance(found, dict) else {}


def _application_assigned(actor: Actor, application: dict[str, Any]) -> bool:
    """An open application accepted by the actor's unit, or by a unit of its agency when the
    actor is that agency's city bureau."""
    unit = application.get("unitCode")
    if not unit or application.get("state") in (None, CLOSED) or not actor.agency:
        return False
    if actor.agency != application.get("agency"):
        return False
    return actor.unit in (unit, bureau_code(actor.agency, CITY_REGION))


def _unit_and_superiors(unit: Any) -> set[str]:
    codes: set[str] = set()
    while isinstance(unit, dict) and unit.get("code"):
        codes.add(unit["code"])
        unit = unit.get("parent")
    return codes
