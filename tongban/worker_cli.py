"""`tongban worker`: the hall's background work in its own process (any number of them)."""

from __future__ import annotations

import argparse
import asyncio
import signal
from typing import Any

import httpx

from hall.gateway_client import GatewayClient
from hall.notices import LogSender
from hall.worker import HallWorker
from subgraph.settings import SubgraphSettings
from tongban.agencies import hall_definition
from tongban.hall_worker import remote_access


def add_worker_commands(commands: Any) -> None:
    """Register `tongban worker` on the `tongban` parser."""
    worker = commands.add_parser(
        "worker",
        help="run the hall's background work: verification, execution, notices, escalation",
    )
    worker.add_argument("--once", action="store_true", help="run one round, then exit")
    worker.add_argument(
        "--interval", type=float, default=0.5, help="seconds to wait when idle (default 0.5)"
    )
    worker.set_defaults(run=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    """`tongban worker`: claim and run hall jobs until interrupted (or one round)."""
    if not 0.05 <= args.interval <= 60:
        raise ValueError("--interval must be between 0.05 and 60 seconds")
    settings = SubgraphSettings.from_env("hall")
    database = hall_definition().database(settings.database_url, settings.database_schema)
    access = remote_access()
    if not access.key_path.exists():
        raise ValueError(f"the hall's client key {access.key_path} does not exist")

    async def work() -> int:
        async with httpx.AsyncClient(timeout=30.0) as http:
            worker = HallWorker(
                sessions=database.sessions,
                gateway=GatewayClient(access=access, http=http),
                sender=LogSender(),
            )
            try:
                await database.create_tables()
                if args.once:
                    done = await worker.run_once()
                    print(
                        f"jobs {done.jobs} (failed {done.failed}), notices {done.notices}, "
                        f"escalated {done.escalated}"
                    )
                    return 0
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(signum, stop.set)
                await worker.run(stop, interval=args.interval)
                return 0
            finally:
                await database.dispose()

    return asyncio.run(work())
