"""What the portal's pages share: rendering with the formats, the 404 page, whom one acts for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.responses import Response

from web.citizen_operations import CITIZEN_SERVICES, CITIZEN_WARDS
from web.kit import Visit
from web.portal.present import Show
from web.times import beijing_today
from web.users import CITIZEN

CITIZENS = frozenset({CITIZEN})
ADULT_AGE = 18


@dataclass(frozen=True)
class Someone:
    """A person the citizen may act for: themself, or a minor in their care."""

    id_number: str
    name: str
    is_self: bool


def render(visit: Visit, template: str, status: int = 200, **context: Any) -> Response:
    """Render a portal template with the formats of the visit's language."""
    return visit.render(template, status=status, show=Show(visit.language), **context)


def not_found(visit: Visit) -> Response:
    """The 404 page."""
    return visit.error(
        404,
        visit._("Page not found"),
        visit._("There is nothing here. It may not exist, or it is not yours to see."),
    )


def catalogue_purpose(visit: Visit) -> str | None:
    """The purpose declared to read the catalogue: citizens declare none; officials, and the
    web's own client reading for visitors, declare the service they are about."""
    user = visit.user
    if user is not None and user.is_citizen:
        return None
    return "AUDIT" if user is not None and user.is_auditor else "SERVICE_APPLICATION"


async def services(visit: Visit) -> list[dict[str, Any]]:
    """The hall's catalogue (empty if it could not be read)."""
    result = await visit.query(CITIZEN_SERVICES, purpose=catalogue_purpose(visit))
    found = result.data.get("services")
    return [s for s in found if isinstance(s, dict)] if isinstance(found, list) else []


def age_on(birth: date, today: date) -> int:
    """Full years of age on a day."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def is_minor(birth_date: object, today: date) -> bool:
    """Whether someone born on an API date is under 18 on `today`."""
    try:
        born = date.fromisoformat(str(birth_date))
    except ValueError:
        return False
    return age_on(born, today) < ADULT_AGE


async def people_for(visit: Visit, *, minors: bool = True) -> list[Someone]:
    """The citizen, and (with `minors`) their children and wards under 18."""
    user = visit.user
    if user is None or user.id_number is None:
        return []
    people = [Someone(user.id_number, user.name, True)]
    if not minors:
        return people
    result = await visit.query(CITIZEN_WARDS, {"idNumber": user.id_number})
    person = result.data.get("person") or {}
    found = [*(person.get("children") or []), *(w.get("ward") for w in person.get("wards") or [])]
    today, seen = beijing_today(), {user.id_number}
    for child in found:
        if not isinstance(child, dict) or child.get("idNumber") in seen:
            continue
        if is_minor(child.get("birthDate"), today):
            seen.add(str(child["idNumber"]))
            people.append(Someone(str(child["idNumber"]), str(child.get("name") or ""), False))
    return people
