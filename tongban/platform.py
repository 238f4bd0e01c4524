"""Assembles every agency subgraph into one Starlette app with a landing page.

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
  subgraph call with the platform's key; there is no fallback actor on this path.
- Audit: the access log of audit/ (`audit.log.AuditLog`) on its own database, by default
  `audit.db` under the data dir (or TONGBAN_AUDIT_DATABASE_URL, as `tongban audit` reads it).
  The audit subgraph (audit/subgraph.py: the auditors' search, alerts and verification, the
  citizens' data tracker) is mounted at `/subgraphs/audit` on that same database, composed into
  the gateway's supergraph, and verifies checkpoints with the sink's checkpoint key file; its
  own reads are recorded by that sink once per request, like any subgraph's.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import os
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route

from agencies.police.models import Person
from agencies.population import PopulationSpec
from agencies.population.codes import police_units
from audit.log import AuditLog
from audit.settings import KEY_FILE_NAME, AuditSettings, audit_database
from audit.subgraph import audit_definition
from audit.triggers import create_audit_tables
from authz.actor import Actor, ActorKind
from authz.keys import KeySet, load_key_set
from authz.replay import ReplayGuard
from gateway.auth.actor_tokens import ActorSigner
from gateway.auth.authenticate import Authenticator
from gateway.auth.config import ActorSigning, AuthConfig, IssuerConfig
from gateway.compose import SubgraphSource, compose
from gateway.config import GatewayConfig, profile_config
from gateway.engine import Engine
from gateway.executor.fetcher import SubgraphFetcher
from gateway.http import create_gateway_app
from gateway.supergraph import Supergraph
from identity.app import create_identity_app
from identity.demo import (
    AGENCY_NAMES,
    DEFAULT_AGENCIES,
    REGIONS,
    DemoCitizen,
    DemoUnit,
    create_demo_accounts,
)
from identity.models import identity_metadata
from identity.settings import IdentitySettings
from subgraph.actors import ActorHeaders
from subgraph.app import create_subgraph_app
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.schema import federation_sdl
from subgraph.settings import DEFAULT_DATA_DIR, SubgraphSettings, sqlite_url
from tongban.guardianship import wards_resolver
from tongban.seeding import seed_population

logger = logging.getLogger("tongban")
DEMO_PEOPLE = 3_000
# The gateway calls the in-process subgraph app, which serves each agency at /<name>.
INTERNAL_URL = "http://tongban.internal/{name}/graphql"
# Where `tongban serve` exposes each agency on the network.
PUBLIC_URL = "http://127.0.0.1:8000/subgraphs/{name}/graphql"


ACTOR_KEY_FILE = Path("keys") / "actor-signing.pem"
# A public key set (JWKS, e.g. a copy of the gateway's /.well-known/actor-keys.json) for a
# subgraph run in its own process; without it, the key under the data dir is used.
ACTOR_JWKS_VARIABLE = "TONGBAN_ACTOR_JWKS"

# Where the embedded identity provider is mounted (the issuer's path).
IDENTITY_PATH = "/identity"


def actor_key_set(data_dir: Path) -> KeySet:
    """Load the platform's actor-token signing key under `data_dir` (created, 0600, if new)."""
    return load_key_set(data_dir / ACTOR_KEY_FILE)


def local_development_actor(agency: str) -> Actor:
    """Who a token-less call runs as when TONGBAN_REQUIRE_ACTOR=0 (local development only)."""
    return Actor(
        subject="local-development",
        kind=ActorKind.STAFF,
        agency=agency,
        region="350400",
        purpose="CASE_INVESTIGATION",
        case="LOCAL-DEVELOPMENT",
    )


