"""The catalogue for anyone, signed in or not: `GET /services.json` and `/services/{code}.json`.

The same guides the GraphQL `services` field gives (hall/catalogue_schema.py), as JSON with
Chinese and English side by side, mounted under `/hall` beside the forms. They hold no
personal data, so no token is asked for; the pages are generated from the catalogue and
cached by clients for an hour.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import orjson
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from hall.catalogue import all_services, service_of
from hall.catalogue_schema import ServiceGuide

HEADERS = {"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}


@cache
def _guide_json(code: str) -> bytes | None:
    service = service_of(code)
    if service is None:
        return None
    return orjson.dumps(dataclasses.asdict(ServiceGuide.of(service)))


@cache
def _catalogue_json() -> bytes:
    guides = [dataclasses.asdict(ServiceGuide.of(service)) for service in all_services()]
    return orjson.dumps({"services": guides})


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json", headers=HEADERS)


async def catalogue(_: Request) -> Response:
    """Every service's guide."""
    return _json(_catalogue_json())


async def guide(request: Request) -> Response:
    """One service's guide, or 404."""
    body = _guide_json(request.path_params["code"])
    if body is None:
        return PlainTextResponse("no such service", status_code=404)
    return _json(body)


def catalogue_routes() -> list[Route]:
    """The public catalogue's routes, to mount under `/hall`."""
    return [
        Route("/services.json", catalogue, methods=["GET"]),
        Route("/services/{code}.json", guide, methods=["GET"]),
    ]
