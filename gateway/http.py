"""GraphQL over HTTP at the edge: POST and GET, media types, CSRF, limits, health, metrics."""

from __future__ import annotations

import contextlib
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from authz.actor import Actor
from gateway.auth.authenticate import (
    AuthenticationError,
    Authenticator,
    CaseNotAssigned,
    LookupUnavailable,
    PurposeRequired,
)
from gateway.engine import Engine, EngineResult, GraphQLRequest, NotAllowed
from gateway.graphiql import graphiql_page
from gateway.metrics import GatewayMetrics
from gateway.safelist import Safelist

logger = logging.getLogger("tongban.gateway")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# Content types a browser may send cross-site without a CORS preflight.
SIMPLE_CONTENT_TYPES = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
)
PREFLIGHT_HEADERS = ("x-apollo-operation-name", "apollo-require-preflight", "x-tongban-client")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class EdgeConfig:
    """How the gateway talks HTTP."""

    graphiql: bool = False
    propagate_headers: tuple[str, ...] = ()
    # Callers of these kinds (and everyone, when the gateway authenticates no one) may run
    # only safelisted operations; others may send any operation within the limits.
    safelist: Safelist | None = None
    safelist_kinds: tuple[str, ...] = ("CITIZEN",)


class RequestError(Exception):
    """The HTTP request is not a GraphQL request; answered with a status and a message."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        *,
        code: str = "BAD_REQUEST",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.code = code


def create_gateway_app(
    engine: Engine,
    edge: EdgeConfig | None = None,
    metrics: GatewayMetrics | None = None,
    authenticator: Authenticator | None = None,
) -> Starlette:
    """Build the gateway's Starlette app; with an authenticator, every request needs a token."""
    edge = edge or EdgeConfig()
    # The caller's credentials and our own actor headers never travel to subgraphs as-is.
    propagated = tuple(
        name
        for name in edge.propagate_headers
        if name != "authorization" and not name.startswith("tongban-")
    )
    metrics = metrics or GatewayMetrics()
    if engine.fetcher.observe is None:
        engine.fetcher.observe = metrics.observe_fetch

    async def graphql(request: Request) -> Response:
        started = time.perf_counter()
        request_id = _request_id(request)
        if (
            request.method == "GET"
            and edge.graphiql
            and "text/html" in request.headers.get("accept", "")
        ):
            return HTMLResponse(graphiql_page())
        try:
            media_type = _negotiate(request)
            _refuse_csrf(request)
            graphql_request = await _read(request, engine.config.limits.max_body_bytes, edge)
            actor = None
            if authenticator is not None:
                actor = await authenticator.authenticate(request.headers, request_id)
            _check_safelist(edge, graphql_request, actor)
            headers = {
                "x-request-id": request_id,
                **{name: request.headers[name] for name in propagated if name in request.headers},
            }
            result = await engine.execute(
                graphql_request,
                headers=headers,
                allow_mutations=request.method == "POST",
                actor=actor,
            )
        except RequestError as error:
            return _refusal(error, request_id)
        except AuthenticationError as error:
            logger.info(
                "authentication refused", extra={"request_id": request_id, "reason": str(error)}
            )
            return _refusal(
                RequestError(
                    401,
                    f"Authentication required: {error}.",
                    {"www-authenticate": 'Bearer error="invalid_token"'},
                    code="UNAUTHENTICATED",
                ),
                request_id,
            )
        except PurposeRequired as error:
            return _refusal(RequestError(403, f"{error}.", code="PURPOSE_REQUIRED"), request_id)
        except CaseNotAssigned as error:
            return _refusal(RequestError(403, f"{error}.", code="CASE_NOT_ASSIGNED"), request_id)
        except LookupUnavailable:
            return _refusal(
                RequestError(
                    503,
                    "Your access cannot be checked just now (wards, case or revocation); "
                    "try again.",
                    {"retry-after": "5"},
                    code="SERVICE_UNAVAILABLE",
                ),
                request_id,
            )
        except NotAllowed:
            return _refusal(
                RequestError(405, "Mutations can only be sent over HTTP POST.", {"allow": "POST"}),
                request_id,
            )
        status = 400 if result.request_error and media_type == GRAPHQL_RESPONSE else 200
        response = Response(
            orjson.dumps(result.body),
            status_code=status,
            media_type=media_type,
            headers={"x-request-id": request_id},
        )
        _record(
            metrics,
            result,
            status,
            time.perf_counter() - started,
            request_id,
            graphql_request.operation_name,
        )
        return response

    async def live(_: Request) -> JSONResponse:
        return JSONResponse({"status": "live"})

    async def ready(_: Request) -> JSONResponse:
        return JSONResponse(
            {
                "status": "ready",
                "subgraphs": sorted(s.name for s in engine.supergraph.subgraphs.values()),
            }
        )

    async def actor_keys(_: Request) -> JSONResponse:
        # Subgraphs in other processes verify actor tokens with these public keys.
        if engine.signer is None:
            return JSONResponse({"keys": []})
        return JSONResponse(engine.signer.keys.jwks())

    async def prometheus(_: Request) -> Response:
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        # Pooled subgraph connections belong to the serving event loop: close them in it.
        yield
        await engine.close()

    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/health/live", live),
            Route("/health/ready", ready),
            Route("/metrics", prometheus),
            Route("/.well-known/actor-keys.json", actor_keys),
        ],
    )
    app.state.engine = engine
    app.state.metrics = metrics
    return app


