"""The actor's attributes as namespaced JWT claims, and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from authz.actor import Actor, ActorKind
from authz.errors import ActorTokenError

NAMESPACE = "urn:tongban:"
KIND = NAMESPACE + "kind"
AGENCY = NAMESPACE + "agency"
UNIT = NAMESPACE + "unit"
ROLES = NAMESPACE + "roles"
REGION = NAMESPACE + "region"
PURPOSE = NAMESPACE + "purpose"
CASE = NAMESPACE + "case"
REQUEST_ID = NAMESPACE + "request_id"
GUARDIAN_OF = NAMESPACE + "guardian_of"

# Every actor claim is always present (null when unset), so a missing one means a foreign token.
OPTIONAL_TEXT = (AGENCY, UNIT, REGION, PURPOSE, CASE, REQUEST_ID)
LISTS = (ROLES, GUARDIAN_OF)
ACTOR_CLAIMS = (KIND, *OPTIONAL_TEXT, *LISTS)

MAX_TEXT = 255
MAX_ITEMS = 64


def actor_claims(actor: Actor) -> dict[str, Any]:
    """Return the namespaced claims describing an actor (its subject goes in `sub`)."""
    return {
        KIND: actor.kind.value,
        AGENCY: actor.agency,
        UNIT: actor.unit,
        ROLES: list(actor.roles),
        REGION: actor.region,
        PURPOSE: actor.purpose,
        CASE: actor.case,
        REQUEST_ID: actor.request_id,
        GUARDIAN_OF: list(actor.guardian_of),
    }


def actor_from_claims(subject: str, claims: Mapping[str, Any]) -> Actor:
    """Rebuild the actor from verified claims; raise ActorTokenError on a missing or bad one."""
    for name in ACTOR_CLAIMS:
        if name not in claims:
            raise ActorTokenError(f"missing claim: {name}")
    try:
        kind = ActorKind(claims[KIND])
    except ValueError:
        raise ActorTokenError(f"invalid claim: {KIND}") from None
    text = {name: _optional_text(claims, name) for name in OPTIONAL_TEXT}
    roles, guardian_of = (_text_list(claims, name) for name in LISTS)
    if guardian_of and kind is not ActorKind.CITIZEN:
        raise ActorTokenError(f"invalid claim: {GUARDIAN_OF}")
    return Actor(
        subject=subject,
        kind=kind,
        agency=text[AGENCY],
        unit=text[UNIT],
        roles=roles,
        region=text[REGION],
        purpose=text[PURPOSE],
        case=text[CASE],
        request_id=text[REQUEST_ID],
        guardian_of=guardian_of,
    )


def _optional_text(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims[name]
    if value is None:
        return None
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        raise ActorTokenError(f"invalid claim: {name}")
    return value


def _text_list(claims: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = claims[name]
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ActorTokenError(f"invalid claim: {name}")
    for item in value:
        if not isinstance(item, str) or not item or len(item) > MAX_TEXT:
            raise ActorTokenError(f"invalid claim: {name}")
    return tuple(value)
