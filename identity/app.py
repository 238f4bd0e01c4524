"""The identity provider's Starlette app: discovery, JWKS, authorize, token, userinfo,
revocation, introspection and sign-out."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

import anyio.to_thread
from authlib.oauth2.rfc6749 import OAuth2Error
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from identity import login as pages
from identity import store
from identity.adapter import Pairs, StarletteOAuth2Request, oauth_error, to_response
from identity.denylist import AccessDenylist, is_denied
from identity.discovery import provider_metadata
from identity.exchange import Exchange, run_in_worker
from identity.form_endpoints import FORM_METHODS, Handler, form_endpoint
from identity.forms import FormError, malformed_protocol_parameter, read_form, read_query
from identity.keys import SigningKeys, load_or_create_secret
from identity.logout_routes import logout_endpoint
from identity.models import Account
from identity.passwords import Passwords
from identity.proxies import client_address
from identity.server import IdentityServer
from identity.settings import IdentitySettings
from identity.sign_in_sessions import SESSION_COOKIE, begin_or_continue
from identity.throttle import Throttle
from identity.tokens import TokenError, account_claims, verify_access_token
from identity.views import ClientView
from subgraph.database import Database

log = logging.getLogger(__name__)
_PUBLIC_CACHE = {"Cache-Control": "public, max-age=300"}


class SignInRefused(Exception):
    """A sign-in that failed: wrong credentials (401) or locked out (429)."""

    def __init__(self, message: str, status: int, retry_after: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def create_identity_app(
    settings: IdentitySettings,
    database: Database,
    *,
    sessions: async_sessionmaker[AsyncSession] | None = None,
    keys: SigningKeys | None = None,
    passwords: Passwords | None = None,
    clock: Callable[[], float] = time.time,
) -> Starlette:
    """Build the provider's app; the caller creates the tables (`database.create_tables()`).

    `app.state.access_denylist` tells a resource server in the same process which access
    tokens were revoked.
    """
    open_session = sessions or database.sessions
    signing_keys = keys or SigningKeys.open(settings.key_file)
    hasher = passwords or Passwords()
    server = IdentityServer(settings, signing_keys)
    secret = load_or_create_secret(settings.secret_file)
    csrf = pages.Csrf(secret)
    throttle = Throttle(settings)
    limit = settings.max_body_bytes
    secure = settings.issuer.startswith("https://")

    def now() -> int:
        return int(clock())

    def posted_form(path: str, respond: Callable[[StarletteOAuth2Request], Response]) -> Handler:
        return form_endpoint(
            url=settings.endpoint(path),
            respond=respond,
            sessions=open_session,
            now=now,
            max_bytes=limit,
        )

    async def discovery(_: Request) -> Response:
        """GET /.well-known/openid-configuration: the provider metadata."""
        return JSONResponse(provider_metadata(settings), headers=_PUBLIC_CACHE)

    async def jwks(_: Request) -> Response:
        """GET /jwks.json: the current and previous public signing keys."""
        return JSONResponse(signing_keys.jwks(), headers=_PUBLIC_CACHE)

    async def authorize(request: Request) -> Response:
        """GET /authorize shows the sign-in form; POST signs in and redirects with a code."""
        try:
            query = read_query(request, max_bytes=limit)
            form = await read_form(request, max_bytes=limit) if request.method == "POST" else []
        except FormError as error:
            return _error_page(request, "invalid_request", error.description, error.status)
        if name := malformed_protocol_parameter(form if request.method == "POST" else query):
            return _error_page(request, "invalid_request", f"Invalid characters in '{name}'.", 400)
        raw_query = request.scope.get("query_string", b"").decode("latin-1")
        oauth_request = StarletteOAuth2Request(
            method=request.method,
            uri=settings.endpoint("/authorize") + (f"?{raw_query}" if raw_query else ""),
            headers=request.headers,
            query=query,
            form=form,
        )
        async with open_session() as session:
            work = Exchange(session, now())
            try:
                grant = await run_in_worker(work, server.get_consent_grant, oauth_request)
            except OAuth2Error as error:
                return _authorization_error(request, error)
            client: ClientView = grant.request.client
            if "none" in (oauth_request.payload.data.get("prompt") or "").split():
                # OpenID Connect: no silent sign-in; the browser session serves sign-out only.
                needs_login = OAuth2Error(
                    error="login_required",
                    description="Interactive sign-in is required.",
                    redirect_uri=grant.redirect_uri,
                    state=oauth_request.payload.state,
                )
                return _authorization_error(request, needs_login)
            if request.method == "GET":
                return login_form(request, client, grant.redirect_uri, query)
            response = await submit(request, session, work, oauth_request, grant, form)
        return response

    async def submit(
        request: Request,
        session: AsyncSession,
        work: Exchange,
        oauth_request: StarletteOAuth2Request,
        grant: Any,
        form: Pairs,
    ) -> Response:
        """Check the CSRF token and the credentials, then answer the client with a code."""
        client: ClientView = grant.request.client
        fields = oauth_request.form
        if not csrf.check(request.cookies.get(pages.CSRF_COOKIE), fields.get(pages.CSRF_FIELD)):
            message = "表单已过期，请重新登录。 The form expired; please sign in again."
            return login_form(request, client, grant.redirect_uri, form, message, 403)
        if fields.get("action") == "cancel":
            cancelled: Response = await run_in_worker(
                work, server.create_authorization_response, oauth_request, None, grant
            )
            return cancelled
        login, password = normalize_login(fields.get("login", "")), fields.get("password", "")
        try:
            if not login or not password:
                raise SignInRefused("请输入账号和密码。 Enter your account and password.", 400)
            account = await sign_in(session, login, password, request)
        except SignInRefused as refusal:
            await session.commit()
            page = login_form(
                request, client, grant.redirect_uri, form, refusal.message, refusal.status
            )
            if refusal.retry_after:
                page.headers["Retry-After"] = str(refusal.retry_after)
            return page
        browser = await begin_or_continue(
            session,
            account_id=account.id,
            cookie=request.cookies.get(SESSION_COOKIE),
            now=now(),
            ttl=settings.session_ttl,
        )
        work.sid = browser.sid
        response: Response = await run_in_worker(
            work, server.create_authorization_response, oauth_request, account, grant
        )
        await session.commit()
        response.delete_cookie(pages.CSRF_COOKIE, path=_cookie_path(request))
        response.set_cookie(
            SESSION_COOKIE,
            browser.cookie,
            max_age=settings.session_ttl,
            path=pages.mounted_path(request, "") or "/",
            secure=secure,
            httponly=True,
            samesite="lax",
        )
        return response

    async def sign_in(
        session: AsyncSession, login: str, password: str, request: Request
    ) -> Account:
        """Return the account if the password is right and no lockout applies."""
        moment = now()
        host = client_address(
            request.client.host if request.client else None,
            request.headers.getlist("x-forwarded-for"),
            settings.trusted_proxies,
        )
        wait = await throttle.address_wait(session, host, moment)
        account = await store.get_account_by_login(session, login)
        if account is not None:
            wait = max(wait, throttle.account_wait(account, moment))
        if wait:
            raise SignInRefused(
                f"尝试次数过多，请 {wait} 秒后再试。 Too many attempts; try again in {wait} s.",
                429,
                wait,
            )
        encoded = account.password_hash if account is not None else None
        valid = await anyio.to_thread.run_sync(hasher.verify, encoded, password)
        if account is None or not valid or account.disabled:
            await throttle.failed(session, host, account, moment)
            if account is not None and throttle.account_wait(account, moment):
                log.warning(
                    "account %d locked out after %d failures", account.id, account.failed_logins
                )
            raise SignInRefused("账号或密码错误。 Wrong account or password.", 401)
        await throttle.succeeded(session, account)
        if encoded is not None and hasher.needs_rehash(encoded):
            account.password_hash = await anyio.to_thread.run_sync(hasher.hash, password)
        return account

    def login_form(
        request: Request,
        client: ClientView,
        redirect_uri: str,
        params: Pairs,
        error: str | None = None,
        status: int = 200,
    ) -> Response:
        """Render the sign-in form with a CSRF token bound to the cookie."""
        cookie = request.cookies.get(pages.CSRF_COOKIE, "")
        if pages.Csrf.plausible(cookie):
            form_token = csrf.form_token(cookie)
        else:
            cookie, form_token = csrf.issue()
        submitted = dict(params).get("login", "") if error else ""
        page = pages.login_page(
            action=_cookie_path(request),
            client_name=client.row.display_name,
            params=params,
            csrf_token=form_token,
            login=submitted[:64],
            error=error,
        )
        response = HTMLResponse(page, status_code=status, headers=pages.page_headers(redirect_uri))
        pages.set_page_cookie(
            response, pages.CSRF_COOKIE, cookie, path=_cookie_path(request), secure=secure
        )
        return response

    async def userinfo(request: Request) -> Response:
        """GET/POST /userinfo: the signed-in account's claims, for an unrevoked access token."""
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            return _bearer_error(401, None)
        try:
            claims = verify_access_token(
                credentials.strip(),
                signing_keys.public_keys(),
                issuer=settings.issuer,
                audiences=[settings.audience, settings.issuer],
                now=now(),
            )
        except TokenError:
            return _bearer_error(401, "invalid_token")
        if "openid" not in str(claims.get("scope", "")).split():
            return _bearer_error(403, "insufficient_scope")
        async with open_session() as session:
            if await is_denied(session, str(claims["jti"])):
                return _bearer_error(401, "invalid_token")
            account = await store.get_account_by_login(session, str(claims["sub"]))
        if account is None or account.disabled:
            return _bearer_error(401, "invalid_token")
        return JSONResponse(
            {"sub": account.login, **account_claims(account)}, headers={"Cache-Control": "no-store"}
        )

    token = posted_form("/token", server.create_token_response)
    revoke = posted_form(
        "/revoke", functools.partial(server.create_endpoint_response, "revocation")
    )
    introspect = posted_form(
        "/introspect", functools.partial(server.create_endpoint_response, "introspection")
    )
    logout = logout_endpoint(
        server=server, csrf=pages.Csrf(secret, "logout"), sessions=open_session, now=now
    )
    app = Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
            Route("/.well-known/oauth-authorization-server", discovery, methods=["GET"]),
            Route("/jwks.json", jwks, methods=["GET"]),
            Route("/authorize", authorize, methods=["GET", "POST"]),
            Route("/token", token, methods=FORM_METHODS),
            Route("/revoke", revoke, methods=FORM_METHODS),
            Route("/introspect", introspect, methods=FORM_METHODS),
            Route("/userinfo", userinfo, methods=["GET", "POST"]),
            Route("/logout", logout, methods=["GET", "POST"]),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    app.state.access_denylist = AccessDenylist(open_session)
    return app


