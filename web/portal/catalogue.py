"""The service catalogue and each service's guide, open to every signed-in account."""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import Response

from web.citizen_operations import CITIZEN_SERVICE_GUIDE
from web.kit import Visit
from web.portal.shared import catalogue_purpose, not_found, render, services

CODE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")


async def guide_of(visit: Visit, code: str) -> dict[str, Any] | None:
    """One service's whole guide, or None when the code is unknown."""
    if not CODE.fullmatch(code):
        return None
    result = await visit.query(
        CITIZEN_SERVICE_GUIDE, {"code": code}, purpose=catalogue_purpose(visit)
    )
    guide = result.data.get("service")
    return guide if isinstance(guide, dict) else None


def split_materials(guide: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """The materials the platform fetches, and those the citizen provides."""
    materials = guide.get("materials") or []
    fetched = [m for m in materials if m.get("obtained") == "FETCHED"]
    return fetched, [m for m in materials if m.get("obtained") != "FETCHED"]


async def catalogue(visit: Visit) -> Response:
    """Every service of the hall, with its limits, fee and a link to its guide."""
    return render(visit, "portal/services.html", services=await services(visit))


async def guide(visit: Visit) -> Response:
    """One service's guide: who applies, materials fetched or provided, limits, fee, forms."""
    found = await guide_of(visit, visit.request.path_params["code"])
    if found is None:
        return not_found(visit)
    fetched, provided = split_materials(found)
    return render(visit, "portal/guide.html", guide=found, fetched=fetched, provided=provided)
