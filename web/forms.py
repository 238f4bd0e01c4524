"""Reading posted forms: bounded size, url-encoded only, UTF-8, a bounded number of fields."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

from web.i18n import N_

MAX_FIELDS = 200


class FormRejected(Exception):
    """The body is not a form we accept; `status` and `message` say why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Form:
    """A posted form: the first value of each field, and every value on request."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def get(self, name: str, default: str = "") -> str:
        """The first value of a field, stripped of surrounding white space."""
        for key, value in self.pairs:
            if key == name:
                return value.strip()
        return default

    def getlist(self, name: str) -> list[str]:
        """Every value of a field."""
        return [value for key, value in self.pairs if key == name]

    def __contains__(self, name: object) -> bool:
        return any(key == name for key, _ in self.pairs)


async def read_form(request: Request, *, max_bytes: int) -> Form:
    """Read the request's url-encoded form, refusing oversized, foreign or undecodable bodies."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        raise FormRejected(415, N_("The form was not sent as a web form."))
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise FormRejected(413, N_("The form is too large."))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise FormRejected(413, N_("The form is too large."))
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError) as error:
        raise FormRejected(400, N_("The form could not be read.")) from error
    if any("\x00" in key or "\x00" in value for key, value in pairs):
        raise FormRejected(400, N_("The form could not be read."))
    return Form(pairs)
