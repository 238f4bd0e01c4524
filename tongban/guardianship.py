"""Who a citizen may act for: their minor children and the minors in their guardianship."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from authz.actor import Actor, ActorKind
from authz.purposes import Purpose
from gateway.auth.authenticate import LookupUnavailable, WardsResolver
from gateway.engine import Engine, GraphQLRequest

ADULT_AGE = 18
WARDS = """
query Wards($id: String!) {
  person(idNumber: $id) {
    children { idNumber birthDate }
    wards { ward { idNumber birthDate } }
  }
}
"""


def wards_resolver(engine: Engine) -> WardsResolver:
    """Look a citizen's wards up through the federation, as the gateway's own system actor.

    The lookup is an access like any other: the subgraphs decide it by their policies
    (`SYSTEM@gateway`, purpose IDENTITY_VERIFICATION) and write it to the audit log.
    """

    async def resolve(citizen: Actor) -> tuple[str, ...]:
        gateway = Actor(
            subject="tongban-gateway",
            kind=ActorKind.SYSTEM,
            agency="gateway",
            purpose=Purpose.IDENTITY_VERIFICATION.value,
            request_id=citizen.request_id,
        )
        result = await engine.execute(
            GraphQLRequest(WARDS, {"id": citizen.subject}, "Wards"), actor=gateway
        )
        person = (result.body.get("data") or {}).get("person")
        if person is None and result.body.get("errors"):
            raise LookupUnavailable(f"the wards of {citizen.subject} could not be looked up")
        person = person or {}
        people = [
            *(person.get("children") or ()),
            *(g.get("ward") for g in person.get("wards") or ()),
        ]
        return tuple(sorted({p["idNumber"] for p in people if _minor(p)}))

    return resolve


def _minor(person: Any) -> bool:
    if not isinstance(person, dict) or not person.get("birthDate"):
        return False
    born = date.fromisoformat(person["birthDate"])
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    adult_on = (
        born.replace(year=born.year + ADULT_AGE)
        if (born.month, born.day) != (2, 29)
        else date(born.year + ADULT_AGE, 3, 1)
    )
    return today < adult_on
