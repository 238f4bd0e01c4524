"""Delivery: electronic at once, by courier when the carrier delivers, at the window when
collected; then the system closes the application. Originals come in by courier."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from hall.carriers import DemoCarrier, demo_tracking_number
from hall.delivery import deliver
from hall.jobs import JobKind
from hall.models import Application, Job
from hall.service_models import Delivery, FeeOrder, Shipment, ShipmentEvent
from hall.shipping import POLL_INTERVAL, track_shipment
from hall.states import State
from hall.times import utc
from subgraph.database import Database
from tests.hall.conftest import NOW
from tests.hall.flow import Hall
from tests.hall.service_flow import (
    advance,
    as_citizen,
    family_with_minor,
    filed,
    hall_rows,
    instant_courier,
    police_officer,
    residents,
    steps,
    submitted,
)
from web.citizen_operations import CITIZEN_DELIVERY, CITIZEN_PAY_FEE

MARK_COLLECTED = """
mutation Collected($number: String!) {
  markCollected(number: $number) { application { number state } }
}
"""
CERTIFICATE = {"purpose": "入学"}
SCANS = [
    ("COLLECTED", "快递员已揽收"),
    ("IN_TRANSIT", "运输中"),
    ("OUT_FOR_DELIVERY", "派送中"),
    ("DELIVERED", "已签收"),
]
DELIVERED_AND_CLOSED = [
    ("EXECUTED", "DELIVERED", "SYSTEM"),
    ("DELIVERED", "CLOSED", "SYSTEM"),
]


def _at(value: datetime | None) -> str | None:
    return None if value is None else utc(value).isoformat()


async def _delivery_row(hall: Hall, number: str) -> Delivery:
    return next(d for d in await hall_rows(hall, Delivery) if d.application_number == number)


async def _shipments(hall: Hall, number: str) -> list[dict[str, Any]]:
    """The application's parcels as the citizen should see them, from the hall's tables."""
    events = await hall_rows(hall, ShipmentEvent, ShipmentEvent.seq)
    return [
        {
            "trackingNumber": s.tracking_number,
            "direction": s.direction,
            "state": s.state,
            "address": s.address,
            "bookedAt": _at(s.booked_at),
            "deliveredAt": _at(s.delivered_at),
            "events": [
                {"code": e.code, "descriptionZh": e.description_zh, "at": _at(e.at)}
                for e in events
                if e.tracking_number == s.tracking_number
            ],
        }
        for s in await hall_rows(hall, Shipment, Shipment.booked_at)
        if s.application_number == number
    ]


async def _approved(hall: Hall, citizen: str, region: str, service: str, **kw: Any) -> str:
    number = await submitted(hall, citizen, service, kw.pop("details", CERTIFICATE), **kw)
    await hall.decide(number, approve=True, reason="同意", login=police_officer(region))
    await hall.work()
    return number


async def test_an_electronic_result_is_delivered_at_once_and_closed(hall: Hall) -> None:
    # Given a household certificate asked for electronically
    citizen = residents()[0]

    # When it is approved and the worker runs
    number = await _approved(
        hall, citizen.id_number, citizen.region, "HOUSEHOLD_CERTIFICATE", delivery="ELECTRONIC"
    )
    seen = await as_citizen(
        hall, citizen.id_number, CITIZEN_DELIVERY, {"applicationNumber": number}
    )

    # Then the electronic document is delivered at execution, and the application closed
    row = await _delivery_row(hall, number)
    assert seen == {
        "data": {
            "delivery": {
                "method": "ELECTRONIC",
                "state": "DELIVERED",
                "documentReference": "DZ" + number[2:],
                "trackingNumber": None,
                "preparedAt": _at(row.prepared_at),
                "deliveredAt": _at(row.prepared_at),
            },
            "shipments": [],
        }
    }
    assert (await steps(hall, number))[-2:] == DELIVERED_AND_CLOSED


async def test_a_courier_result_goes_to_the_registered_address_and_is_tracked(
    hall: Hall,
) -> None:
    # Given a household booklet to be sent by courier, and a carrier that delivers at once
    instant_courier(hall)
    citizen = residents()[1]

    # When it is approved and the worker runs (booking, polling, closing)
    number = await _approved(
        hall,
        citizen.id_number,
        citizen.region,
        "HOUSEHOLD_BOOKLET_REISSUE",
        details={"reason": "LOST"},
        delivery="COURIER",
    )
    seen = await as_citizen(
        hall, citizen.id_number, CITIZEN_DELIVERY, {"applicationNumber": number}
    )

    # Then the parcel went to the household's address, the citizen sees its every scan, and
    # the carrier's delivery delivered and closed the application
    tracking = demo_tracking_number(f"{number}-OUTBOUND")
    row = await _delivery_row(hall, number)
    shipments = await _shipments(hall, number)
    assert [(s["address"], s["direction"], len(s["events"])) for s in shipments] == [
        (citizen.address, "OUTBOUND", 4)
    ]
    assert seen == {
        "data": {
            "delivery": {
                "method": "COURIER",
                "state": "DELIVERED",
                "documentReference": None,
                "trackingNumber": tracking,
                "preparedAt": _at(row.prepared_at),
                "deliveredAt": _at(row.delivered_at),
            },
            "shipments": shipments,
        }
    }
    assert (await steps(hall, number))[-2:] == DELIVERED_AND_CLOSED


async def test_a_pickup_waits_until_staff_mark_it_collected(hall: Hall) -> None:
    # Given a household certificate to be collected at the window, approved and executed
    citizen = residents()[2]
    officer = police_officer(citizen.region)
    number = await _approved(
        hall, citizen.id_number, citizen.region, "HOUSEHOLD_CERTIFICATE", delivery="PICKUP"
    )
    waiting = await as_citizen(
        hall, citizen.id_number, CITIZEN_DELIVERY, {"applicationNumber": number}
    )

    # When another county's officer marks it collected, then the unit's officer does
    stranger = police_officer(next(r.region for r in residents() if r.region != citizen.region))
    claimed = await hall.staff(stranger, MARK_COLLECTED, {"number": number})
    collected = await hall.staff(officer, MARK_COLLECTED, {"number": number}, case=number)
    await hall.work()

    # Then it waited at the window, only its unit could hand it over, and then it closed
    assert waiting["data"]["delivery"]["state"] == "AWAITING_PICKUP"
    assert (claimed["data"], [e["extensions"]["code"] for e in claimed["errors"]]) == (
        {"markCollected": None},
        ["FORBIDDEN"],
    )
    assert collected == {
        "data": {"markCollected": {"application": {"number": number, "state": "DELIVERED"}}}
    }
    row = await _delivery_row(hall, number)
    assert (row.state, row.collected_by) == ("DELIVERED", officer)
    assert (await steps(hall, number))[-2:] == [
        ("EXECUTED", "DELIVERED", "STAFF"),
        ("DELIVERED", "CLOSED", "SYSTEM"),
    ]


async def test_a_rejected_application_is_closed_and_its_fee_cancelled(hall: Hall) -> None:
    # Given an unpaid ID-card reissue
    citizen = residents()[3]
    number = await submitted(
        hall, citizen.id_number, "ID_CARD_REISSUE", {"reason": "LOST"}, delivery="COURIER"
    )

    # When the unit rejects it, the worker runs, and the citizen then tries to pay
    await hall.decide(
        number, approve=False, reason="证件未遗失", login=police_officer(citizen.region)
    )
    await hall.work()
    paid = await as_citizen(hall, citizen.id_number, CITIZEN_PAY_FEE, {"number": number})

    # Then the system closed it, nothing is due, and nothing was charged
    order = next(o for o in await hall_rows(hall, FeeOrder) if o.application_number == number)
    assert (await steps(hall, number))[-2:] == [
        ("VERIFIED", "REJECTED", "STAFF"),
        ("REJECTED", "CLOSED", "SYSTEM"),
    ]
    assert (order.state, order.paid_at) == ("CANCELLED", None)
    assert [e["message"] for e in paid["errors"]] == [
        f"application {number} was not approved: its fee is not due"
    ]


async def test_originals_come_in_by_a_parcel_the_citizen_can_track(hall: Hall) -> None:
    # Given a parent changing a minor's name, for which the other parent's consent is an
    # original, and a carrier that delivers at once
    instant_courier(hall)
    unit, parent, child = family_with_minor()
    address = next(
        h.address
        for h in unit.households
        if h.number == next(p.household_no for p in unit.persons if p.id_number == parent)
    )

    # When the parent submits and the worker runs
    number = await submitted(
        hall,
        parent,
        "NAME_CHANGE",
        {"new_name": "林晓明", "reason": "随母姓"},
        delivery="ELECTRONIC",
        subject=child,
    )
    seen = await as_citizen(hall, parent, CITIZEN_DELIVERY, {"applicationNumber": number})

    # Then an inbound parcel from the household to the unit was booked, and the parent
    # follows it to its delivery; the result itself is not delivered yet
    shipments = await _shipments(hall, number)
    assert [(s["trackingNumber"], s["direction"], s["address"]) for s in shipments] == [
        (demo_tracking_number(f"{number}-INBOUND"), "INBOUND", address)
    ]
    assert [(e["code"], e["descriptionZh"]) for e in shipments[0]["events"]] == SCANS
    assert seen == {"data": {"delivery": None, "shipments": shipments}}


@dataclass
class Register:
    """A gateway answering the police's registered address of anyone."""

    address: str
    asked: list[dict[str, Any]] = field(default_factory=list)

    async def execute(self, document: str, variables: dict[str, Any], *, case: str) -> Any:
        self.asked.append(variables)
        return {"data": {"person": {"household": {"address": self.address}}}}


