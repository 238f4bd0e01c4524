"""Assembles every agency subgraph, the gateway, the provider and the web pages into one app.

The parts live beside it: actor_keys (signing key), audit_sink (PlatformAudit),
identity_setup (the embedded provider), supergraph (composition), landing (the page at
`/platform`), web_setup (the web pages at `/`);
standalone serves one subgraph in its own process.

Security wiring of the embedded platform (one process):

- Actor tokens: one Ed25519 signing key under the data dir (`keys/actor-signing.pem`, 0600,
  created on first start, rotated with `authz.keys.rotate_key_file`); the subgraphs verify
  with its key set, one ReplayGuard for the process. `actor_headers(actor, audience)` (on
  `app.state.actor_headers`) mints the `Tongban-Actor` header for one subgraph call.
- Identity: the embedded OpenID provider (identity/) at `/identity`, on its own database
  (`identity.db` under the data dir, or TONGBAN_IDENTITY_DATABASE_URL, as `tongban token`
  reads it). On a first start with a demo population it gets the demo accounts: every
  registered person of the police register (login = ID number), staff and supervisors of
  every agency, the auditor, the web client and the agency system clients.
- The gateway at `/graphql` authenticates every caller: a bearer access token of the embedded
  provider (its JWKS fetched in process), or 401. It signs the caller's actor token for each
  subgraph call with the platform's key; there is no fallback actor on this path. Citizens
  may run only the portal's persisted operations (tongban/citizen_operations.py), by text or
  by id; any other document of theirs is refused 403 PERSISTED_QUERY_NOT_IN_LIST.
- Audit: the access log of audit/ (`audit.log.AuditLog`) on its own database, by default
  `audit.db` under the data dir (or TONGBAN_AUDIT_DATABASE_URL, as `tongban audit` reads it).
  The audit subgraph (audit/subgraph.py: the auditors' search, alerts and verification, the
  citizens' data tracker) is mounted at `/subgraphs/audit` on that same database, composed into
  the gateway's supergraph, and verifies checkpoints with the sink's checkpoint key file; its
  own reads are recorded by that sink once per request, like any subgraph's.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route

from agencies.population import PopulationSpec
from audit.subgraph import audit_definition
from authz.replay import ReplayGuard
from gateway.auth.actor_tokens import ActorSigner
from gateway.auth.config import ActorSigning
from gateway.config import GatewayConfig, profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import SubgraphFetcher
from gateway.http import create_gateway_app
from hall.catalogue_routes import catalogue_routes
from hall.forms import form_routes
from identity.app import create_identity_app
from identity.models import identity_metadata
from identity.settings import IdentitySettings
from subgraph.app import create_subgraph_app
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.settings import DEFAULT_DATA_DIR, SubgraphSettings
from tongban.actor_keys import ACTOR_KEY_FILE, actor_key_set, local_development_actor
from tongban.agencies import HALL
from tongban.audit_sink import PlatformAudit
from tongban.citizen_operations import citizen_safelist
from tongban.hall_worker import IN_PROCESS_BASE, in_process_worker, working
from tongban.identity_setup import (
    IDENTITY_PATH,
    platform_authenticator,
    platform_identity_settings,
    prepare_identity,
)
from tongban.landing import landing_page
from tongban.seeding import seed_population
from tongban.supergraph import platform_supergraph
from tongban.web_setup import InProcess, platform_web_settings
from web.app import Web
from web.pages import all_pages

logger = logging.getLogger("tongban")
DEMO_PEOPLE = 3_000


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
    data_dir: Path | None = None,
    audit: PlatformAudit | None = None,
    identity: IdentitySettings | None = None,
    hall_worker: bool = True,
) -> Starlette:
    """Mount every subgraph at `/subgraphs/<name>`, the identity provider at `/identity`, the
    gateway at `/graphql`, a page at `/`.

    The actor key lives under `data_dir` (default: the settings' data dir); `audit` is the
    access log (default: `audit.db` there), also served as the audit subgraph; `identity` the
    provider's settings (default: `platform_identity_settings(data_dir)`). The gateway serves
    only callers with a valid access token of that provider, and citizens only the persisted
    operations of `citizen_safelist()`.

    When the hall is among the definitions, its worker (`app.state.hall_worker`) runs in the
    background unless `hall_worker` is false (then `tongban worker` processes, or a test, run
    it).
    """
    home = data_dir or (settings[0].data_dir if settings else DEFAULT_DATA_DIR)
    keys = actor_key_set(home)
    actor_issuer = settings[0].actor_issuer if settings else "tongban-gateway"
    access_log = audit or PlatformAudit.under(home)
    replay_guard = ReplayGuard()
    identity_settings = identity or platform_identity_settings(home)
    identity_database = Database(
        url=identity_settings.database_url,
        metadata=identity_metadata(),
        schema=identity_settings.database_schema,
    )
    identity_app = create_identity_app(identity_settings, identity_database)
    signer = ActorSigner(
        ActorSigning(key_path=str(home / ACTOR_KEY_FILE), issuer=actor_issuer), keys
    )
    agencies = [
        (definition, definition.database(conf.database_url, conf.database_schema))
        for definition, conf in zip(definitions, settings, strict=True)
    ]
    # The audit subgraph reads the very database the sink writes; it is not seeded.
    audit_subgraph = audit_definition(key_files=access_log.key_files)
    served = [
        *agencies,
        (audit_subgraph, access_log.database),
    ]
    served_settings = [*settings, access_log.subgraph_settings(settings[0] if settings else None)]
    apps = [
        create_subgraph_app(
            definition,
            conf,
            database=database,
            actor_keys=keys,
            replay_guard=replay_guard,
            development_actor=local_development_actor(definition.name),
            audit_sink=access_log,
        )
        for (definition, database), conf in zip(served, served_settings, strict=True)
    ]
    everything = [definition for definition, _ in served]
    subgraphs = Starlette(
        routes=[
            Mount(f"/{definition.name}", app=app)
            for definition, app in zip(everything, apps, strict=True)
        ]
    )
    gateway = gateway or profile_config("development")
    # The gateway reaches the subgraphs in process; their URLs only name the route.
    transport = httpx.ASGITransport(app=subgraphs)
    fetcher = SubgraphFetcher(gateway.engine.fetcher, transport=transport)
    engine = Engine(platform_supergraph(everything), gateway.engine, fetcher=fetcher, signer=signer)
    authenticator = platform_authenticator(identity_settings, identity_app, engine)
    # Citizens (the internet-facing side) run only the portal's persisted operations; staff,
    # supervisors, auditors and systems may send any operation within the limits.
    edge = dataclasses.replace(
        gateway.edge, safelist=citizen_safelist(), safelist_kinds=("CITIZEN",)
    )

    async def platform_page(_: Request) -> HTMLResponse:
        return HTMLResponse(landing_page(everything))

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "subgraphs": [d.name for d in everything]})

    # The web pages reach the gateway and the provider through the platform itself.
    web_http = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=InProcess(lambda: platform)),
        base_url=IN_PROCESS_BASE,
        timeout=30.0,
    )
    web = Web(platform_web_settings(identity_settings, home), web_http)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            await prepare(agencies, demo_people=demo_people)
            await prepare_identity(
                identity_settings, identity_database, agencies, demo_people=demo_people
            )
            await access_log.start()
            async with AsyncExitStack() as stack:
                await stack.enter_async_context(access_log.checkpointing())
                # Mounted apps get no lifespan of their own: start their policy watchers here.
                for app in apps:
                    await stack.enter_async_context(app.router.lifespan_context(app))
                if worker is not None and hall_worker:
                    await stack.enter_async_context(working(worker))
                yield
        finally:
            if worker_http is not None:
                await worker_http.aclose()
            await web_http.aclose()
            await engine.close()
            await authenticator.close()
            await access_log.close()
            await identity_database.dispose()
            for _definition, database in agencies:
                await database.dispose()

    platform = Starlette(
        routes=[
            Route("/platform", platform_page),
            Route("/health", health),
            Mount("/subgraphs", app=subgraphs),
            Mount(IDENTITY_PATH, app=identity_app),
            Mount("/hall", routes=[*catalogue_routes(), *form_routes()]),
            *web.routes(all_pages()),
            Mount("", app=create_gateway_app(engine, edge, authenticator=authenticator)),
        ],
        lifespan=lifespan,
    )
    hall = next((db for definition, db in agencies if definition.name == HALL), None)
    worker, worker_http = (
        in_process_worker(platform, hall, identity_settings) if hall is not None else (None, None)
    )
    platform.state.hall_worker = worker
    platform.state.web = web
    platform.state.actor_keys = keys
    platform.state.actor_headers = signer
    platform.state.audit = access_log
    platform.state.identity_settings = identity_settings
    platform.state.identity_database = identity_database
    return platform
