"""The app factory: one Starlette app per subgraph, GraphQL at `/graphql`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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

from subgraph.context import SubgraphContext
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.limits import BodySizeLimit
from subgraph.schema import build_schema
from subgraph.settings import SubgraphSettings


class SubgraphView(GraphQL[SubgraphContext, None]):
    """Strawberry's ASGI view with the kit's context and orjson."""

    def __init__(self, *, sessions: async_sessionmaker[AsyncSession], **options: Any) -> None:
        super().__init__(**options)
        self.sessions = sessions

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> SubgraphContext:
        return SubgraphContext(
            request=request if isinstance(request, Request) else None, sessions=self.sessions
        )

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
) -> Starlette:
    """Build the subgraph's app; unless given a database, it opens, creates and disposes its own."""
    owned = database is None
    db = database or Database(
        url=settings.database_url, metadata=definition.metadata, schema=settings.database_schema
    )
    view = SubgraphView(
        schema=build_schema(definition, settings),
        sessions=sessions or db.sessions,
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=False,
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
        yield
        if owned:
            await db.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", view, methods=["GET", "POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        middleware=[Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)],
        lifespan=lifespan,
    )
    app.state.database = db
    app.state.definition = definition
    return app
