"""Fees: an order at submission, paid once through the provider, receipted, reconciled daily."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from hall.demo_models import DemoPayment
from hall.execution import execute
from hall.executors import EXECUTORS
from hall.fee_payment import pay_fee
from hall.jobs import JobKind
from hall.models import Base, Job
from hall.payments import DemoPaymentProvider, demo_transaction_id
from hall.reconciliation import Line, Outcome, Report, reconcile
from hall.service_models import FeeOrder, FeeReceipt
from hall.states import State
from hall.times import beijing_day, utc
from subgraph.database import Database
from subgraph.settings import sqlite_url
from tests.hall.conftest import NOW
from tests.hall.flow import Hall
from tests.hall.service_flow import (
    add_finance_officer,
    advance,
    as_citizen,
    filed,
    hall_rows,
    instant_courier,
    police_officer,
    residents,
    steps,
    submitted,
    today,
)
from tongban.cli import main
from web.citizen_operations import CITIZEN_FEE_ORDER, CITIZEN_PAY_FEE

LOST = {"reason": "LOST"}
RECONCILIATION = """
query Reconciliation($day: Date!) {
  feeReconciliation(day: $day) {
    day
    report {
      balanced
      hallTotalFen
      providerTotalFen
      lines { orderNumber transactionId hallAmountFen providerAmountFen outcome }
    }
  }
}
"""
ACCOUNT = {
    "accountCode": "SM-POLICE-NON-TAX",
    "accountName": "三明市公安局非税收入汇缴账户",
    "amountFen": 2000,
}


def receipt_of(number: str, payer: str, receipt: FeeReceipt) -> dict[str, Any]:
    """The receipt of an ID card's 20 yuan as the citizen reads it."""
    return {
        "number": "PJ" + number[2:],
        "amountFen": 2000,
        "payerIdNumber": payer,
        "transactionId": demo_transaction_id("JF" + number[2:]),
        "issuedAt": utc(receipt.issued_at).isoformat(),
        "receivingAccounts": [ACCOUNT],
    }


async def _order(hall: Hall, number: str) -> FeeOrder:
    return next(o for o in await hall_rows(hall, FeeOrder) if o.application_number == number)


async def test_an_id_card_reissue_is_executed_only_once_paid_and_receipted(hall: Hall) -> None:
    # Given a citizen's ID-card reissue (20 yuan), verified, and the county police's approval
    instant_courier(hall)
    citizen = residents()[0]
    number = await submitted(hall, citizen.id_number, "ID_CARD_REISSUE", LOST, delivery="COURIER")
    pending = await as_citizen(
        hall, citizen.id_number, CITIZEN_FEE_ORDER, {"applicationNumber": number}
    )
    await hall.decide(number, approve=True, reason="同意补领", login=police_officer(citizen.region))

    # When the worker runs before payment, then the citizen pays and the worker runs again
    await hall.work()
    unpaid_steps = await steps(hall, number)
    paid = await as_citizen(hall, citizen.id_number, CITIZEN_PAY_FEE, {"number": number})
    await hall.work()

    # Then the order was pending at submission, execution waited for the money, and the
    # payment made a receipt to the police's account and let the application run to its end
    order = await _order(hall, number)
    receipt = next(r for r in await hall_rows(hall, FeeReceipt) if r.order_number == order.number)
    assert pending == {
        "data": {
            "feeOrder": {
                "number": "JF" + number[2:],
                "applicationNumber": number,
                "amountFen": 2000,
                "state": "PENDING",
                "createdAt": utc(order.created_at).isoformat(),
                "paidAt": None,
                "splits": [ACCOUNT],
                "receipt": None,
            }
        }
    }
    assert unpaid_steps == [
        (None, "SUBMITTED", "CITIZEN"),
        ("SUBMITTED", "ACCEPTED", "SYSTEM"),
        ("ACCEPTED", "VERIFIED", "SYSTEM"),
        ("VERIFIED", "APPROVED", "STAFF"),
    ]
    assert order.paid_at is not None
    assert paid == {
        "data": {
            "payFee": {
                "replayed": False,
                "order": {
                    "number": "JF" + number[2:],
                    "state": "PAID",
                    "amountFen": 2000,
                    "paidAt": utc(order.paid_at).isoformat(),
                    "receipt": receipt_of(number, citizen.id_number, receipt),
                },
            }
        }
    }
    assert (await steps(hall, number))[4:] == [
        ("APPROVED", "EXECUTED", "SYSTEM"),
        ("EXECUTED", "DELIVERED", "SYSTEM"),
        ("DELIVERED", "CLOSED", "SYSTEM"),
    ]


