"""Starlette ↔ authlib: requests as authlib's `OAuth2Request`, authlib's answers as responses.

Mirrors authlib's Flask integration (`FlaskOAuth2Request`): the payload is the query
string for GET and the form body for POST. The body is read (with limits) before the
request is built, since authlib reads it synchronously.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response

Pairs = list[tuple[str, str]]


class StarlettePayload(OAuth2Payload):  # type: ignore[misc]
    """Request parameters: the first value of each name, and all values."""

    def __init__(self, pairs: Pairs) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for name, value in pairs:
            self._datalist[name].append(value)
        self._data = {name: values[0] for name, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        """Return the first value of each parameter."""
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        """Return every value of each parameter."""
        return self._datalist


class StarletteOAuth2Request(OAuth2Request):  # type: ignore[misc]
    """An HTTP request as authlib's grants and endpoints read it, with its cookies."""

    def __init__(
        self,
        *,
        method: str,
        uri: str,
        headers: Headers,
        query: Pairs,
        form: Pairs,
        cookies: dict[str, str] | None = None,
    ) -> None:
        super().__init__(method=method, uri=uri, headers=headers)
        self._args = StarlettePayload(query).data
        self._form = StarlettePayload(form).data
        self.payload = StarlettePayload(form if method == "POST" else query)
        self.cookies = dict(cookies or {})

    @property
    def args(self) -> dict[str, str]:
        """Return the query parameters."""
        return self._args

    @property
    def form(self) -> dict[str, str]:
        """Return the form body parameters."""
        return self._form


def to_response(status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
    """Turn authlib's (status, body, headers) into a Starlette response."""
    names = {name.lower() for name, _ in headers}
    extra = [] if "cache-control" in names else [("Cache-Control", "no-store")]
    if isinstance(body, dict):
        response: Response = JSONResponse(body, status_code=status)
        for name, value in [*headers, *extra]:
            if name.lower() != "content-type":
                response.headers[name] = value
        return response
    return Response(body or b"", status_code=status, headers=dict([*headers, *extra]))


def oauth_error(
    error: str, description: str, status: int = 400, headers: dict[str, str] | None = None
) -> JSONResponse:
    """Return an RFC 6749 §5.2 error response."""
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers={"Cache-Control": "no-store", "Pragma": "no-cache", **(headers or {})},
    )
