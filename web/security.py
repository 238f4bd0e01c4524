"""Security headers of every page, and the same-origin check of posted forms."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response


def content_security_policy(provider_origin: str) -> str:
    """A strict policy: our own scripts, styles and images only; forms go to us or the provider."""
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            f"form-action 'self' {provider_origin}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        )
    )


def apply_security_headers(response: Response, *, provider_origin: str, private: bool) -> None:
    """Set the CSP (unless the page set a stricter one of its own, as images do) and the other
    protective headers; private pages are never cached."""
    headers = response.headers
    headers.setdefault("content-security-policy", content_security_policy(provider_origin))
    headers["x-content-type-options"] = "nosniff"
    headers["referrer-policy"] = "same-origin"
    headers["x-frame-options"] = "DENY"
    headers["cross-origin-opener-policy"] = "same-origin"
    headers["permissions-policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    if private:
        headers["cache-control"] = "no-store"


def same_origin(request: Request, origin: str) -> bool:
    """A form post is ours when its Origin (or, lacking that, its Referer) is our origin."""
    sent = request.headers.get("origin")
    if sent is None or sent == "null":
        referer = request.headers.get("referer")
        if referer is None:
            return sent is None
        parts = urlsplit(referer)
        sent = f"{parts.scheme}://{parts.netloc}"
    return sent == origin
