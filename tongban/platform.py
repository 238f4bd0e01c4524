"""Assembles every agency subgraph into one Starlette app with a landing page."""

from __future__ import annotations

import html
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route

from agencies.population import PopulationSpec
from gateway.compose import SubgraphSource, compose
from gateway.config import GatewayConfig, profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import SubgraphFetcher
from gateway.http import create_gateway_app
from gateway.supergraph import Supergraph
from subgraph.app import create_subgraph_app
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.schema import federation_sdl
from subgraph.settings import SubgraphSettings
from tongban.seeding import seed_population

logger = logging.getLogger("tongban")
DEMO_PEOPLE = 3_000
# The in-process subgraph app serves each agency at /<name>; the gateway calls it there.
# The gateway calls the in-process subgraph app, which serves each agency at /<name>.
INTERNAL_URL = "http://tongban.internal/{name}/graphql"
# Where `tongban serve` exposes each agency on the network.
PUBLIC_URL = "http://127.0.0.1:8000/subgraphs/{name}/graphql"


def subgraph_path(name: str) -> str:
    """Return where a subgraph is mounted inside the platform."""
    return f"/subgraphs/{name}"


async def prepare(
    agencies: Sequence[tuple[SubgraphDefinition, Database]], *, demo_people: int
) -> None:
    """Create missing tables and, on a first start, seed a demo population."""
    for _, database in agencies:
        await database.create_tables()
    if demo_people and all([await database.is_empty() for _, database in agencies]):
        logger.info("first start: seeding a demo population of %d people", demo_people)
        report = await seed_population(PopulationSpec(people=demo_people), agencies)
        logger.info("seeded %d people in %.1f s", report.people, report.seconds)


def create_platform_app(
    definitions: Sequence[SubgraphDefinition],
    settings: Sequence[SubgraphSettings],
    *,
    demo_people: int = DEMO_PEOPLE,
    gateway: GatewayConfig | None = None,
) -> Starlette:
    """Mount every subgraph at `/subgraphs/<name>`, the gateway at `/graphql`, a page at `/`."""
    agencies = [
        (
            definition,
            Database(
                url=conf.database_url, metadata=definition.metadata, schema=conf.database_schema
            ),
        )
        for definition, conf in zip(definitions, settings, strict=True)
    ]
    subgraphs = Starlette(
        routes=[
            Mount(
                f"/{definition.name}",
                app=create_subgraph_app(definition, conf, database=database),
            )
            for (definition, database), conf in zip(agencies, settings, strict=True)
        ]
    )
    gateway = gateway or profile_config("development")
    # The gateway reaches the subgraphs in process; their URLs only name the route.
    fetcher = SubgraphFetcher(gateway.engine.fetcher, transport=httpx.ASGITransport(app=subgraphs))
    engine = Engine(platform_supergraph(definitions), gateway.engine, fetcher=fetcher)

    async def landing(_: Request) -> HTMLResponse:
        return HTMLResponse(landing_page(definitions))

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "subgraphs": [d.name for d in definitions]})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await prepare(agencies, demo_people=demo_people)
        yield
        await engine.close()
        for _, database in agencies:
            await database.dispose()

    return Starlette(
        routes=[
            Route("/", landing),
            Route("/health", health),
            Mount("/subgraphs", app=subgraphs),
            Mount("", app=create_gateway_app(engine, gateway.edge)),
        ],
        lifespan=lifespan,
    )


def platform_sources(
    definitions: Sequence[SubgraphDefinition], url: str = PUBLIC_URL
) -> list[SubgraphSource]:
    """The agencies' federation SDLs, each routed to `url` (a pattern with `{name}`)."""
    return [SubgraphSource(d.name, url.format(name=d.name), federation_sdl(d)) for d in definitions]


def platform_supergraph(definitions: Sequence[SubgraphDefinition]) -> Supergraph:
    """Compose the agencies' subgraphs into the platform's supergraph."""
    composition = compose(platform_sources(definitions, INTERNAL_URL))
    if composition.supergraph_sdl is None:
        problems = "; ".join(f"{e.code}: {e.message}" for e in composition.errors)
        raise RuntimeError(f"the agency subgraphs do not compose: {problems}")
    return Supergraph.from_sdl(composition.supergraph_sdl)


def landing_page(definitions: Sequence[SubgraphDefinition]) -> str:
    """Render the page that lists the subgraphs and their endpoints."""
    gateway = '<p>Gateway: <a href="/graphql">/graphql</a> (GraphiQL)</p>'
    items = "\n".join(
        f'<li><a href="{subgraph_path(d.name)}/graphql">{html.escape(d.title)}</a>'
        f" <code>{subgraph_path(d.name)}/graphql</code>"
        f' · <a href="{subgraph_path(d.name)}/health">health</a></li>'
        for d in definitions
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>通办 tongban</title></head>
<body>
<h1>通办 tongban</h1>
<p>跨部门协同平台 · Inter-agency collaboration platform.</p>
{gateway}
<p>Agency subgraphs (Apollo Federation v2):</p>
<ul>
{items}
</ul>
</body>
</html>
"""
