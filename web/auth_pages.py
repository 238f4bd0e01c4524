"""Signing in (authorization code with PKCE) and out, and the home page that routes by role."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from web.i18n import N_
from web.kit import Page, Visit
from web.oidc import PendingLogin, ProviderError
from web.sessions import Session
from web.users import User


def safe_next(path: str | None) -> str:
    """Only a path of our own site may follow a sign-in (no open redirects)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


async def login(visit: Visit) -> Response:
    """Send the browser to the provider's sign-in, remembering where to come back."""
    web = visit.web
    url, pending = web.provider.begin(
        safe_next(visit.request.query_params.get("next")), visit.language
    )
    response = RedirectResponse(url, status_code=303)
    web.set_cookie(
        response,
        web.login_cookie,
        web.logins.seal(pending.as_dict(), ttl=web.settings.login_ttl),
        max_age=web.settings.login_ttl,
    )
    return response


async def callback(visit: Visit) -> Response:
    """Finish a sign-in: check the state, redeem the code with the verifier, start a session."""
    web, params = visit.web, visit.request.query_params
    pending = PendingLogin.from_dict(
        web.logins.open(visit.request.cookies.get(web.login_cookie)) or {}
    )
    failed = N_("Sign-in failed")
    if params.get("error"):
        return _finish_login(
            visit,
            visit.error(400, visit._(failed), visit._("The sign-in was cancelled or refused.")),
        )
    if pending is None or params.get("state") != pending.state or not params.get("code"):
        return _finish_login(
            visit,
            visit.error(
                400,
                visit._(failed),
                visit._("This sign-in link has expired. Please sign in again."),
            ),
        )
    try:
        tokens = await web.provider.exchange(params["code"], pending)
        user = User.from_claims(await web.provider.userinfo(tokens.access_token))
    except ProviderError:
        return _finish_login(
            visit,
            visit.error(
                502,
                visit._(failed),
                visit._("The identity provider did not accept the sign-in. Please sign in again."),
            ),
        )
    visit.session = Session(user, tokens.access_token, tokens.refresh_token, tokens.expires_at)
    visit.session_changed = True
    target = pending.next_path if pending.next_path != "/" else user.home()
    return _finish_login(visit, RedirectResponse(target, status_code=303))


def _finish_login(visit: Visit, response: Response) -> Response:
    visit.web.clear_cookie(response, visit.web.login_cookie)
    return response


async def logout(visit: Visit) -> Response:
    """End the session here, revoke its tokens, and sign out at the provider too."""
    web, session = visit.web, visit.session
    if session is not None:
        try:
            if session.refresh_token:
                await web.provider.revoke(session.refresh_token, "refresh_token")
            await web.provider.revoke(session.access_token, "access_token")
        except ProviderError:
            pass  # the session ends here regardless; its tokens expire on their own
    visit.session, visit.session_changed = None, True
    return RedirectResponse(web.provider.end_session_url(), status_code=303)


async def home(visit: Visit) -> Response:
    """The front page: the signed-in user's own start page, or an invitation to sign in."""
    if visit.user is not None:
        return RedirectResponse(visit.user.home(), status_code=303)
    return visit.render("home.html")


PAGES = (
    Page("/", home),
    Page("/login", login),
    Page("/callback", callback),
    Page("/logout", logout, methods=("POST",), kinds=None),
)
