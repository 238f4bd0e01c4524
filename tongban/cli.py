"""The `tongban` command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import date

from agencies.population import PopulationSpec
from gateway.compose.cli import add_arguments as add_compose_arguments
from subgraph.database import Database
from subgraph.settings import SubgraphSettings
from tongban.agencies import (
    AGENCY_NAMES,
    HALL,
    agency_definitions,
    definition_of,
    served_definitions,
)
from tongban.audit_cli import add_audit_commands
from tongban.gateway_cli import add_gateway_commands
from tongban.hall_cli import add_hall_commands
from tongban.identity_cli import add_identity_commands
from tongban.safelist_cli import add_safelist_commands
from tongban.worker_cli import add_worker_commands


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named on the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        status: int = args.run(args)
    except ValueError as error:
        parser.exit(2, f"tongban: error: {error}\n")
    return status


def build_parser() -> argparse.ArgumentParser:
    """Describe every subcommand and its options."""
    parser = argparse.ArgumentParser(prog="tongban", description="通办: inter-agency platform")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    seed = commands.add_parser("seed", help="fill every agency's database with a population")
    seed.add_argument("--people", type=positive, required=True, help="registered persons")
    seed.add_argument("--seed", type=int, default=2011, help="random seed (default 2011)")
    seed.add_argument("--as-of", type=date.fromisoformat, help="reference day (default today)")
    seed.add_argument("--reset", action="store_true", help="drop existing agency data first")
    seed.add_argument("--quiet", action="store_true", help="no progress bar")
    seed.set_defaults(run=run_seed)

    serve = commands.add_parser("serve", help="run every subgraph in one process")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=positive, default=8000)
    serve.add_argument(
        "--demo-people", type=int, default=3_000, help="people to seed on first start (0: none)"
    )
    serve.add_argument(
        "--no-hall-worker",
        action="store_true",
        help="do not run the hall's worker in this process (run `tongban worker` instead)",
    )
    serve.set_defaults(run=run_serve)

    one = commands.add_parser("serve-subgraph", help="run one agency's (or the hall's) subgraph")
    one.add_argument("name", choices=[*AGENCY_NAMES, HALL])
    one.add_argument("--host", default="127.0.0.1")
    one.add_argument("--port", type=positive, required=True)
    one.set_defaults(run=run_serve_subgraph)

    compose = commands.add_parser(
        "compose", help="compose subgraph SDLs into a supergraph (Apollo-compatible)"
    )
    add_compose_arguments(compose)
    compose.set_defaults(run=run_compose)

    add_gateway_commands(commands, positive)
    add_audit_commands(commands)
    add_identity_commands(commands, positive)
    add_safelist_commands(commands)
    add_worker_commands(commands)
    add_hall_commands(commands)
    return parser


def positive(text: str) -> int:
    """Parse a whole number greater than zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number greater than 0, got {value}")
    return value


def run_seed(args: argparse.Namespace) -> int:
    """`tongban seed`: create tables and stream a population into them."""
    from tongban.seeding import seed_population

    spec = PopulationSpec(
        people=args.people, seed=args.seed, **({"as_of": args.as_of} if args.as_of else {})
    )

    async def seed() -> int:
        agencies = [(d, database_for(d.name)) for d in agency_definitions()]
        try:
            for _, database in agencies:
                if args.reset:
                    await database.drop_tables()
                await database.create_tables()
                if not await database.is_empty():
                    print(
                        f"tongban: {database.url.render_as_string()} already holds data; "
                        "pass --reset to replace it",
                        file=sys.stderr,
                    )
                    return 1
            report = await seed_population(spec, agencies, progress=not args.quiet)
        finally:
            for _, database in agencies:
                await database.dispose()
        rate = report.people / report.seconds if report.seconds else 0.0
        print(f"seeded {report.people} people in {report.seconds:.1f} s ({rate:,.0f} people/s)")
        for name, rows in report.rows.items():
            print(f"  {name}: {rows} rows")
        return 0

    return asyncio.run(seed())


def database_for(name: str) -> Database:
    """Open the database an agency's settings point at."""
    settings = SubgraphSettings.from_env(name)
    return Database(
        url=settings.database_url,
        metadata=definition_of(name).metadata,
        schema=settings.database_schema,
    )


def run_serve(args: argparse.Namespace) -> int:
    """`tongban serve`: every subgraph in one process, demo data on first start."""
    from identity.settings import IdentitySettings, local_issuer
    from tongban.audit_sink import PlatformAudit
    from tongban.platform import create_platform_app
    from tongban.serving import serve

    definitions = served_definitions()
    settings = [SubgraphSettings.from_env(d.name) for d in definitions]
    # The same settings `tongban token` reads: its tokens are accepted at /graphql. Without
    # TONGBAN_IDENTITY_ISSUER the issuer is this server's own address (and port).
    identity = IdentitySettings.from_env(default_issuer=local_issuer(args.host, args.port))
    app = create_platform_app(
        definitions,
        settings,
        demo_people=args.demo_people,
        audit=PlatformAudit.from_env(),
        identity=identity,
        hall_worker=not args.no_hall_worker,
    )
    # The provider alone decides whose X-Forwarded-For to believe (its trusted proxies).
    serve(app, host=args.host, port=args.port, log_level="info", proxy_headers=False)
    return 0


def run_serve_subgraph(args: argparse.Namespace) -> int:
    """`tongban serve-subgraph NAME`: one agency's subgraph, for distributed deployments."""
    from tongban.serving import serve
    from tongban.standalone import create_standalone_subgraph_app

    definition = definition_of(args.name)
    app = create_standalone_subgraph_app(definition, SubgraphSettings.from_env(definition.name))
    serve(app, host=args.host, port=args.port, log_level="info")
    return 0


def run_compose(args: argparse.Namespace) -> int:
    """`tongban compose`: print (or write) the supergraph; 1 on composition errors."""
    from audit.subgraph import definition as audit_subgraph
    from gateway.compose.cli import run
    from tongban.supergraph import platform_sources

    # By default, the platform's own supergraph: the agencies, the hall and the audit log.
    return run(args, default=lambda: platform_sources([*served_definitions(), audit_subgraph]))
