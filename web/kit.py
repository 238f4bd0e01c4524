"""The pages' kit: each page is a handler of a `Visit`; the kit applies sign-in, roles, CSRF,
form limits, token refresh, language and the security headers around it."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from authz.system_tokens import TokenUnavailable
from web.forms import Form, FormRejected, read_form
from web.gateway import GatewayUnavailable, GraphQLResult, SignedOut
from web.i18n import LANGUAGE_COOKIE, LANGUAGES, chosen_language, translate
from web.oidc import ProviderError
from web.security import apply_security_headers, same_origin
from web.sessions import Session
from web.users import User

if TYPE_CHECKING:
    from web.app import Web

SESSION_COOKIE = "tongban_web"
REFRESH_MARGIN = 30
Handler = Callable[["Visit"], Awaitable[Response]]


class Visit:
    """One request to a page: who asks, in which language, with which form."""

    def __init__(self, web: Web, request: Request, session: Session | None, form: Form) -> None:
        self.web = web
        self.request = request
        self.session = session
        self.form = form
        self.language = chosen_language(request)
        self.session_changed = False

    @property
    def user(self) -> User | None:
        """The signed-in account, if any."""
        return self.session.user if self.session else None

    def language_url(self, language: str) -> str:
        """This page's address in another language, its query kept."""
        query = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        return self.request.url.path + "?" + urlencode([*query, ("lang", language)])

    def _(self, message: str) -> str:
        """Translate a message into the visit's language."""
        return translate(self.language, message)

    async def query(
        self,
        document: str,
        variables: dict[str, Any] | None = None,
        *,
        purpose: str | None = None,
        case: str | None = None,
    ) -> GraphQLResult:
        """Run an operation on the gateway as the signed-in user (a visitor who has not signed
        in reads as the web's own system client: public records only)."""
        if self.session is None:
            return await self._query_as_visitor(document, variables, purpose=purpose)
        if self.session.expires_at - REFRESH_MARGIN < time.time():
            await self._refresh()
        return await self.web.gateway.run(
            document, variables, token=self.session.access_token, purpose=purpose, case=case
        )

    async def _query_as_visitor(
        self, document: str, variables: dict[str, Any] | None, *, purpose: str | None
    ) -> GraphQLResult:
        if self.web.visitors is None:
            raise SignedOut()
        try:
            token = await self.web.visitors.access_token()
        except TokenUnavailable as error:
            # Without its own access (no key, provider refusing) the page asks for a sign-in.
            raise SignedOut() from error
        return await self.web.gateway.run(document, variables, token=token, purpose=purpose)

    async def _refresh(self) -> None:
        assert self.session is not None
        if not self.session.refresh_token:
            raise SignedOut()
        try:
            tokens = await self.web.refreshes.refresh(self.session.refresh_token)
        except ProviderError as error:
            raise SignedOut() from error
        self.session = self.session.renewed(tokens)
        self.session_changed = True

    def render(self, template: str, status: int = 200, **context: Any) -> Response:
        """Render a template with the visit's user, language and CSRF token."""
        return self.web.templates.TemplateResponse(
            self.request,
            template,
            {"visit": self, "lang": self.language, **context},
            status_code=status,
        )

    def error(self, status: int, title: str, message: str) -> Response:
        """An error page in the visit's language."""
        return self.render("error.html", status=status, title=title, message=message)

    def redirect(self, path: str) -> Response:
        """Go to another page of ours after a form (303)."""
        return RedirectResponse(path, status_code=303)


@dataclass(frozen=True)
class Page:
    """A page: its path, handler, methods and who may open it (None: anyone)."""

    path: str
    handler: Handler
    methods: tuple[str, ...] = ("GET",)
    kinds: Collection[str] | None = None

    def route(self, web: Web) -> Route:
        """The Starlette route that runs the handler inside the kit."""

        async def endpoint(request: Request) -> Response:
            visit = Visit(web, request, web.session_of(request), Form([]))
            response = await self._guarded(visit)
            return web.finish(visit, response)

        return Route(self.path, endpoint, methods=list(self.methods), name=self.handler.__name__)

    async def _guarded(self, visit: Visit) -> Response:
        request = visit.request
        if self.kinds is not None:
            if visit.user is None:
                return RedirectResponse("/login?next=" + quote(request.url.path), status_code=303)
            if visit.user.kind not in self.kinds:
                return visit.error(
                    403,
                    visit._("Not for this account"),
                    visit._("This page is not open to your account."),
                )
        if request.method == "POST":
            refused = await self._read_post(visit)
            if refused is not None:
                return refused
        try:
            return await self.handler(visit)
        except SignedOut:
            visit.session, visit.session_changed = None, True
            return RedirectResponse("/login?next=" + quote(request.url.path), status_code=303)
        except GatewayUnavailable:
            return visit.error(
                503,
                visit._("Service unavailable"),
                visit._("The platform did not answer. Please try again in a moment."),
            )

    async def _read_post(self, visit: Visit) -> Response | None:
        try:
            visit.form = await read_form(visit.request, max_bytes=visit.web.settings.max_form_bytes)
        except FormRejected as rejected:
            return visit.error(rejected.status, visit._("Form refused"), visit._(rejected.message))
        expected = visit.session.csrf if visit.session else None
        sent = visit.form.get("csrf")
        if (
            expected is None
            or not secrets.compare_digest(sent.encode(), expected.encode())
            or not same_origin(visit.request, visit.web.settings.origin)
        ):
            return visit.error(
                403,
                visit._("Form refused"),
                visit._(
                    "This form has expired or did not come from this site. "
                    "Reload the page and try again."
                ),
            )
        return None


def language_cookie(visit: Visit, response: Response) -> None:
    """Remember a language chosen with `?lang=` for the following pages."""
    asked = visit.request.query_params.get("lang")
    if asked in LANGUAGES and asked != visit.request.cookies.get(LANGUAGE_COOKIE):
        response.set_cookie(
            LANGUAGE_COOKIE,
            asked,
            max_age=365 * 86400,
            samesite="lax",
            secure=visit.web.settings.secure_cookies,
        )


__all__ = ["Page", "Visit", "apply_security_headers", "language_cookie"]
