"""Reading request parameters with limits: size, count, encoding, and no NUL characters."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

from identity.adapter import Pairs

MAX_FIELDS = 40
FORM_TYPE = "application/x-www-form-urlencoded"


class FormError(Exception):
    """Request parameters that cannot be read; carries the HTTP status to answer with."""

    def __init__(self, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.description = description
        self.status = status


async def read_form(request: Request, *, max_bytes: int) -> Pairs:
    """Read an `application/x-www-form-urlencoded` body of at most `max_bytes`."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != FORM_TYPE:
        raise FormError(f"The body must be {FORM_TYPE}.")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise FormError("Invalid Content-Length.")
        if int(declared) > max_bytes:
            raise FormError("The request body is too large.", status=413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise FormError("The request body is too large.", status=413)
    return parse_pairs(bytes(body))


def read_query(request: Request, *, max_bytes: int) -> Pairs:
    """Read the query string, with the same limits as a form body."""
    raw = request.scope.get("query_string", b"")
    if len(raw) > max_bytes:
        raise FormError("The query string is too long.", status=414)
    return parse_pairs(raw)


def parse_pairs(raw: bytes) -> Pairs:
    """Decode URL-encoded parameters strictly as UTF-8; refuse NULs and too many fields."""
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise FormError("The parameters are not valid UTF-8.") from None
    except ValueError:
        raise FormError("Too many parameters.") from None
    for name, value in pairs:
        if "\x00" in name or "\x00" in value:
            raise FormError("The parameters contain a NUL character.")
    return pairs


def duplicated(pairs: Pairs) -> list[str]:
    """Return the names that occur more than once (RFC 6749 §3.2 forbids it)."""
    seen: set[str] = set()
    twice: list[str] = []
    for name, _ in pairs:
        if name in seen and name not in twice:
            twice.append(name)
        seen.add(name)
    return twice


# RFC 6749 Appendix A: these parameters are printable ASCII. Stricter still, they may
# not hold `"` or `\` either (none of ours can): authlib quotes some of them in error
# descriptions, which must not contain those characters.
PROTOCOL_PARAMETERS = frozenset(
    {
        "response_type",
        "redirect_uri",
        "client_id",
        "grant_type",
        "scope",
        "code",
        "code_challenge",
        "code_challenge_method",
        "code_verifier",
        "refresh_token",
        "client_assertion",
        "client_assertion_type",
        "token",
        "token_type_hint",
        "id_token_hint",
        "post_logout_redirect_uri",
    }
)
_SAFE = frozenset(chr(c) for c in range(0x20, 0x7F)) - {'"', "\\"}


def malformed_protocol_parameter(pairs: Pairs) -> str | None:
    """Return the name of an OAuth parameter with characters it may not hold, if any."""
    for name, value in pairs:
        if name in PROTOCOL_PARAMETERS and not _SAFE.issuperset(value):
            return name
    return None
