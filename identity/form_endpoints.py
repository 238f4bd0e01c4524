"""The provider's form-posting endpoints that answer in JSON: token, revocation, introspection."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from identity.adapter import StarletteOAuth2Request, oauth_error
from identity.exchange import Exchange, run_in_worker
from identity.forms import FormError, duplicated, malformed_protocol_parameter, read_form

Respond = Callable[[StarletteOAuth2Request], Response]
Handler = Callable[[Request], Awaitable[Response]]
FORM_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def form_endpoint(
    *,
    url: str,
    respond: Respond,
    sessions: async_sessionmaker[AsyncSession],
    now: Callable[[], int],
    max_bytes: int,
) -> Handler:
    """Return a handler that reads a POSTed form and lets authlib answer (`respond`).

    Errors are RFC 6749 §5.2 JSON. What authlib wrote is committed when the answer is 200
    or when it asked for it (a detected reuse revokes tokens even as the request fails).
    """

    async def handle(request: Request) -> Response:
        if request.method != "POST":
            return oauth_error("invalid_request", "Use POST.", 405, {"Allow": "POST"})
        try:
            form = await read_form(request, max_bytes=max_bytes)
        except FormError as error:
            return oauth_error("invalid_request", error.description, error.status)
        if duplicated(form):
            return oauth_error("invalid_request", "A parameter is repeated.")
        if name := malformed_protocol_parameter(form):
            return oauth_error("invalid_request", f"Invalid characters in '{name}'.")
        oauth_request = StarletteOAuth2Request(
            method="POST", uri=url, headers=request.headers, query=[], form=form
        )
        async with sessions() as session:
            work = Exchange(session, now())
            response: Response = await run_in_worker(work, respond, oauth_request)
            if response.status_code == 200 or work.commit_on_error:
                await session.commit()
        return response

    return handle
