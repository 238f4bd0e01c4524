"""The sign-in page (Chinese with English), its CSRF protection and the pages' HTTP headers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import string
from html import escape
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from identity.adapter import Pairs

CSRF_COOKIE = "tongban_csrf"
CSRF_FIELD = "csrf_token"
_URL_SAFE = frozenset(string.ascii_letters + string.digits + "-_")
LOGIN_FIELDS = frozenset({"login", "password", CSRF_FIELD, "action"})

STYLE = """
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;
background:#f4f6f8;color:#1a1a1a}
main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin-top:0}
.en{display:block;font-size:.85em;color:#4a4a4a;font-weight:normal}
label{display:block;margin-top:1rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;font-size:1rem;
border:1px solid #6b6b6b;border-radius:4px}
input:focus,button:focus{outline:3px solid #1f5fbf;outline-offset:2px}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{padding:.6rem 1.2rem;font-size:1rem;border-radius:4px;border:1px solid #1f5fbf;
background:#1f5fbf;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f5fbf}
.error{background:#fdecea;border:1px solid #b3261e;color:#7a1c16;padding:.75rem;
border-radius:4px}
"""


def style_hash() -> str:
    """Return the CSP source of the page's inline style sheet ('sha256-…')."""
    return "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()


_STYLE_SOURCE = style_hash()


def page_headers(redirect_uri: str | None) -> dict[str, str]:
    """Return the security headers of a page whose form may end in a redirect to `redirect_uri`."""
    targets = "'self'"
    if redirect_uri:
        parts = urlsplit(redirect_uri)
        targets += f" {parts.scheme}://{parts.netloc}"
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src '{_STYLE_SOURCE}'; form-action {targets}; "
            "frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def mounted_path(request: Request, path: str) -> str:
    """Return `path` under the prefix the provider is mounted at (for cookie paths and forms)."""
    return str(request.scope.get("root_path", "")).rstrip("/") + path


def set_page_cookie(response: Response, name: str, value: str, *, path: str, secure: bool) -> None:
    """Set a CSRF cookie of a form: HttpOnly, SameSite=Strict, half an hour, on `path` only."""
    response.set_cookie(
        name, value, max_age=1800, path=path, secure=secure, httponly=True, samesite="strict"
    )


class Csrf:
    """Double-submit CSRF tokens: a random cookie and, in the form, its HMAC.

    `purpose` separates the tokens of different forms made with the same secret.
    """

    def __init__(self, secret: bytes, purpose: str = "csrf") -> None:
        self._secret = secret
        self._prefix = purpose.encode() + b":"

    def issue(self) -> tuple[str, str]:
        """Return a fresh (cookie value, form token) pair."""
        cookie = secrets.token_urlsafe(32)
        return cookie, self._sign(cookie)

    @staticmethod
    def plausible(cookie: str) -> bool:
        """Tell whether a cookie value looks like one `issue` made (to reuse it across tabs)."""
        return len(cookie) == 43 and _URL_SAFE.issuperset(cookie)

    def form_token(self, cookie: str) -> str:
        """Return the form token that goes with an existing cookie value."""
        return self._sign(cookie)

    def check(self, cookie: str | None, token: str | None) -> bool:
        """Tell whether the posted token matches the cookie, in constant time."""
        if not cookie or not token or not self.plausible(cookie):
            return False
        return hmac.compare_digest(self._sign(cookie), token)

    def _sign(self, cookie: str) -> str:
        return hmac.new(self._secret, self._prefix + cookie.encode(), hashlib.sha256).hexdigest()


def login_page(
    *,
    action: str,
    client_name: str,
    params: Pairs,
    csrf_token: str,
    login: str = "",
    error: str | None = None,
) -> str:
    """Render the sign-in form that posts the authorization request back with credentials."""
    hidden = "\n".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in params
        if name not in LOGIN_FIELDS
    )
    alert = f'<p class="error" role="alert" id="login-error">{escape(error)}</p>' if error else ""
    described = ' aria-describedby="login-error"' if error else ""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 · 通办 (Sign in · Tongban)</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>登录通办 <span class="en" lang="en">Sign in to Tongban</span></h1>
<p>“{escape(client_name)}”请求使用您的通办账户。
<span class="en" lang="en">“{escape(client_name)}” asks to use your Tongban account.</span></p>
{alert}
<form method="post" action="{escape(action)}" novalidate>
{hidden}
<input type="hidden" name="{CSRF_FIELD}" value="{escape(csrf_token)}">
<label for="login">账号（公民身份号码或工作账号）
<span class="en" lang="en">Account (citizen ID number or staff login)</span></label>
<input id="login" name="login" type="text" autocomplete="username" required
 maxlength="64" autofocus value="{escape(login)}"{described}>
<label for="password">密码 <span class="en" lang="en">Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password"
 required maxlength="1024"{described}>
<div class="actions">
<button type="submit" name="action" value="login">登录 <span lang="en">Sign in</span></button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>
取消 <span lang="en">Cancel</span></button>
</div>
</form>
</main>
</body>
</html>
"""


def error_page(error: str, description: str) -> str:
    """Render an authorization error that cannot be sent back to the client."""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>无法登录 · 通办 (Cannot sign in · Tongban)</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>无法继续登录 <span class="en" lang="en">Cannot continue signing in</span></h1>
<p class="error" role="alert">请求无效，请返回原网站重试。
<span class="en" lang="en">The request is not valid; go back to the site and try again.</span></p>
<p><code>{escape(error)}</code>: <span lang="en">{escape(description)}</span></p>
</main>
</body>
</html>
"""
