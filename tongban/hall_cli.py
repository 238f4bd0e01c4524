"""`tongban hall reconcile`: compare a day's fee payments with the payment provider's."""

from __future__ import annotations

import argparse
import asyncio
from datetime import date
from typing import Any

from hall.providers import payment_provider
from hall.reconciliation import Outcome, Report, reconcile
from hall.service_notices import yuan
from subgraph.settings import SubgraphSettings
from tongban.agencies import hall_definition


def add_hall_commands(commands: Any) -> None:
    """Register `tongban hall reconcile` on the `tongban` parser."""
    hall = commands.add_parser("hall", help="the service hall's back-office tasks")
    actions = hall.add_subparsers(required=True, metavar="ACTION")
    check = actions.add_parser(
        "reconcile",
        help="reconcile a day's paid fees with the payment provider's settlement "
        "(exit status 1 when they differ)",
    )
    check.add_argument(
        "--date",
        dest="day",
        type=date.fromisoformat,
        required=True,
        metavar="YYYY-MM-DD",
        help="the day, in Beijing time",
    )
    check.set_defaults(run=run_reconcile)


def run_reconcile(args: argparse.Namespace) -> int:
    """`tongban hall reconcile --date DAY`: print the report; 0 if balanced, else 1."""
    settings = SubgraphSettings.from_env("hall")
    database = hall_definition().database(settings.database_url, settings.database_schema)

    async def compare() -> Report:
        try:
            await database.create_tables()
            async with database.sessions() as session:
                return await reconcile(
                    session=session, provider=payment_provider(database.sessions), day=args.day
                )
        finally:
            await database.dispose()

    report = asyncio.run(compare())
    print(render(report))
    return 0 if report.balanced else 1


def render(report: Report) -> str:
    """The report as text: one line per payment, then the totals and counts."""
    lines = [f"fee reconciliation of {report.day.isoformat()} (Beijing time)"]
    for line in report.lines:
        lines.append(
            f"  {line.order_number}  {line.transaction_id or '-':<20}  "
            f"hall {_amount(line.hall_fen):>10}  provider {_amount(line.provider_fen):>10}  "
            f"{line.outcome.value}"
        )
    lines.append(
        f"hall {yuan(report.hall_total_fen)} yuan, provider {yuan(report.provider_total_fen)} "
        "yuan; " + ", ".join(f"{o.value} {report.count(o)}" for o in Outcome)
    )
    return "\n".join(lines)


def _amount(fen: int | None) -> str:
    return "-" if fen is None else yuan(fen)