async def test_paying_twice_or_at_once_charges_once(hall: Hall) -> None:
    # Given a submitted ID-card reissue
    citizen = residents()[1].id_number
    number = await submitted(hall, citizen, "ID_CARD_REISSUE", LOST, delivery="PICKUP")

    # When the citizen pays twice at the same moment, then once more
    both = await asyncio.gather(
        as_citizen(hall, citizen, CITIZEN_PAY_FEE, {"number": number}),
        as_citizen(hall, citizen, CITIZEN_PAY_FEE, {"number": number}),
    )
    again = await as_citizen(hall, citizen, CITIZEN_PAY_FEE, {"number": number})

    # Then the provider charged once, one receipt was issued, and every answer shows it
    order_number = "JF" + number[2:]
    charges = [p for p in await hall_rows(hall, DemoPayment) if p.order_number == order_number]
    receipts = [r for r in await hall_rows(hall, FeeReceipt) if r.order_number == order_number]
    assert [(c.transaction_id, c.amount_fen) for c in charges] == [
        (demo_transaction_id(order_number), 2000)
    ]
    assert [r.number for r in receipts] == ["PJ" + number[2:]]
    receipt = receipt_of(number, citizen, receipts[0])
    assert sorted(answer["data"]["payFee"]["replayed"] for answer in both) == [False, True]
    assert [a["data"]["payFee"]["order"]["receipt"] for a in [*both, again]] == [receipt] * 3
    assert again["data"]["payFee"]["replayed"] is True


async def test_another_citizen_cannot_pay_and_nothing_changes(hall: Hall) -> None:
    # Given one citizen's pending ID-card fee
    owner, stranger = residents()[2].id_number, residents()[3].id_number
    number = await submitted(hall, owner, "ID_CARD_REISSUE", LOST, delivery="PICKUP")

    # When another citizen pays it, and reads it
    paid = await as_citizen(hall, stranger, CITIZEN_PAY_FEE, {"number": number})
    read = await as_citizen(hall, stranger, CITIZEN_FEE_ORDER, {"applicationNumber": number})

    # Then both are refused and the order stays unpaid, with no charge at the provider
    assert paid["data"] == {"payFee": None}
    assert [e["extensions"]["code"] for e in paid["errors"]] == ["FORBIDDEN"]
    assert read["data"] == {
        "feeOrder": {
            "number": "JF" + number[2:],
            "applicationNumber": None,
            "amountFen": None,
            "state": None,
            "createdAt": None,
            "paidAt": None,
            "splits": None,
            "receipt": None,
        }
    }
    assert {e["extensions"]["code"] for e in read["errors"]} == {"FORBIDDEN"}
    order = await _order(hall, number)
    charges = [p for p in await hall_rows(hall, DemoPayment) if p.order_number == order.number]
    assert (order.state, order.paid_at, charges) == ("PENDING", None, [])


async def test_a_free_service_has_nothing_to_pay(hall: Hall) -> None:
    # Given a household certificate (free)
    citizen = residents()[4].id_number
    number = await submitted(
        hall, citizen, "HOUSEHOLD_CERTIFICATE", {"purpose": "入学"}, delivery="ELECTRONIC"
    )

    # When the citizen pays anyway
    paid = await as_citizen(hall, citizen, CITIZEN_PAY_FEE, {"number": number})

    # Then it is refused as a business rule: there is no order
    assert paid["data"] == {"payFee": None}
    assert [(e["message"], e["extensions"]["code"]) for e in paid["errors"]] == [
        (f"application {number} has no fee to pay", "BAD_USER_INPUT")
    ]


