"""The Python gateway over the test subgraphs, in process, with failures to inject."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from gateway.auth.actor_tokens import ActorSigner
from gateway.auth.authenticate import Authenticator
from gateway.config import GatewayConfig, profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import SubgraphFetcher
from gateway.executor.run import PlanRunner, RunState
from gateway.executor.transports import SubgraphTransport
from gateway.http import create_gateway_app
from gateway.planner.nodes import PlanNode
from gateway.supergraph import Supergraph
from tests.gateway.bed import subgraphs_app

SUPERGRAPH = Path(__file__).with_name("supergraph.graphql")


@dataclass
class Faults:
    """Per-subgraph misbehaviour: down, slow, garbage, or a rewritten answer."""

    down: set[str] = field(default_factory=set)
    slow: dict[str, float] = field(default_factory=dict)
    garbage: set[str] = field(default_factory=set)
    status: dict[str, int] = field(default_factory=dict)
    drop_entity: set[str] = field(default_factory=set)


class FaultyTransport(httpx.AsyncBaseTransport):
    """Routes subgraph calls into the in-process subgraphs, misbehaving on demand."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self.inner = httpx.ASGITransport(app=subgraphs_app())
        self.calls: list[tuple[str, bytes]] = []
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        service = request.url.path.strip("/").split("/")[0]
        body = await request.aread()
        self.calls.append((service, body))
        self.requests.append(request)
        if service in self.faults.down:
            raise httpx.ConnectError("connection refused", request=request)
        if service in self.faults.slow:
            await asyncio.sleep(self.faults.slow[service])
        if service in self.faults.garbage:
            return httpx.Response(200, content=b"<html>oops</html>")
        if service in self.faults.status:
            return httpx.Response(self.faults.status[service], content=b"")
        response = await self.inner.handle_async_request(request)
        if service in self.faults.drop_entity:
            payload = httpx.Response(response.status_code, content=await response.aread()).json()
            entities = (payload.get("data") or {}).get("_entities")
            if isinstance(entities, list) and entities:
                payload["data"]["_entities"] = entities[:-1]
            return httpx.Response(200, json=payload)
        return response


@dataclass
class InProcessGateway:
    """A gateway app, its engine and the transport its fetches go through."""

    client: httpx.AsyncClient
    engine: Engine
    transport: FaultyTransport
    faults: Faults


@contextlib.asynccontextmanager
async def in_process_gateway(
    config: GatewayConfig | None = None,
    *,
    authenticator: Authenticator | None = None,
    signer: ActorSigner | None = None,
) -> AsyncIterator[InProcessGateway]:
    """Start the gateway app over the test subgraphs; yield an HTTP client on it."""
    config = config or profile_config("development")
    faults = Faults()
    transport = FaultyTransport(faults)
    supergraph = Supergraph.from_sdl(SUPERGRAPH.read_text(encoding="utf-8"))
    engine = Engine(
        supergraph,
        config.engine,
        fetcher=SubgraphFetcher(config.engine.fetcher, transport=transport),
        signer=signer,
    )
    app = create_gateway_app(engine, config.edge, authenticator=authenticator)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gateway"
    ) as client:
        yield InProcessGateway(client, engine, transport, faults)
    await engine.close()


async def run_node(node: PlanNode, state: RunState, transport: SubgraphTransport) -> None:
    """Run one plan node over the test supergraph, every subgraph answered by `transport`."""
    supergraph = Supergraph.from_sdl(SUPERGRAPH.read_text(encoding="utf-8"))
    fetcher = SubgraphFetcher(transport=transport)
    try:
        await PlanRunner(supergraph, fetcher, expose_subgraph_errors=False).run(node, state)
    finally:
        await fetcher.close()
