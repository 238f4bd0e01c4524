"""The sign-out pages (Chinese with English): confirm, signed out, and a request that failed."""

from __future__ import annotations

from html import escape

from identity.adapter import Pairs
from identity.login import CSRF_FIELD, STYLE


def _page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


def confirm_page(
    *,
    action: str,
    params: Pairs,
    csrf_token: str,
    client_name: str | None,
    error: str | None = None,
) -> str:
    """Render the form that asks the user to confirm signing out (POST with a CSRF token)."""
    hidden = "\n".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in params
    )
    alert = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    asker = (
        f"<p>“{escape(client_name)}”请求退出您的通办登录。"
        f'<span class="en" lang="en">“{escape(client_name)}” asks to sign you out of Tongban.'
        "</span></p>"
        if client_name
        else ""
    )
    return _page(
        "退出登录 · 通办 (Sign out · Tongban)",
        f"""<h1>退出通办登录？ <span class="en" lang="en">Sign out of Tongban?</span></h1>
{asker}
{alert}
<form method="post" action="{escape(action)}">
{hidden}
<input type="hidden" name="{CSRF_FIELD}" value="{escape(csrf_token)}">
<div class="actions">
<button type="submit">退出登录 <span lang="en">Sign out</span></button>
</div>
</form>""",
    )


def signed_out_page() -> str:
    """Render the page shown after signing out when there is nowhere to return to."""
    return _page(
        "已退出登录 · 通办 (Signed out · Tongban)",
        """<h1>您已退出登录 <span class="en" lang="en">You have signed out</span></h1>
<p>您在通办的登录已结束，可以关闭此页面。
<span class="en" lang="en">Your Tongban session has ended; you may close this page.</span></p>""",
    )


def logout_error_page(description: str) -> str:
    """Render a sign-out request that is not valid (nothing was signed out)."""
    return _page(
        "无法退出登录 · 通办 (Cannot sign out · Tongban)",
        f"""<h1>无法退出登录 <span class="en" lang="en">Cannot sign out</span></h1>
<p class="error" role="alert">退出请求无效，您的登录状态未改变。
<span class="en" lang="en">The sign-out request is not valid; nothing was changed.</span></p>
<p><span lang="en">{escape(description)}</span></p>""",
    )
