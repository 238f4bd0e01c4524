"""Downloadable forms: `GET /forms/{service_code}/{form_code}.html`, mounted under `/hall`.

The page is looked up in the catalogue by both codes and generated, never read from a file, so
an unknown code or a path-traversal attempt finds nothing and gets 404.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from hall.catalogue import find_form
from hall.catalogue_model import Form, Service
from hall.form_html import render_form

# Where the platform mounts the hall's routes (the portal links forms under it).
HALL_MOUNT = "/hall"
FORM_PATH = "/forms/{service_code}/{form_code}.html"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=3600",
}


def form_url(service: Service, form: Form) -> str:
    """Return the URL of a form relative to the platform's root, e.g. for a FormLink."""
    return f"{HALL_MOUNT}/forms/{service.code}/{form.code}.html"


async def download_form(request: Request) -> Response:
    """Answer one form as a printable HTML page, or 404 for an unknown service or form."""
    found = find_form(request.path_params["service_code"], request.path_params["form_code"])
    if found is None:
        return PlainTextResponse("no such form", status_code=404)
    service, form = found
    # Both codes are the catalogue's own (checked patterns), safe in a header.
    disposition = f'inline; filename="{service.code}-{form.code}.html"'
    return HTMLResponse(
        render_form(service, form), headers={**HEADERS, "Content-Disposition": disposition}
    )


def form_routes() -> list[Route]:
    """The hall's form routes, to mount under `HALL_MOUNT`."""
    return [Route(FORM_PATH, download_form, methods=["GET"], name="hall_form")]
