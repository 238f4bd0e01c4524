"""Paying a fee order: charge through the provider once, record its confirmation, receipt it.

Paying is idempotent per order: the provider charges an order number once, and the hall
records a confirmation once (the receipt is unique per order), so a double click, a retry or
two payments racing each other end in one charge and one receipt. A paid order of an
approved application wakes its execution, which waited for the money.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue import service_of
from hall.fee_orders import order_of
from hall.jobs import JobKind, requeue
from hall.models import Application
from hall.payments import Payment, PaymentProvider
from hall.service_models import FeeOrder, FeeReceipt
from hall.service_notices import notify, yuan
from hall.service_states import FeeState
from hall.states import State
from subgraph.errors import BadUserInput

REFUSED = frozenset({State.REJECTED.value, State.CLOSED.value})
PAID_ZH = "您的{service}申请（{number}）已缴费{amount}元，电子票据号{receipt}。"


@dataclass(frozen=True)
class Paid:
    """The paid order, and whether it had been paid before this call."""

    order: FeeOrder
    replayed: bool


def receipt_number_of(order_number: str) -> str:
    """The electronic receipt's number: PJ and the order number's day and digits."""
    return "PJ" + order_number[2:]


async def pay_fee(
    *, session: AsyncSession, provider: PaymentProvider, application_number: str, now: datetime
) -> Paid:
    """Pay an application's fee order through the provider; a paid order is not charged again."""
    order = await order_of(session, application_number)
    if order is None:
        raise BadUserInput(f"application {application_number} has no fee to pay")
    if order.state == FeeState.PAID.value:
        return Paid(order, replayed=True)
    application = await session.get(Application, application_number)
    if order.state == FeeState.CANCELLED.value or (
        application is not None and application.state in REFUSED
    ):
        raise BadUserInput(f"application {application_number} was not approved: its fee is not due")
    number, amount, payer = order.number, order.amount_fen, order.payer_id
    # The provider is called outside any transaction of ours (it may take its time).
    await session.commit()
    payment = await provider.charge(order_number=number, amount_fen=amount, payer_id=payer)
    return await confirm_payment(session=session, payment=payment, now=now)


async def confirm_payment(*, session: AsyncSession, payment: Payment, now: datetime) -> Paid:
    """Record the provider's confirmation: the order is paid, receipted, execution woken."""
    order = await session.get(FeeOrder, payment.order_number, populate_existing=True)
    if order is None:
        raise BadUserInput(f"no fee order {payment.order_number}")
    if order.state == FeeState.PAID.value:
        return Paid(order, replayed=True)
    if payment.amount_fen != order.amount_fen:
        raise BadUserInput(
            f"the provider confirmed {payment.amount_fen} fen for order {order.number} of "
            f"{order.amount_fen} fen; the payment was not recorded"
        )
    order.state = FeeState.PAID.value
    order.paid_at = payment.paid_at
    order.transaction_id = payment.transaction_id
    receipt = FeeReceipt(
        number=receipt_number_of(order.number),
        order_number=order.number,
        payer_id=order.payer_id,
        amount_fen=order.amount_fen,
        transaction_id=payment.transaction_id,
        issued_at=now,
    )
    session.add(receipt)
    application = await session.get(Application, order.application_number)
    if application is not None:
        _tell_paid(session, application, order, receipt.number, now)
        if application.state == State.APPROVED.value:
            await requeue(session, kind=JobKind.EXECUTE, key=application.number, run_at=now)
    try:
        await session.commit()
    except IntegrityError:
        # Another confirmation of the same order committed first: it stands.
        await session.rollback()
        order = await session.get(FeeOrder, payment.order_number, populate_existing=True)
        if order is None or order.state != FeeState.PAID.value:
            raise
        return Paid(order, replayed=True)
    return Paid(order, replayed=False)


def _tell_paid(
    session: AsyncSession, application: Application, order: FeeOrder, receipt: str, now: datetime
) -> None:
    service = service_of(application.service_code)
    notify(
        session,
        application_number=application.number,
        recipient_id=order.payer_id,
        event="PAID",
        text=PAID_ZH.format(
            service=service.name.zh if service else application.service_code,
            number=application.number,
            amount=yuan(order.amount_fen),
            receipt=receipt,
        ),
        now=now,
    )