class PlatformAudit:
    """The audit sink of the platform: audit/'s hash-chained access log on its own database."""

    def __init__(self, database: Database, *, key_files: Sequence[Path] = ()) -> None:
        self.database = database
        self.log = AuditLog(database)
        self.key_files = tuple(key_files)  # the checkpoint keys the audit subgraph verifies with

    @classmethod
    def under(cls, data_dir: Path) -> PlatformAudit:
        """The access log in `audit.db` under the data dir (its key in `keys/` there)."""
        return cls(
            audit_database(url=sqlite_url(data_dir / "audit.db"), schema=None),
            key_files=[data_dir / "keys" / KEY_FILE_NAME],
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PlatformAudit:
        """The access log where `tongban audit` looks for it (TONGBAN_AUDIT_*, DATA_DIR)."""
        audit = AuditSettings.from_env(environ)
        settings = audit.subgraph
        return cls(
            audit_database(url=settings.database_url, schema=settings.database_schema),
            key_files=[audit.key_file],
        )

    def subgraph_settings(self, base: SubgraphSettings | None) -> SubgraphSettings:
        """The audit subgraph's settings: `base`'s limits and issuer, this log's database."""
        url = self.database.url.render_as_string(hide_password=False)
        if base is None:
            return SubgraphSettings(
                name="audit", database_url=url, database_schema=self.database.schema
            )
        return dataclasses.replace(
            base, name="audit", database_url=url, database_schema=self.database.schema
        )

    async def start(self) -> None:
        """Create the audit tables and their append-only triggers if missing."""
        await create_audit_tables(self.database)

    async def record(self, records: Sequence[AccessRecord]) -> None:
        """Append the records (the subgraph withholds its answer if this raises)."""
        await self.log.record(records)

    async def close(self) -> None:
        """Close the audit database's connections."""
        await self.database.dispose()


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


def platform_identity_settings(
    data_dir: Path, environ: Mapping[str, str] | None = None
) -> IdentitySettings:
    """The embedded provider's settings (TONGBAN_IDENTITY_*, TONGBAN_*), under `data_dir`.

    With the same environment and data dir, `tongban token` reads the same database and keys.
    """
    env = dict(os.environ if environ is None else environ)
    env["TONGBAN_IDENTITY_DATA_DIR"] = str(data_dir)
    return IdentitySettings.from_env(env)


def demo_units() -> list[DemoUnit]:
    """The units demo staff belong to: the police's real organs, one per region elsewhere.

    The tax bureau's units are its tax offices (`1` + county + `00`, as on its taxpayers).
    """
    units = [DemoUnit("police", u.code, u.name, u.region_code) for u in police_units()]
    for agency in DEFAULT_AGENCIES:
        if agency == "police":
            continue
        for region, (_, place) in REGIONS.items():
            code = f"1{region}00" if agency == "tax" else f"{region}000000"
            units.append(DemoUnit(agency, code, f"{place}{AGENCY_NAMES[agency]}局", region))
    return units


async def registered_citizens(police: Database) -> list[DemoCitizen]:
    """Every person of the police register, as a citizen login (login = ID number)."""
    async with police.sessions() as session:
        rows = await session.execute(select(Person.id_number, Person.name))
        return [DemoCitizen(id_number, name) for id_number, name in rows]


async def prepare_identity(
    settings: IdentitySettings,
    database: Database,
    agencies: Sequence[tuple[SubgraphDefinition, Database]],
    *,
    demo_people: int,
) -> None:
    """Create the provider's tables and, with a demo population, its demo accounts once."""
    await database.create_tables()
    if not demo_people or settings.is_production or not await database.is_empty():
        return
    police = next((db for d, db in agencies if d.name == "police"), None)
    citizens = await registered_citizens(police) if police is not None else []
    report = await create_demo_accounts(
        database, citizens=citizens, units=demo_units(), key_dir=settings.client_key_dir
    )
    logger.info(
        "first start: %d demo accounts and %d clients (password: demo-<login>)",
        report.accounts,
        report.clients,
    )


def platform_authenticator(
    settings: IdentitySettings, identity_app: Starlette, engine: Engine
) -> Authenticator:
    """Trust the embedded provider (keys fetched from its app in process); resolve wards."""
    path = urlsplit(settings.issuer).path.rstrip("/")
    keys_app = Starlette(routes=[Mount(path, app=identity_app)]) if path else identity_app
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=keys_app))
    issuer = IssuerConfig(
        settings.issuer, settings.audience, jwks_url=settings.endpoint("/jwks.json")
    )
    return Authenticator(AuthConfig(issuers=(issuer,)), client=client, wards=wards_resolver(engine))


