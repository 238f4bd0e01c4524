"""The web front end: its pages, static files and the state they share."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

import httpx
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from authz.system_tokens import SystemTokens
from identity.keys import load_or_create_secret
from web.gateway import Gateway
from web.i18n import HTML_LANG, translate
from web.kit import SESSION_COOKIE, Page, Visit, language_cookie
from web.oidc import Provider
from web.sealed import Sealer
from web.security import apply_security_headers
from web.sessions import Refreshes, Session
from web.settings import WebSettings


class Web:
    """The portal, workbench and console: pages over the gateway, signed in through the provider."""

    def __init__(self, settings: WebSettings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.secret = load_or_create_secret(settings.secret_file)
        self.sealers: dict[str, Sealer] = {}
        self.sessions = self.sealer("session")
        self.logins = self.sealer("login")
        self.provider = Provider(settings, http)
        self.refreshes = Refreshes(self.provider)
        # Visitors who have not signed in read public records as the web's own system client.
        visitor = settings.visitor_credentials
        self.visitors = SystemTokens(visitor, http) if visitor is not None else None
        self.gateway = Gateway(http, settings.backend(settings.gateway_path))
        self.templates = Jinja2Templates(env=template_environment())
        self.session_cookie = ("__Host-" if settings.secure_cookies else "") + SESSION_COOKIE
        self.login_cookie = self.session_cookie + "_login"

    def routes(self, pages: Iterable[Page]) -> list[BaseRoute]:
        """The routes of the given pages, and the static files."""
        static = StaticFiles(directory=str(resources.files("web").joinpath("static")))
        return [*(page.route(self) for page in pages), Mount("/static", static, name="static")]

    def sealer(self, purpose: str) -> Sealer:
        """What seals values of one purpose for the browser to keep (one key per purpose)."""
        if purpose not in self.sealers:
            self.sealers[purpose] = Sealer(self.secret, purpose=purpose)
        return self.sealers[purpose]

    def session_of(self, request: Request) -> Session | None:
        """The signed-in session a request carries, if any."""
        return Session.from_dict(self.sessions.open(request.cookies.get(self.session_cookie)))

    def finish(self, visit: Visit, response: Response) -> Response:
        """Write a changed session back, remember the language, add the security headers."""
        if visit.session_changed:
            if visit.session is None:
                self.clear_cookie(response, self.session_cookie)
            else:
                self.set_cookie(
                    response,
                    self.session_cookie,
                    self.sessions.seal(visit.session.as_dict(), ttl=self.settings.session_ttl),
                    max_age=self.settings.session_ttl,
                )
        language_cookie(visit, response)
        apply_security_headers(
            response, provider_origin=self.settings.origin, private=visit.session is not None
        )
        return response

    def set_cookie(self, response: Response, name: str, value: str, *, max_age: int) -> None:
        """Set an HttpOnly, SameSite=Lax cookie for the whole site (Secure where possible)."""
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            httponly=True,
            samesite="lax",
            secure=self.settings.secure_cookies,
        )

    def clear_cookie(self, response: Response, name: str) -> None:
        """Remove a cookie set by `set_cookie`."""
        response.delete_cookie(
            name, path="/", httponly=True, samesite="lax", secure=self.settings.secure_cookies
        )


def template_environment() -> Environment:
    """Jinja with autoescaping and `_()` translating into the page's language."""
    env = Environment(
        loader=PackageLoader("web", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )

    # Jinja marks what `_()` returns as safe markup, so it is escaped here: a template may pass
    # data of the API through `_()` (a code to label), and that must never become markup.
    @pass_context
    def gettext(context: Context, message: str) -> str:
        return escape(translate(context.get("lang", "zh"), message))

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
        return escape(translate(context.get("lang", "zh"), singular if n == 1 else plural))

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["html_lang"] = HTML_LANG
    return env
