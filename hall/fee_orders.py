"""Fee orders: opened when a fee service is submitted, settled before it is executed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hall.catalogue_model import Fee
from hall.models import Application
from hall.service_models import FeeOrder, FeeSplit
from hall.service_states import FeeState


def order_number_of(application_number: str) -> str:
    """The fee order's number: JF and the application number's day and digits."""
    return "JF" + application_number[2:]


def splits_of(fee: Fee, amount_fen: int) -> list[tuple[str, str, int]]:
    """How an amount divides among the fee's receiving accounts: (code, name, fen).

    The catalogue names one account per fee today; it receives the whole amount.
    """
    if fee.account is None:
        return []
    return [(fee.account.code, fee.account.name.zh, amount_fen)]


def open_fee_order(
    session: AsyncSession, *, application: Application, fee: Fee, now: datetime
) -> FeeOrder | None:
    """Add the application's pending fee order and its splits; None for a free service."""
    if fee.amount_fen <= 0:
        return None
    order = FeeOrder(
        number=order_number_of(application.number),
        application_number=application.number,
        payer_id=application.applicant_id,
        amount_fen=fee.amount_fen,
        state=FeeState.PENDING.value,
        region_code=application.region_code,
        unit_code=application.unit_code,
        created_at=now,
    )
    session.add(order)
    for code, name, amount in splits_of(fee, fee.amount_fen):
        session.add(
            FeeSplit(
                order_number=order.number, account_code=code, account_name=name, amount_fen=amount
            )
        )
    return order


async def order_of(session: AsyncSession, application_number: str) -> FeeOrder | None:
    """The fee order of an application, freshly read; None when the service is free."""
    found: FeeOrder | None = await session.scalar(
        select(FeeOrder)
        .where(FeeOrder.application_number == application_number)
        .execution_options(populate_existing=True)
    )
    return found


async def fee_settled(session: AsyncSession, application_number: str) -> bool:
    """Whether nothing stops execution for money: no fee, or the fee is paid."""
    order = await order_of(session, application_number)
    return order is None or order.state == FeeState.PAID.value


async def cancel_pending_order(session: AsyncSession, application_number: str) -> None:
    """Cancel the application's unpaid order (it was rejected); the caller commits."""
    await session.execute(
        update(FeeOrder)
        .where(
            FeeOrder.application_number == application_number,
            FeeOrder.state == FeeState.PENDING.value,
        )
        .values(state=FeeState.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )
