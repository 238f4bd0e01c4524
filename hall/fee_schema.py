"""Fees in GraphQL: the fee order and receipt of an application, paying, reconciliation.

`FeeQuery` and `FeeMutation` are inherited by the hall's Query and Mutation.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from hall import service_models as rows
from hall.fee_payment import pay_fee
from hall.providers import payment_provider
from hall.reconciliation import Outcome, Report, reconcile
from hall.service_fields import basic
from hall.service_states import FeeState
from hall.targets import filed_application_target
from hall.times import utc_now
from subgraph import convert
from subgraph.context import call_service, context_of
from subgraph.entities import load_list, load_one
from subgraph.guard import BASIC, PUBLIC, WRITE, Guard, Guarded
from subgraph.guard.permit import Permit
from subgraph.resolvers import mutation, resolver
from subgraph.units import CITY_REGION


@Guarded(part_of="FeeOrder")
@strawberry.type(description="The part of a fee that goes to one receiving account.")
class FeeSplit:
    account_code: str = basic("The receiving account's code.")
    account_name: str = basic("The receiving account's name, in Chinese.")
    amount_fen: int = basic("Amount in fen going to this account.")


@Guarded(part_of="FeeOrder")
@strawberry.type(description="The electronic receipt (电子票据) of a paid fee.")
class FeeReceipt:
    number: str = basic("Receipt number, e.g. PJ20261127A1B2C3D4.")
    amount_fen: int = basic("Amount paid, in fen.")
    payer_id: str = strawberry.field(
        name="payerIdNumber", description="ID number of the payer.", extensions=[Guard(BASIC)]
    )
    transaction_id: str = basic("The payment provider's transaction id.")
    issued_at: datetime = basic("When the receipt was issued.")
    order_number: strawberry.Private[str]

    @resolver("The receiving accounts and what each received.", Guard(BASIC))
    async def receiving_accounts(self, info: Info) -> list[FeeSplit]:
        return await _splits(info, self.order_number)


@Guarded(model=rows.FeeOrder, region="region_code", unit="unit_code", subject="payer_id")
@strawberry.type(description="What the applicant pays for an application (缴费单).")
class FeeOrder:
    number: str = strawberry.field(
        description="Order number, e.g. JF20261127A1B2C3D4.", extensions=[Guard(PUBLIC)]
    )
    application_number: str = basic("The application the fee is for.")
    amount_fen: int = basic("Amount due, in fen (the hall adds no handling fee).")
    state: FeeState = basic("Whether the order is pending, paid or cancelled.")
    created_at: datetime = basic("When the order was opened (at submission).")
    paid_at: datetime | None = basic("When the provider took the payment; null until then.")
    payer_id: strawberry.Private[str]
    region_code: strawberry.Private[str]
    unit_code: strawberry.Private[str]

    @resolver("How the amount divides among the receiving accounts.", Guard(BASIC))
    async def splits(self, info: Info) -> list[FeeSplit]:
        return await _splits(info, self.number)

    @resolver("The electronic receipt; null until paid.", Guard(BASIC))
    async def receipt(self, info: Info) -> FeeReceipt | None:
        return await load_one(
            info,
            rows.FeeReceipt.order_number,
            self.number,
            lambda row: convert.from_row(FeeReceipt, row, issued_at=row.issued_at),
        )

    @staticmethod
    def from_row(row: rows.FeeOrder) -> FeeOrder:
        return convert.from_row(
            FeeOrder,
            row,
            state=FeeState(row.state),
            created_at=row.created_at,
            paid_at=row.paid_at,
        )


async def _splits(info: Info, order_number: str) -> list[FeeSplit]:
    return await load_list(
        info,
        rows.FeeSplit.order_number,
        key=order_number,
        convert=lambda row: convert.from_row(FeeSplit, row),
        order_by=[rows.FeeSplit.id],
    )


@Guarded(part_of="FeeOrder")
@strawberry.type(description="What paying did.")
class PayFeePayload:
    order: FeeOrder | None = basic("The order, paid.")
    replayed: bool = basic("True when the order had been paid before: nothing was charged.")


@Guarded(part_of="FeeReconciliation")
@strawberry.type(description="One payment as the hall and the provider each know it.")
class ReconciliationLine:
    order_number: str = basic("The hall's order number (the provider's reference).")
    transaction_id: str | None = basic("The provider's transaction id, if either side has it.")
    hall_amount_fen: int | None = basic("What the hall recorded as paid; null if nothing.")
    provider_amount_fen: int | None = basic("What the provider settled; null if nothing.")
    outcome: Outcome = basic("How the two compare.")


@Guarded(part_of="FeeReconciliation")
@strawberry.type(description="A day's reconciliation of the hall's fees with the provider's.")
class ReconciliationReport:
    balanced: bool = basic("True when every payment matched.")
    hall_total_fen: int = basic("What the hall recorded as paid that day, in fen.")
    provider_total_fen: int = basic("What the provider settled that day, in fen.")
    lines: list[ReconciliationLine] = basic("Every payment of either side, by order number.")

    @staticmethod
    def of(report: Report) -> ReconciliationReport:
        return ReconciliationReport(
            balanced=report.balanced,
            hall_total_fen=report.hall_total_fen,
            provider_total_fen=report.provider_total_fen,
            lines=[
                ReconciliationLine(
                    order_number=line.order_number,
                    transaction_id=line.transaction_id,
                    hall_amount_fen=line.hall_fen,
                    provider_amount_fen=line.provider_fen,
                    outcome=line.outcome,
                )
                for line in report.lines
            ],
        )


@Guarded(region="region_code")
@strawberry.type(description="The hall's fee reconciliation of one day (Beijing time).")
class FeeReconciliation:
    day: date = basic("The day reconciled.")
    region_code: strawberry.Private[str]

    @resolver("The comparison, made when asked for.", Guard(BASIC))
    async def report(self, info: Info) -> ReconciliationReport:
        provider = payment_provider(context_of(info).sessions)
        found = await call_service(info, reconcile, provider=provider, day=self.day)
        return ReconciliationReport.of(found)


@strawberry.type(description="Fee lookups.")
class FeeQuery:
    @resolver("The fee order of an application; null if the service is free.")
    async def fee_order(
        self,
        info: Info,
        application_number: Annotated[
            str, strawberry.argument(description="The application's number.")
        ],
    ) -> FeeOrder | None:
        return await load_one(
            info, rows.FeeOrder.application_number, application_number, FeeOrder.from_row
        )

    @resolver("A day's reconciliation with the payment provider (finance staff, supervisors).")
    def fee_reconciliation(
        self, day: Annotated[date, strawberry.argument(description="The day, in Beijing time.")]
    ) -> FeeReconciliation:
        # The hall collects for every unit of Sanming into the city's accounts.
        return FeeReconciliation(day=day, region_code=CITY_REGION)


@strawberry.type(description="Paying fees.")
class FeeMutation:
    @mutation(
        "Pay an application's fee (its applicant); paying a paid order again charges nothing.",
        Permit(WRITE, type_name="FeeOrder", target=filed_application_target),
    )
    async def pay_fee(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The application's number.")],
    ) -> PayFeePayload:
        provider = payment_provider(context_of(info).sessions)
        paid = await call_service(
            info, pay_fee, provider=provider, application_number=number, now=utc_now()
        )
        return PayFeePayload(order=FeeOrder.from_row(paid.order), replayed=paid.replayed)
