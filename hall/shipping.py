"""Parcels of an application: booking them with the carrier and following their scans.

The result goes to the applicant's registered address (read from the police through the
gateway); originals come from there to the accepting unit. A TRACK job per parcel polls the
carrier until it reports the parcel delivered; the result's delivery completes the step.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hall.carriers import DELIVERED, Carrier
from hall.executors import StepFailed
from hall.gateway_client import GatewayUnavailable
from hall.jobs import JobKind, enqueue, requeue
from hall.models import Application
from hall.service_models import Delivery, Shipment, ShipmentEvent
from hall.service_notices import notify, service_name_zh
from hall.service_states import DeliveryState, ShipmentDirection
from hall.states import State
from hall.verification import Gateway
from hall.workflow import HALL_SYSTEM, move

POLL_INTERVAL = timedelta(minutes=5)
ADDRESS = """
query RegisteredAddress($id: String!) {
  person(idNumber: $id) { household { address } }
}
"""
ORIGINALS_ZH = "请将{service}申请（{number}）所需原件交快递员寄送，运单号{tracking}。"
RECEIVED_ZH = "您为申请{number}寄送的原件（运单号{tracking}）已签收。"


async def registered_address(gateway: Gateway, *, number: str, person_id: str) -> str:
    """The household address the police register for a person, for application `number`."""
    body = await gateway.execute(ADDRESS, {"id": person_id}, case=number)
    person = (body.get("data") or {}).get("person") or {}
    address = (person.get("household") or {}).get("address")
    if address:
        return str(address)
    if body.get("errors"):
        raise GatewayUnavailable(str(body["errors"][0].get("message", ""))[:300])
    raise StepFailed("delivery.address", "the applicant has no registered address", retry=False)


async def book_parcel(
    session: AsyncSession,
    gateway: Gateway,
    carrier: Carrier,
    *,
    application: Application,
    direction: ShipmentDirection,
) -> tuple[str, str]:
    """Book the application's parcel one way: (tracking number, citizen's address).

    Commits the session first: the gateway and the carrier are called outside our transaction,
    so the caller reads the application again before it records anything.
    """
    number, applicant, unit = application.number, application.applicant_id, application.unit_code
    await session.commit()
    address = await registered_address(gateway, number=number, person_id=applicant)
    outbound = direction is ShipmentDirection.OUTBOUND
    origin, destination = (unit, address) if outbound else (address, unit)
    tracking = await carrier.book(
        reference=f"{number}-{direction.value}", origin=origin, destination=destination
    )
    return tracking, address


def add_shipment(
    session: AsyncSession,
    *,
    application: Application,
    direction: ShipmentDirection,
    tracking: str,
    address: str,
    now: datetime,
) -> Shipment:
    """Record a booked parcel and queue the polling of its scans."""
    shipment = Shipment(
        tracking_number=tracking,
        application_number=application.number,
        direction=direction.value,
        state="BOOKED",
        address=address,
        applicant_id=application.applicant_id,
        region_code=application.region_code,
        unit_code=application.unit_code,
        booked_at=now,
    )
    session.add(shipment)
    enqueue(session, kind=JobKind.TRACK, key=tracking, run_at=now)
    return shipment


async def request_originals(
    *, session: AsyncSession, gateway: Gateway, carrier: Carrier, key: str, now: datetime
) -> None:
    """ORIGINALS job: book the parcel that brings the originals to the accepting unit."""
    application = await session.get(Application, key)
    if application is None or await _shipment(session, key, ShipmentDirection.INBOUND):
        return
    inbound = ShipmentDirection.INBOUND
    tracking, address = await book_parcel(
        session, gateway, carrier, application=application, direction=inbound
    )
    application = await session.get(Application, key, populate_existing=True)
    if application is None or await _shipment(session, key, inbound):
        return
    add_shipment(
        session,
        application=application,
        direction=inbound,
        tracking=tracking,
        address=address,
        now=now,
    )
    notify(
        session,
        application_number=key,
        recipient_id=application.applicant_id,
        event="ORIGINALS_REQUESTED",
        text=ORIGINALS_ZH.format(
            service=service_name_zh(application.service_code), number=key, tracking=tracking
        ),
        now=now,
    )
    await session.commit()


async def track_shipment(
    *, session: AsyncSession, gateway: Gateway, carrier: Carrier, key: str, now: datetime
) -> None:
    """TRACK job: keep the parcel's new scans; poll again later until it is delivered."""
    shipment = await session.get(Shipment, key)
    if shipment is None or shipment.delivered_at is not None:
        return
    await session.commit()
    scans = await carrier.track(tracking_number=key)
    shipment = await session.get(Shipment, key, populate_existing=True)
    if shipment is None or shipment.delivered_at is not None:
        return
    known = await session.scalar(
        select(func.count()).select_from(ShipmentEvent).where(ShipmentEvent.tracking_number == key)
    )
    for seq, scan in enumerate(scans[known or 0 :], start=known or 0):
        session.add(
            ShipmentEvent(
                tracking_number=key,
                seq=seq,
                code=scan.code,
                description_zh=scan.description_zh,
                at=scan.at,
            )
        )
    if scans:
        shipment.state = scans[-1].code
    delivered = next((scan for scan in scans if scan.code == DELIVERED), None)
    if delivered is None:
        await requeue(session, kind=JobKind.TRACK, key=key, run_at=now + POLL_INTERVAL)
    else:
        shipment.delivered_at = delivered.at
        await _arrived(session, shipment, now)
    await session.commit()


async def _arrived(session: AsyncSession, shipment: Shipment, now: datetime) -> None:
    number = shipment.application_number
    if shipment.direction == ShipmentDirection.INBOUND.value:
        notify(
            session,
            application_number=number,
            recipient_id=shipment.applicant_id,
            event="ORIGINALS_RECEIVED",
            text=RECEIVED_ZH.format(number=number, tracking=shipment.tracking_number),
            now=now,
        )
        return
    delivery = await session.get(Delivery, number)
    application = await session.get(Application, number)
    if delivery is None or application is None or application.state != State.EXECUTED.value:
        return
    delivery.state = DeliveryState.DELIVERED.value
    delivery.delivered_at = shipment.delivered_at
    move(
        session,
        application,
        State.DELIVERED,
        actor=HALL_SYSTEM,
        now=now,
        reason=f"快递签收 {shipment.tracking_number}",
        service_name=service_name_zh(application.service_code),
    )


async def _shipment(
    session: AsyncSession, number: str, direction: ShipmentDirection
) -> Shipment | None:
    found: Shipment | None = await session.scalar(
        select(Shipment).where(
            Shipment.application_number == number, Shipment.direction == direction.value
        )
    )
    return found
