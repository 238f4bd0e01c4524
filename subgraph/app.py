"""The app factory: one Starlette app per subgraph, GraphQL at `/graphql`.

Every GraphQL call needs an actor token (subgraph/actors.py) and is then answered field by
field under the agency's policies (subgraph/guard/); before an answer that read or refused
personal data leaves, its access records are written to the audit sink, and if that fails the
answer carries no data.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from authz.actor import Actor
from authz.cache import DecisionCache
from authz.enforcer import PolicyEnforcer
from authz.keys import KeySet
from authz.replay import ReplayGuard
from authz.watcher import PolicyFileWatcher
from subgraph.actors import ACTOR_STATE, ActorGate, ActorVerifier
from subgraph.audit import AuditSink
from subgraph.context import SubgraphContext
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.guard import GuardRegistry, RequestGuard
from subgraph.limits import BodySizeLimit
from subgraph.schema import build_schema
from subgraph.settings import SubgraphSettings

logger = logging.getLogger("tongban.subgraph")

CONTEXT_STATE = "tongban_context"
AUDIT_UNAVAILABLE: GraphQLHTTPResponse = {
    "data": None,
    "errors": [
        {
            "message": "access could not be recorded; no data released",
            "extensions": {"code": "AUDIT_UNAVAILABLE"},
        }
    ],
}


class SubgraphView(GraphQL[SubgraphContext, None]):
    """Strawberry's ASGI view with the kit's context, the audit write, and orjson."""

    def __init__(
        self,
        *,
        subgraph: str,
        sessions: async_sessionmaker[AsyncSession],
        enforcer: PolicyEnforcer,
        registry: GuardRegistry,
        audit_sink: AuditSink | None,
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.subgraph = subgraph
        self.sessions = sessions
        self.enforcer = enforcer
        self.registry = registry
        self.audit_sink = audit_sink

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> SubgraphContext:
        actor = request.scope.get("state", {}).get(ACTOR_STATE)
        if not isinstance(actor, Actor):  # the gate lets no call through without one
            raise RuntimeError("a GraphQL call reached the view without an actor")
        guard = RequestGuard(
            actor=actor, decisions=DecisionCache(self.enforcer), registry=self.registry
        )
        context = SubgraphContext(
            request=request if isinstance(request, Request) else None,
            sessions=self.sessions,
            guard=guard,
        )
        request.scope.setdefault("state", {})[CONTEXT_STATE] = context
        return context

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Format the result, after writing its access records; withhold it if that fails."""
        response = await super().process_result(request, result)
        context = request.scope.get("state", {}).get(CONTEXT_STATE)
        if self.audit_sink is None or not isinstance(context, SubgraphContext):
            return response
        guard = context.guard
        if not guard.access:
            return response
        records = guard.access.records(
            actor=guard.actor,
            subgraph=self.subgraph,
            time=datetime.now(UTC),
            request_id=guard.actor.request_id or request.headers.get("x-request-id"),
        )
        try:
            await self.audit_sink.record(records)
        except Exception:
            logger.exception(
                "%s: writing %d access records failed; the answer is withheld",
                self.subgraph,
                len(records),
            )
            return AUDIT_UNAVAILABLE
        return response

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)


def create_subgraph_app(
    definition: SubgraphDefinition,
    settings: SubgraphSettings,
    *,
    database: Database | None = None,
    sessions: async_sessionmaker[AsyncSession] | None = None,
    actor_keys: KeySet | None = None,
    actor_issuer: str | None = None,
    replay_guard: ReplayGuard | None = None,
    development_actor: Actor | None = None,
    audit_sink: AuditSink | None = None,
    audit: bool = True,
) -> Starlette:
    """Build the subgraph's app; unless given a database, it opens, creates and disposes its own.

    `actor_keys` verify the gateway's actor tokens (issuer `actor_issuer`, by default the
    settings'); one ReplayGuard per process (`replay_guard`, shared by the apps of one
    process, or one of its own). With `settings.require_actor` off (local development only,
    and loudly logged) a call without a token runs as `development_actor`. `audit_sink`
    receives the access records; only `audit=False` (tests of unrelated behaviour) serves
    without one.
    """
    if settings.require_actor and actor_keys is None:
        raise ValueError(
            f"subgraph {definition.name} requires actor tokens: give actor_keys "
            "(the gateway's public keys)"
        )
    if audit and audit_sink is None:
        raise ValueError(
            f"subgraph {definition.name} needs an audit_sink (audit=False only for tests "
            "of behaviour unrelated to access)"
        )
    if definition.policies is None:
        raise ValueError(f"subgraph {definition.name} has no policies file")
    if not settings.require_actor:
        if development_actor is None:
            raise ValueError(
                f"subgraph {definition.name}: with require_actor off, give the "
                "development_actor that calls without a token run as"
            )
        logger.warning(
            "subgraph %s accepts calls WITHOUT an actor token (require_actor is off): they run "
            "as %r; never do this outside local development",
            definition.name,
            development_actor,
        )
    if not audit:
        logger.warning("subgraph %s writes no access records (audit=False)", definition.name)
    owned = database is None
    db = database or Database(
        url=settings.database_url, metadata=definition.metadata, schema=settings.database_schema
    )
    enforcer = PolicyEnforcer.from_file(definition.policies, agency=definition.name)
    watcher = PolicyFileWatcher(enforcer, interval=settings.policy_reload_seconds)
    schema = build_schema(definition, settings)
    view = SubgraphView(
        subgraph=definition.name,
        schema=schema,
        sessions=sessions or db.sessions,
        enforcer=enforcer,
        registry=schema.guards,
        audit_sink=audit_sink if audit else None,
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=False,
    )
    verifier = (
        ActorVerifier(
            audience=definition.name,
            keys=actor_keys,
            issuer=actor_issuer or settings.actor_issuer,
            replay_guard=replay_guard,
        )
        if actor_keys is not None
        else None
    )
    gate = ActorGate(
        view,
        subgraph=definition.name,
        verifier=verifier,
        development_actor=None if settings.require_actor else development_actor,
    )

    async def health(_: Request) -> JSONResponse:
        try:
            await db.ping()
        except Exception as error:
            return JSONResponse(
                {
                    "status": "unavailable",
                    "subgraph": definition.name,
                    "reason": type(error).__name__,
                },
                status_code=503,
            )
        return JSONResponse({"status": "ok", "subgraph": definition.name})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if owned:
            await db.create_tables()
        watcher.start()
        try:
            yield
        finally:
            await watcher.stop()
            if owned:
                await db.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", gate, methods=["GET", "POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        middleware=[Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)],
        lifespan=lifespan,
    )
    app.state.database = db
    app.state.definition = definition
    app.state.enforcer = enforcer
    app.state.policy_watcher = watcher
    return app
