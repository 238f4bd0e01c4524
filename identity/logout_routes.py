"""`/logout`: GET (or an RP's POST) asks to confirm; the confirming POST signs out.

The confirmation is a form with a double-submit CSRF token, so that another site can
neither sign the user out nor use the provider as a redirector.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from authlib.oauth2.rfc6749 import OAuth2Error
from authlib.oidc.rpinitiated import EndSessionRequest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from identity.adapter import Pairs, StarletteOAuth2Request
from identity.end_session import LOGOUT_PARAMETERS
from identity.exchange import Exchange, run_in_worker
from identity.forms import (
    FormError,
    duplicated,
    malformed_protocol_parameter,
    read_form,
    read_query,
)
from identity.login import (
    CSRF_COOKIE,
    CSRF_FIELD,
    Csrf,
    mounted_path,
    page_headers,
    set_page_cookie,
)
from identity.logout_pages import confirm_page, logout_error_page, signed_out_page
from identity.server import IdentityServer
from identity.sign_in_sessions import SESSION_COOKIE
from identity.views import ClientView

Handler = Callable[[Request], Awaitable[Response]]
EXPIRED = "表单已过期，请重试。 The form expired; please try again."


def logout_endpoint(
    *,
    server: IdentityServer,
    csrf: Csrf,
    sessions: async_sessionmaker[AsyncSession],
    now: Callable[[], int],
) -> Handler:
    """Return the `/logout` handler (OpenID Connect RP-Initiated Logout 1.0)."""
    settings = server.settings
    secure = settings.issuer.startswith("https://")
    limit = settings.max_body_bytes

    async def logout(request: Request) -> Response:
        """Show the confirmation, or sign out and redirect or show the signed-out page."""
        posted = request.method == "POST"
        try:
            params = (
                await read_form(request, max_bytes=limit)
                if posted
                else read_query(request, max_bytes=limit)
            )
        except FormError as error:
            return _error(error.description, error.status)
        if duplicated(params):
            return _error("A parameter is repeated.", 400)
        if name := malformed_protocol_parameter(params):
            return _error(f"Invalid characters in '{name}'.", 400)
        oauth_request = StarletteOAuth2Request(
            method=request.method,
            uri=settings.endpoint("/logout"),
            headers=request.headers,
            query=[] if posted else params,
            form=params if posted else [],
            cookies=dict(request.cookies),
        )
        fields = dict(params)
        async with sessions() as session:
            work = Exchange(session, now())
            try:
                validated: EndSessionRequest = await run_in_worker(
                    work, server.validate_endpoint_request, "end_session", oauth_request
                )
            except OAuth2Error as error:
                return _error(str(error.description or error.error), 400)
            if not posted or CSRF_FIELD not in fields:
                return confirmation(request, validated, params)
            if not csrf.check(request.cookies.get(CSRF_COOKIE), fields[CSRF_FIELD]):
                return confirmation(request, validated, params, EXPIRED, 403)
            redirect: Response | None = await run_in_worker(
                work, server.create_endpoint_response, "end_session", validated
            )
            await session.commit()
        response = redirect or HTMLResponse(signed_out_page(), headers=page_headers(None))
        response.delete_cookie(SESSION_COOKIE, path=mounted_path(request, "") or "/")
        response.delete_cookie(CSRF_COOKIE, path=mounted_path(request, "/logout"))
        return response

    def confirmation(
        request: Request,
        validated: EndSessionRequest,
        params: Pairs,
        error: str | None = None,
        status: int = 200,
    ) -> Response:
        """Render the confirmation form with a CSRF token bound to a cookie."""
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if Csrf.plausible(cookie):
            form_token = csrf.form_token(cookie)
        else:
            cookie, form_token = csrf.issue()
        client: ClientView | None = validated.client
        path = mounted_path(request, "/logout")
        page = confirm_page(
            action=path,
            params=[(name, value) for name, value in params if name in LOGOUT_PARAMETERS],
            csrf_token=form_token,
            client_name=client.row.display_name if client is not None else None,
            error=error,
        )
        response = HTMLResponse(
            page, status_code=status, headers=page_headers(validated.redirect_uri)
        )
        set_page_cookie(response, CSRF_COOKIE, cookie, path=path, secure=secure)
        return response

    return logout


def _error(description: str, status: int) -> Response:
    return HTMLResponse(
        logout_error_page(description), status_code=status, headers=page_headers(None)
    )
