"""One application of the citizen's: progress, verification, notices, fee, delivery, and the
forms acting on it (pay, rate, ask, flag)."""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import Response

from web.citizen_operations import (
    CITIZEN_APPLICATION,
    CITIZEN_DELIVERY,
    CITIZEN_FEE_ORDER,
    CITIZEN_FLAGS,
)
from web.i18n import N_
from web.kit import Visit
from web.portal.checks import FormState
from web.portal.labels import FLAG_KINDS, RATEABLE_STATES
from web.portal.problems import refused
from web.portal.shared import not_found, render

NUMBER = re.compile(r"[A-Z]{2}[0-9A-Z]{8,32}")
DONE = {
    "submitted": N_("Your application was submitted. The accepting unit has it now."),
    "replayed": N_("This application was submitted already; nothing was sent twice."),
    "paid": N_("The fee is paid. Your receipt is below."),
    "rated": N_("Thank you for rating the service."),
    "asked": N_("Your question was sent to the unit handling your application."),
    "flagged": N_("Your flag was sent to the agency's city bureau."),
}
STARS = ("1", "2", "3", "4", "5")


def number_of(visit: Visit) -> str | None:
    """The application number of the path, if it looks like one."""
    number = str(visit.request.path_params["number"])
    return number if NUMBER.fullmatch(number) else None


async def _flags(visit: Visit, number: str) -> list[Any]:
    result = await visit.query(CITIZEN_FLAGS, {"first": 100})
    page = result.data.get("supervisionFlags") or {}
    return [f for f in page.get("items") or [] if f.get("applicationNumber") == number]


async def application_page(
    visit: Visit, number: str | None, *, status: int = 200, **forms: FormState
) -> Response:
    """The application's page, with the given forms' input and problems (404 if not theirs)."""
    if number is None:
        return not_found(visit)
    result = await visit.query(CITIZEN_APPLICATION, {"number": number})
    if refused(result, "application", "state"):
        return not_found(visit)
    application: dict[str, Any] = result.data["application"]
    fee = await visit.query(CITIZEN_FEE_ORDER, {"applicationNumber": number})
    delivery = await visit.query(CITIZEN_DELIVERY, {"applicationNumber": number})
    done = DONE.get(visit.request.query_params.get("done", ""))
    return render(
        visit,
        "portal/application.html",
        status=status,
        application=application,
        rating=result.data.get("rating"),
        rateable=application.get("state") in RATEABLE_STATES,
        fee=fee.data.get("feeOrder"),
        delivery=delivery.data.get("delivery"),
        shipments=delivery.data.get("shipments") or [],
        flags=await _flags(visit, number),
        flag_kinds=list(FLAG_KINDS),
        stars=STARS,
        done=done,
        forms={name: forms.get(name) or FormState() for name in ("pay", "rate", "ask", "flag")},
    )


async def application(visit: Visit) -> Response:
    """One application of the citizen's (or a ward's), with what they may do about it."""
    return await application_page(visit, number_of(visit))