def create_platform_app(
    definitions: Sequence[SubgraphDefinition],
    settings: Sequence[SubgraphSettings],
    *,
    demo_people: int = DEMO_PEOPLE,
    gateway: GatewayConfig | None = None,
    data_dir: Path | None = None,
    audit: PlatformAudit | None = None,
    identity: IdentitySettings | None = None,
) -> Starlette:
    """Mount every subgraph at `/subgraphs/<name>`, the identity provider at `/identity`, the
    gateway at `/graphql`, a page at `/`.

    The actor key lives under `data_dir` (default: the settings' data dir); `audit` is the
    access log (default: `audit.db` there), also served as the audit subgraph; `identity` the
    provider's settings (default: `platform_identity_settings(data_dir)`). The gateway serves
    only callers with a valid access token of that provider.
    """
    home = data_dir or (settings[0].data_dir if settings else DEFAULT_DATA_DIR)
    keys = actor_key_set(home)
    actor_issuer = settings[0].actor_issuer if settings else "tongban-gateway"
    mint = ActorHeaders(keys, issuer=actor_issuer)
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
        (
            definition,
            Database(
                url=conf.database_url, metadata=definition.metadata, schema=conf.database_schema
            ),
        )
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

    async def landing(_: Request) -> HTMLResponse:
        return HTMLResponse(landing_page(everything))

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "subgraphs": [d.name for d in everything]})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            await prepare(agencies, demo_people=demo_people)
            await prepare_identity(
                identity_settings, identity_database, agencies, demo_people=demo_people
            )
            await access_log.start()
            async with AsyncExitStack() as stack:
                # Mounted apps get no lifespan of their own: start their policy watchers here.
                for app in apps:
                    await stack.enter_async_context(app.router.lifespan_context(app))
                yield
        finally:
            await engine.close()
            await authenticator.close()
            await access_log.close()
            await identity_database.dispose()
            for _definition, database in agencies:
                await database.dispose()

    platform = Starlette(
        routes=[
            Route("/", landing),
            Route("/health", health),
            Mount("/subgraphs", app=subgraphs),
            Mount(IDENTITY_PATH, app=identity_app),
            Mount("", app=create_gateway_app(engine, gateway.edge, authenticator=authenticator)),
        ],
        lifespan=lifespan,
    )
    platform.state.actor_keys = keys
    platform.state.actor_headers = mint
    platform.state.audit = access_log
    platform.state.identity_settings = identity_settings
    platform.state.identity_database = identity_database
    return platform


def standalone_actor_keys(
    settings: SubgraphSettings, environ: Mapping[str, str] | None = None
) -> KeySet:
    """The keys a subgraph in its own process verifies with: TONGBAN_ACTOR_JWKS, or the
    platform's key under the data dir (same host)."""
    env = os.environ if environ is None else environ
    jwks = env.get(ACTOR_JWKS_VARIABLE)
    if jwks:
        try:
            document = json.loads(Path(jwks).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise ValueError(f"{ACTOR_JWKS_VARIABLE}: cannot read {jwks}: {error}") from None
        return KeySet.from_jwks(document)
    return actor_key_set(settings.data_dir)


def create_standalone_subgraph_app(
    definition: SubgraphDefinition,
    settings: SubgraphSettings,
    environ: Mapping[str, str] | None = None,
) -> Starlette:
    """One agency's subgraph in its own process (`tongban serve-subgraph`), keys and audit wired."""
    access_log = PlatformAudit.from_env(environ)
    app = create_subgraph_app(
        definition,
        settings,
        actor_keys=standalone_actor_keys(settings, environ),
        development_actor=local_development_actor(definition.name),
        audit_sink=access_log,
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await access_log.start()
        try:
            async with app.router.lifespan_context(app):
                yield
        finally:
            await access_log.close()

    wrapper = Starlette(routes=[Mount("", app=app)], lifespan=lifespan)
    wrapper.state.audit = access_log
    return wrapper


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