@dataclass
class Clock:
    """A clock the test moves."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


async def test_tracking_polls_the_carrier_until_it_delivers(hall_db: Database) -> None:
    # Given an executed application to be sent by courier, and a carrier scanning hourly
    citizen = residents()[0]
    number = await filed(
        hall_db,
        "HOUSEHOLD_BOOKLET_REISSUE",
        citizen.id_number,
        {"reason": "LOST"},
        delivery="COURIER",
    )
    await advance(hall_db, number, State.VERIFIED, State.APPROVED, State.EXECUTED)
    clock = Clock(NOW)
    carrier = DemoCarrier(hall_db.sessions, clock=clock, pace=timedelta(hours=1))
    gateway = Register(citizen.address)
    tracking = demo_tracking_number(f"{number}-OUTBOUND")

    async def poll() -> tuple[str, str, list[str], datetime | None]:
        async with hall_db.sessions() as session:
            await track_shipment(
                session=session, gateway=gateway, carrier=carrier, key=tracking, now=clock.now
            )
            application = await session.get(Application, number, populate_existing=True)
            job = await session.scalar(
                select(Job).where(Job.kind == JobKind.TRACK.value, Job.key == tracking)
            )
            codes = await session.scalars(
                select(ShipmentEvent.code).where(ShipmentEvent.tracking_number == tracking)
            )
            assert application is not None and job is not None
            return application.state, job.done_at, list(codes), utc(job.run_at)

    # When the result is shipped and polled at once, then again three hours later
    async with hall_db.sessions() as session:
        await deliver(session=session, gateway=gateway, carrier=carrier, key=number, now=NOW)
    first = await poll()
    clock.now = NOW + timedelta(hours=3)
    last = await poll()

    # Then the first poll saw the pick-up and asked again later; the last one saw the
    # delivery, which delivered the application
    assert gateway.asked == [{"id": citizen.id_number}]
    assert first == ("EXECUTED", None, ["COLLECTED"], NOW + POLL_INTERVAL)
    assert last == ("DELIVERED", None, [code for code, _ in SCANS], NOW + POLL_INTERVAL)