async def test_finance_staff_and_supervisors_read_the_reconciliation_officers_do_not(
    hall: Hall,
) -> None:
    # Given an ID-card fee paid today
    citizen = residents()[5]
    number = await submitted(hall, citizen.id_number, "ID_CARD_REISSUE", LOST, delivery="PICKUP")
    await as_citizen(hall, citizen.id_number, CITIZEN_PAY_FEE, {"number": number})
    day = {"day": today().isoformat()}

    # When the hall's finance officer, the police's supervisor and a county officer read
    # today's reconciliation
    finance = await hall.staff(await add_finance_officer(hall), RECONCILIATION, day)
    supervisor = await hall.staff("police.sanming.supervisor", RECONCILIATION, day)
    officer = await hall.staff(police_officer(citizen.region), RECONCILIATION, day)

    # Then finance and supervisors see every payment of the day matched, the officer nothing
    paid = [
        order.number
        for order in await hall_rows(hall, FeeOrder, FeeOrder.number)
        if order.paid_at is not None and beijing_day(order.paid_at) == today()
    ]
    line = {"hallAmountFen": 2000, "providerAmountFen": 2000, "outcome": "MATCHED"}
    expected = {
        "data": {
            "feeReconciliation": {
                "day": day["day"],
                "report": {
                    "balanced": True,
                    "hallTotalFen": 2000 * len(paid),
                    "providerTotalFen": 2000 * len(paid),
                    "lines": [
                        {"orderNumber": o, "transactionId": demo_transaction_id(o), **line}
                        for o in paid
                    ],
                },
            }
        }
    }
    assert "JF" + number[2:] in paid
    assert (finance, supervisor) == (expected, expected)
    assert officer["data"] == {"feeReconciliation": {"day": None, "report": None}}
    assert {e["extensions"]["code"] for e in officer["errors"]} == {"FORBIDDEN"}


@dataclass
class AgencyGateway:
    """A gateway on which every agency step of an execution applies; it counts the calls."""

    calls: int = 0

    async def execute(self, document: str, variables: dict[str, Any], *, case: str) -> Any:
        self.calls += 1
        fields = [step.field for step in EXECUTORS["ID_CARD_REISSUE"] if step.document == document]
        return {"data": {field: {"replayed": False, "error": None} for field in fields}}


async def test_payment_wakes_the_execution_that_waited_for_it(hall_db: Database) -> None:
    # Given an approved, unpaid ID-card reissue whose execution job already ran and waited
    citizen = residents()[0].id_number
    number = await filed(hall_db, "ID_CARD_REISSUE", citizen, LOST, delivery="PICKUP")
    await advance(hall_db, number, State.VERIFIED, State.APPROVED)
    gateway = AgencyGateway()
    async with hall_db.sessions() as session:
        waited = await execute(session=session, gateway=gateway, number=number, now=NOW)
        calls_unpaid = gateway.calls
        await session.execute(update(Job).values(done_at=NOW, locked_by="w"))
        await session.commit()

    # When the citizen pays
    provider = DemoPaymentProvider(hall_db.sessions, clock=lambda: NOW)
    later = NOW + timedelta(minutes=5)
    async with hall_db.sessions() as session:
        await pay_fee(session=session, provider=provider, application_number=number, now=later)
        execution = await session.scalar(
            select(Job).where(Job.kind == JobKind.EXECUTE.value, Job.key == number)
        )
        assert execution is not None
        woken = (execution.done_at, execution.locked_by, utc(execution.run_at))
        ran = await execute(session=session, gateway=gateway, number=number, now=later)

    # Then execution had waited without calling any agency, the payment queued it again,
    # and it then ran the police's step
    assert (waited, calls_unpaid, woken, ran) == (False, 0, (None, None, later), True)
    assert gateway.calls == len(EXECUTORS["ID_CARD_REISSUE"])