async def _http_error(_: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    status = error.status_code
    code = {404: "not_found", 405: "invalid_request"}.get(status, "invalid_request")
    return oauth_error(code, str(error.detail), status, dict(error.headers or {}))


def normalize_login(login: str) -> str:
    """Trim a login; an ID number's check character X is written in capitals."""
    login = login.strip()
    if len(login) == 18 and login[:17].isdigit() and login[17] == "x":
        return login.upper()
    return login


def _cookie_path(request: Request) -> str:
    return pages.mounted_path(request, "/authorize")


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _error_page(request: Request, error: str, description: str, status: int) -> Response:
    if _wants_html(request):
        return HTMLResponse(
            pages.error_page(error, description),
            status_code=status,
            headers=pages.page_headers(None),
        )
    return oauth_error(error, description, status)


def _authorization_error(request: Request, error: OAuth2Error) -> Response:
    status, body, headers = error()
    if error.redirect_uri:
        return to_response(status, body, headers)
    return _error_page(request, str(body["error"]), str(body.get("error_description", "")), status)


def _bearer_error(status: int, error: str | None) -> Response:
    challenge = 'Bearer realm="tongban"' + (f', error="{error}"' if error else "")
    body = {"error": error or "invalid_request"}
    return JSONResponse(
        body,
        status_code=status,
        headers={"WWW-Authenticate": challenge, "Cache-Control": "no-store"},
    )
