"""Delivering an executed application's result, and closing finished applications.

ELECTRONIC results are delivered at once (an electronic document reference); COURIER results
are shipped to the applicant's registered address and delivered when the carrier says so
(hall/shipping.py); PICKUP results wait at the window until staff mark them collected.
DELIVERED and REJECTED applications are closed by the system.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from hall.carriers import Carrier
from hall.catalogue_model import DeliveryMethod
from hall.fee_orders import cancel_pending_order
from hall.models import Application
from hall.service_models import Delivery
from hall.service_notices import notify, service_name_zh
from hall.service_states import DeliveryState, ShipmentDirection
from hall.shipping import add_shipment, book_parcel
from hall.states import State
from hall.verification import Gateway
from hall.workflow import HALL_SYSTEM, StepActor, StepRefused, move
from subgraph.errors import BadUserInput

SHIPPED_ZH = "您的{service}申请（{number}）办理结果已交快递寄出，运单号{tracking}。"
PICKUP_ZH = "您的{service}申请（{number}）已办结，请携带身份证件到窗口领取。"


def document_reference(number: str) -> str:
    """The reference of an application's electronic document: DZ and its number's digits."""
    return "DZ" + number[2:]


async def deliver(
    *, session: AsyncSession, gateway: Gateway, carrier: Carrier, key: str, now: datetime
) -> None:
    """DELIVER job: start delivering an executed application's result by its method."""
    application = await session.get(Application, key)
    if application is None or application.state != State.EXECUTED.value:
        return
    if await session.get(Delivery, key) is not None:
        return
    method = DeliveryMethod(application.delivery)
    tracking = address = None
    if method is DeliveryMethod.COURIER:
        outbound = ShipmentDirection.OUTBOUND
        tracking, address = await book_parcel(
            session, gateway, carrier, application=application, direction=outbound
        )
        application = await session.get(Application, key, populate_existing=True)
        if application is None or application.state != State.EXECUTED.value:
            return
        add_shipment(
            session,
            application=application,
            direction=outbound,
            tracking=tracking,
            address=address,
            now=now,
        )
    session.add(_delivery(application, method, tracking, now))
    _hand_over(session, application, method, tracking, now)
    await session.commit()


def _delivery(
    application: Application, method: DeliveryMethod, tracking: str | None, now: datetime
) -> Delivery:
    electronic = method is DeliveryMethod.ELECTRONIC
    state = {
        DeliveryMethod.ELECTRONIC: DeliveryState.DELIVERED,
        DeliveryMethod.COURIER: DeliveryState.SHIPPED,
        DeliveryMethod.PICKUP: DeliveryState.AWAITING_PICKUP,
    }[method]
    return Delivery(
        application_number=application.number,
        method=method.value,
        state=state.value,
        applicant_id=application.applicant_id,
        region_code=application.region_code,
        unit_code=application.unit_code,
        document_reference=document_reference(application.number) if electronic else None,
        tracking_number=tracking,
        prepared_at=now,
        delivered_at=now if electronic else None,
    )


def _hand_over(
    session: AsyncSession,
    application: Application,
    method: DeliveryMethod,
    tracking: str | None,
    now: datetime,
) -> None:
    service = service_name_zh(application.service_code)
    if method is DeliveryMethod.ELECTRONIC:
        reason = f"电子文书 {document_reference(application.number)}"
        move(
            session,
            application,
            State.DELIVERED,
            actor=HALL_SYSTEM,
            now=now,
            reason=reason,
            service_name=service,
        )
        return
    event, template = (
        ("SHIPPED", SHIPPED_ZH) if method is DeliveryMethod.COURIER else ("PICKUP", PICKUP_ZH)
    )
    notify(
        session,
        application_number=application.number,
        recipient_id=application.applicant_id,
        event=event,
        text=template.format(service=service, number=application.number, tracking=tracking),
        now=now,
    )


async def mark_collected(
    *, session: AsyncSession, number: str, actor: StepActor, now: datetime
) -> Application:
    """Record that the citizen collected the result at the window (staff of the unit)."""
    application = await session.get(Application, number, populate_existing=True)
    delivery = await session.get(Delivery, number, populate_existing=True)
    if application is None:
        raise BadUserInput(f"no application {number}")
    if application.delivery != DeliveryMethod.PICKUP.value:
        raise BadUserInput(f"application {number} is delivered by {application.delivery}")
    if delivery is None or delivery.state != DeliveryState.AWAITING_PICKUP.value:
        raise BadUserInput(f"the result of application {number} is not waiting at the window")
    delivery.state = DeliveryState.DELIVERED.value
    delivery.delivered_at = now
    delivery.collected_by = actor.subject
    try:
        move(
            session,
            application,
            State.DELIVERED,
            actor=actor,
            now=now,
            reason="窗口领取",
            service_name=service_name_zh(application.service_code),
        )
        await session.commit()
    except StepRefused as refused:
        await session.rollback()
        raise BadUserInput(str(refused)) from None
    except StaleDataError:
        await session.rollback()
        raise BadUserInput(f"application {number} changed meanwhile; reload it") from None
    return application


async def close(
    *, session: AsyncSession, gateway: Gateway, carrier: Carrier, key: str, now: datetime
) -> None:
    """CLOSE job: archive a delivered or rejected application; an unpaid fee is cancelled."""
    application = await session.get(Application, key)
    if application is None or application.state not in (
        State.DELIVERED.value,
        State.REJECTED.value,
    ):
        return
    move(
        session,
        application,
        State.CLOSED,
        actor=HALL_SYSTEM,
        now=now,
        service_name=service_name_zh(application.service_code),
    )
    application.closed_at = now
    await cancel_pending_order(session, key)
    await session.commit()