async def _four_payments(database: Database) -> list[str]:
    """Four paid ID-card fees at NOW, then the hall's and the provider's books disagree on
    three: one the provider lost, one the hall never recorded, one of another amount."""
    provider = DemoPaymentProvider(database.sessions, clock=lambda: NOW)
    people = [resident.id_number for resident in residents()[:4]]
    numbers = [await filed(database, "ID_CARD_REISSUE", p, LOST, delivery="PICKUP") for p in people]
    orders = ["JF" + number[2:] for number in numbers]
    async with database.sessions() as session:
        for number in numbers[:2] + numbers[3:]:
            await pay_fee(session=session, provider=provider, application_number=number, now=NOW)
    await provider.charge(order_number=orders[2], amount_fen=2000, payer_id=people[2])
    async with database.sessions() as session:
        await session.execute(delete(DemoPayment).where(DemoPayment.order_number == orders[1]))
        await session.execute(
            update(DemoPayment).where(DemoPayment.order_number == orders[3]).values(amount_fen=200)
        )
        await session.commit()
    return orders


async def test_reconciliation_finds_each_kind_of_discrepancy(hall_db: Database) -> None:
    # Given four payments on 27 November: matched, lost by the provider, not recorded by the
    # hall, and settled for another amount
    orders = await _four_payments(hall_db)

    # When the day (and the next, with nothing) is reconciled
    provider = DemoPaymentProvider(hall_db.sessions)
    async with hall_db.sessions() as session:
        report = await reconcile(session=session, provider=provider, day=NOW.date())
        empty = await reconcile(
            session=session, provider=provider, day=NOW.date() + timedelta(days=1)
        )

    # Then each order is classified, with each side's total
    def line(order: str, hall_fen: int | None, provider_fen: int | None, outcome: Outcome) -> Line:
        return Line(
            order_number=order,
            transaction_id=demo_transaction_id(order),
            hall_fen=hall_fen,
            provider_fen=provider_fen,
            outcome=outcome,
        )

    expected = [
        line(orders[0], 2000, 2000, Outcome.MATCHED),
        line(orders[1], 2000, None, Outcome.MISSING_AT_PROVIDER),
        line(orders[2], None, 2000, Outcome.MISSING_AT_HALL),
        line(orders[3], 2000, 200, Outcome.AMOUNT_MISMATCH),
    ]
    assert report == Report(
        day=NOW.date(),
        lines=sorted(expected, key=lambda found: found.order_number),
        hall_total_fen=6000,
        provider_total_fen=4200,
    )
    assert (report.balanced, empty) == (
        False,
        Report(day=empty.day, lines=[], hall_total_fen=0, provider_total_fen=0),
    )


async def test_the_reconcile_command_prints_the_report_and_fails_on_a_discrepancy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given the hall's database of the data folder with the four payments
    monkeypatch.delenv("TONGBAN_DATABASE_URL", raising=False)
    monkeypatch.delenv("TONGBAN_HALL_DATABASE_URL", raising=False)
    monkeypatch.setenv("TONGBAN_DATA_DIR", str(tmp_path))
    database = Database(url=sqlite_url(tmp_path / "hall.db"), metadata=Base.metadata)
    await database.create_tables()
    orders = await _four_payments(database)
    await database.dispose()

    # When the day is reconciled from the command line, in its own event loop
    status = await asyncio.to_thread(main, ["hall", "reconcile", "--date", "2026-11-27"])

    # Then it prints every line and the totals, and exits 1
    amounts = [
        ("20.00", "20.00", "MATCHED"),
        ("20.00", "-", "MISSING_AT_PROVIDER"),
        ("-", "20.00", "MISSING_AT_HALL"),
        ("20.00", "2.00", "AMOUNT_MISMATCH"),
    ]
    printed = capsys.readouterr().out.splitlines()
    assert status == 1
    assert printed[0] == "fee reconciliation of 2026-11-27 (Beijing time)"
    assert [" ".join(row.split()) for row in printed[1:5]] == sorted(
        f"{order} {demo_transaction_id(order)} hall {hall_yuan} provider {provider_yuan} {name}"
        for order, (hall_yuan, provider_yuan, name) in zip(orders, amounts, strict=True)
    )
    assert printed[5:] == [
        "hall 60.00 yuan, provider 42.00 yuan; MATCHED 1, MISSING_AT_PROVIDER 1, "
        "MISSING_AT_HALL 1, AMOUNT_MISMATCH 1"
    ]
