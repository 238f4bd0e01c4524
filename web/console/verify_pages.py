"""Verifying the log's chain with one button: POST runs it, the GET page after shows the result.

The result travels to the GET page sealed (encrypted and authenticated with the web's secret,
for this purpose only, for ten minutes, for the auditor who asked), so a link cannot show a
forged "intact".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from web.console.problems import AUDITOR_WORDS
from web.console.queries import AUDIT_PURPOSE, VERIFY
from web.kit import Visit
from web.times import when

RESULT_TTL = 600


async def verify_chain(visit: Visit) -> Response:
    """Run `verifyAuditLog`, then show its result on the GET page (post/redirect/get)."""
    result = await visit.query(VERIFY, purpose=AUDIT_PURPOSE)
    status = result.data.get("verifyAuditLog") or {}
    problem = AUDITOR_WORDS.of(result, "verifyAuditLog")
    if problem is None and status.get("ok") is None:
        problem = AUDITOR_WORDS.problem("")
    if problem is not None:
        return visit.render("console/verify.html", status=problem.status, problem=problem)
    assert visit.user is not None
    report = {
        "by": visit.user.login,
        "at": datetime.now(UTC).isoformat(),
        "ok": bool(status["ok"]),
        "checked": int(status.get("entriesChecked") or 0),
        "bad": status.get("firstBadSeq"),
        "reason": status.get("reason"),
    }
    sealed = visit.web.sealer("console-verify").seal(report, ttl=RESULT_TTL)
    return visit.redirect("/audit/verify?" + urlencode({"result": sealed}))


async def verification(visit: Visit) -> Response:
    """Show the result of the last verification (or the button alone)."""
    sealed = visit.request.query_params.get("result")
    report = visit.web.sealer("console-verify").open(sealed) if sealed else None
    if report is not None and visit.user is not None and report.get("by") != visit.user.login:
        report = None
    context: dict[str, Any] = {"report": report, "expired": bool(sealed) and report is None}
    if report is not None:
        context["verified_at"] = when(str(report.get("at")), seconds=True)
    return visit.render("console/verify.html", **context)
