"""Driving the hall's services around an application: fees, delivery, ratings, questions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from agencies.population import FamilyUnit, generate
from hall.calendar import default_calendar
from hall.carriers import DemoCarrier
from hall.catalogue import service_of
from hall.models import Application
from hall.states import State
from hall.submission import submit
from hall.times import SHANGHAI
from hall.workflow import HALL_SYSTEM, move
from identity.demo import REGIONS
from identity.models import Account, AccountKind
from subgraph.database import Database
from tests.hall.conftest import NOW
from tests.hall.flow import SPEC, Hall
from tests.tongban.platform import bearer

FINANCE_OFFICER = "hall.sanming.finance"
APPLICATION_STEPS = """
query Steps($number: String!) {
  application(number: $number) { number state steps { fromState toState actorKind reason } }
}
"""


def today() -> date:
    """Today in Beijing."""
    return datetime.now(SHANGHAI).date()


@dataclass(frozen=True)
class Resident:
    """A registered person of the demo population, with their household's address."""

    id_number: str
    region: str
    address: str
    birth_date: date


def residents(*, adults: bool = True) -> list[Resident]:
    """Registered people of the families without a scenario, adults or minors, in order."""
    found: list[Resident] = []
    adult_born = today() - timedelta(days=18 * 366)
    for unit in generate(SPEC):
        if unit.scenario is not None:
            continue
        addresses = {household.number: household.address for household in unit.households}
        for person in unit.persons:
            if not person.registered or person.household_no not in addresses:
                continue
            if (person.birth_date <= adult_born) == adults:
                found.append(
                    Resident(
                        person.id_number,
                        person.region_code,
                        addresses[person.household_no],
                        person.birth_date,
                    )
                )
    return found


def family_with_minor() -> tuple[FamilyUnit, str, str]:
    """A family without a scenario with a registered minor: (unit, a parent, the minor)."""
    for unit in generate(SPEC):
        if unit.scenario is not None:
            continue
        for person in unit.persons:
            parent = person.mother_id or person.father_id
            minor = person.birth_date > today() - timedelta(days=16 * 366)
            if minor and parent and any(p.id_number == parent for p in unit.persons):
                return unit, parent, person.id_number
    raise AssertionError("no family with a minor in the demo population")


def police_officer(region: str) -> str:
    """The demo login of the police officer of a county's bureau."""
    return f"police.{REGIONS[region][0]}.officer"


def police_bureau(region: str) -> str:
    """The organ code of the police bureau of a region."""
    return f"{region}000000"


async def as_citizen(
    hall: Hall, citizen: str, document: str, variables: dict[str, Any]
) -> dict[str, Any]:
    """Run one of the portal's persisted operations as a citizen."""
    token = await hall.platform.token(citizen)
    answer = await hall.platform.client.post(
        "/graphql",
        json={"query": document, "variables": variables},
        headers=bearer(token, None),
    )
    body: dict[str, Any] = answer.json()
    return body


async def submitted(
    hall: Hall,
    citizen: str,
    service: str,
    details: dict[str, Any],
    *,
    delivery: str,
    subject: str | None = None,
) -> str:
    """Submit as a citizen and let the worker verify; return the application's number."""
    number = await hall.submitted_number(
        citizen, service=service, subject=subject or citizen, details=details, delivery=delivery
    )
    await hall.work()
    return number


async def steps(hall: Hall, number: str) -> list[tuple[str | None, str, str]]:
    """The application's steps as the hall's system reads them: (from, to, actor kind)."""
    body = await hall.as_hall_system(APPLICATION_STEPS, {"number": number}, case=number)
    return [
        (step["fromState"], step["toState"], step["actorKind"])
        for step in body["data"]["application"]["steps"]
    ]


def instant_courier(hall: Hall) -> None:
    """Make the worker's demo carrier deliver a parcel as soon as it is booked."""
    worker = hall.platform.app.state.hall_worker
    worker.carrier = DemoCarrier(worker.sessions, pace=timedelta(0))


async def hall_rows(hall: Hall, model: type, *order_by: Any) -> Sequence[Any]:
    """Every row of a hall table, read straight from the hall's database."""
    sessions = hall.platform.app.state.hall_worker.sessions
    async with sessions() as session:
        return (await session.scalars(select(model).order_by(*order_by))).all()


async def add_finance_officer(hall: Hall) -> str:
    """Add the hall's finance officer (role `finance` of the hall) to the provider's accounts."""
    database = hall.platform.app.state.identity_database
    async with database.sessions() as session:
        if await session.scalar(select(Account).where(Account.login == FINANCE_OFFICER)) is None:
            session.add(
                Account(
                    login=FINANCE_OFFICER,
                    kind=AccountKind.STAFF,
                    id_number=None,
                    display_name="三明市网上办事大厅财务人员",
                    agency="hall",
                    unit="WT350400",
                    roles=["finance"],
                    region="350400",
                    failed_logins=0,
                    disabled=False,
                )
            )
            await session.commit()
    return FINANCE_OFFICER


async def filed(
    database: Database,
    service: str,
    applicant: str,
    details: dict[str, Any],
    *,
    delivery: str,
    now: datetime = NOW,
    subject: str | None = None,
) -> str:
    """Submit an application straight into a hall database; return its number."""
    found = service_of(service)
    assert found is not None
    async with database.sessions() as session:
        done = await submit(
            session=session,
            service=found,
            calendar=default_calendar(),
            applicant_id=applicant,
            subject_id=subject or applicant,
            details=details,
            delivery=delivery,
            idempotency_key=uuid.uuid4().hex,
            now=now,
        )
    return done.application.number


async def advance(database: Database, number: str, *states: State, now: datetime = NOW) -> None:
    """Move an application through `states` as the hall's system, in one commit."""
    async with database.sessions() as session:
        application = await session.get(Application, number)
        assert application is not None
        for state in states:
            move(session, application, state, actor=HALL_SYSTEM, now=now)
        await session.commit()
