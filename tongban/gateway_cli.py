"""`tongban gateway` and `tongban plan`: the federated gateway over any supergraph."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from gateway.config import PROFILES, ConfigError, load_config
from gateway.engine import Engine, GraphQLRequest
from gateway.operation import OperationError
from gateway.planner import PlanningError
from gateway.supergraph import Supergraph, SupergraphError


def add_gateway_commands(commands: Any, positive: Any) -> None:
    """Register the gateway's subcommands on the `tongban` parser."""
    serve = commands.add_parser("gateway", help="serve a supergraph as a federated gateway")
    serve.add_argument("--supergraph", type=Path, required=True, help="supergraph SDL file")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=positive, default=4000)
    serve.add_argument(
        "--subgraph",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="override a subgraph's URL (repeatable)",
    )
    serve.add_argument("--config", type=Path, help="TOML configuration file")
    serve.add_argument("--profile", choices=PROFILES, default="production")
    serve.set_defaults(run=run_gateway)

    plan = commands.add_parser("plan", help="print the query plan of an operation")
    plan.add_argument("--supergraph", type=Path, required=True, help="supergraph SDL file")
    plan.add_argument("operation", type=Path, help="file holding the operation ('-' for stdin)")
    plan.add_argument("--operation-name", help="which operation of the document to plan")
    plan.set_defaults(run=run_plan)


def read_supergraph(path: Path) -> Supergraph:
    """Read and parse a supergraph file; raise `ValueError` with a clear message."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror}") from None
    try:
        return Supergraph.from_sdl(text)
    except SupergraphError as error:
        raise ValueError(f"{path}: {error}") from None


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """Turn `NAME=URL` arguments into a mapping; raise `ValueError` on a malformed one."""
    overrides = {}
    for pair in pairs:
        name, sep, url = pair.partition("=")
        if not sep or not name or not url.startswith(("http://", "https://")):
            raise ValueError(f"--subgraph expects NAME=http(s)://URL, got {pair!r}")
        overrides[name] = url
    return overrides


def run_gateway(args: argparse.Namespace) -> int:
    """`tongban gateway`: serve the supergraph at /graphql."""
    from gateway.auth.actor_tokens import ActorSigner
    from gateway.auth.authenticate import Authenticator
    from gateway.http import create_gateway_app
    from gateway.logs import use_json_logs
    from tongban.serving import serve

    try:
        config = load_config(args.config, profile=args.profile)
    except ConfigError as error:
        raise ValueError(str(error)) from None
    supergraph = read_supergraph(args.supergraph)
    try:
        supergraph.with_urls({**config.subgraph_urls, **parse_overrides(args.subgraph)})
    except SupergraphError as error:
        raise ValueError(str(error)) from None
    signer = ActorSigner(config.auth.actor) if config.auth.actor else None
    authenticator = Authenticator(config.auth) if config.auth.issuers else None
    engine = Engine(supergraph, config.engine, signer=signer)
    app = create_gateway_app(engine, config.edge, authenticator=authenticator)
    use_json_logs()
    serve(app, host=args.host, port=args.port, log_level="warning", log_config=None)
    return 0


def run_plan(args: argparse.Namespace) -> int:
    """`tongban plan`: print an operation's plan in Apollo's textual form."""
    supergraph = read_supergraph(args.supergraph)
    source = sys.stdin.read() if str(args.operation) == "-" else _read(args.operation)
    engine = Engine(supergraph)
    try:
        plan = engine.plan(GraphQLRequest(source, operation_name=args.operation_name))
    except OperationError as error:
        for graphql_error in error.errors:
            print(f"tongban: {graphql_error.message}", file=sys.stderr)
        return 1
    except PlanningError as error:
        print(f"tongban: cannot plan: {error}", file=sys.stderr)
        return 1
    finally:
        asyncio.run(engine.close())
    print(plan.print())
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror}") from None