def _request_id(request: Request) -> str:
    given = request.headers.get("x-request-id", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


def _negotiate(request: Request) -> str:
    accept = request.headers.get("accept", "")
    if not accept or "*/*" in accept or "application/*" in accept:
        return GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else JSON
    if GRAPHQL_RESPONSE in accept:
        return GRAPHQL_RESPONSE
    if JSON in accept:
        return JSON
    raise RequestError(406, f"Accept must allow {GRAPHQL_RESPONSE} or {JSON}.")


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _refuse_csrf(request: Request) -> None:
    content_type = _media_type(request)
    preflighted = (
        request.method == "POST" and content_type not in SIMPLE_CONTENT_TYPES and content_type != ""
    ) or any(request.headers.get(name) for name in PREFLIGHT_HEADERS)
    if not preflighted:
        raise RequestError(
            400,
            "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
            "Send a JSON body with `Content-Type: application/json`, or a non-empty "
            "`apollo-require-preflight` header.",
        )


def _check_safelist(edge: EdgeConfig, request: GraphQLRequest, actor: Actor | None) -> None:
    restricted = actor is None or actor.kind.value in edge.safelist_kinds
    if edge.safelist is not None and restricted and not edge.safelist.allows(request.query):
        raise RequestError(
            403, "Only persisted operations may be sent here.", code="PERSISTED_QUERY_NOT_IN_LIST"
        )


async def _read(request: Request, max_bytes: int, edge: EdgeConfig) -> GraphQLRequest:
    if request.method == "GET":
        params: dict[str, Any] = dict(request.query_params)
        for key in ("variables", "extensions"):
            value = params.get(key)
            if isinstance(value, str) and value:
                params[key] = _decode(value.encode(), f"`{key}` is not valid JSON.")
        return _request_from(params, edge.safelist)
    if _media_type(request) not in (JSON, GRAPHQL_RESPONSE):
        raise RequestError(415, f"Content-Type must be {JSON}.")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise RequestError(413, f"Request body is larger than {max_bytes} bytes.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise RequestError(413, f"Request body is larger than {max_bytes} bytes.")
    payload = _decode(bytes(body), "Request body is not valid JSON.")
    if not isinstance(payload, dict):
        raise RequestError(400, "Request body must be a JSON object (batching is not supported).")
    return _request_from(payload, edge.safelist)


def _decode(raw: bytes, message: str) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestError(400, message) from None


def _request_from(params: dict[str, Any], safelist: Safelist | None) -> GraphQLRequest:
    query = params.get("query")
    persisted = params.get("documentId") or _apq_hash(params.get("extensions"))
    if query is None and persisted is not None:
        if (
            not isinstance(persisted, str)
            or safelist is None
            or (query := safelist.body(persisted)) is None
        ):
            raise RequestError(
                400, "Unknown persisted operation.", code="PERSISTED_QUERY_NOT_FOUND"
            )
    if not isinstance(query, str) or not query.strip():
        raise RequestError(400, "`query` must be a non-empty string.")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, "`variables` must be a JSON object.")
    name = params.get("operationName")
    if name is not None and not isinstance(name, str):
        raise RequestError(400, "`operationName` must be a string.")
    return GraphQLRequest(query, variables, name or None)


def _apq_hash(extensions: Any) -> Any:
    if isinstance(extensions, dict) and isinstance(extensions.get("persistedQuery"), dict):
        return extensions["persistedQuery"].get("sha256Hash")
    return None


def _refusal(error: RequestError, request_id: str) -> Response:
    body = orjson.dumps({"errors": [{"message": str(error), "extensions": {"code": error.code}}]})
    return Response(
        body,
        status_code=error.status,
        media_type=JSON,
        headers={"x-request-id": request_id, **error.headers},
    )


def _record(
    metrics: GatewayMetrics,
    result: EngineResult,
    status: int,
    seconds: float,
    request_id: str,
    operation_name: str | None,
) -> None:
    kind = result.operation_kind or "invalid"
    metrics.requests.labels(kind, str(status)).inc()
    metrics.latency.labels(kind).observe(seconds)
    errors = len(result.body.get("errors") or ())
    if errors:
        metrics.errors.labels(kind).inc()
    logger.info(
        "graphql request",
        extra={
            "request_id": request_id,
            "operation_name": operation_name,
            "kind": kind,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "errors": errors,
        },
    )
