"""One alert opened: the alert as the window shows it now, and the log entries behind it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from web.console.alert_pages import AlertRow, alert_row
from web.console.entries import EntryRow, entry_rows
from web.console.filters import Reading, Window
from web.console.labels import ALERT_KINDS
from web.console.problems import AUDITOR_WORDS
from web.console.queries import ACCESS_LOG, ALERTS, AUDIT_PURPOSE, SCAN_PAGE_SIZE
from web.i18n import N_
from web.kit import Visit
from web.problems import Problem

FIELDS = ("kind", "actor", "firstSeq", "lastSeq", "since", "until")
MAX_SEQ = 10**15
MAX_PAGES = 10  # entries scanned: at most this many pages of the actor's window
MAX_SHOWN = 200
# The entries that make an alert of these kinds, among the actor's (the others: all of them).
NARROWING = {"REPEATED_DENIALS": {"decision": "DENY"}, "NO_CASE": {"purpose": "CASE_INVESTIGATION"}}
BAD_SEQ = N_("Use a whole number from 1.")
BAD_RANGE = N_("The last entry must not come before the first.")


def read_seqs(reading: Reading) -> tuple[int, int] | None:
    """`firstSeq` and `lastSeq`: whole numbers from 1, the first not after the last."""
    seqs = []
    for name in ("firstSeq", "lastSeq"):
        text = reading.text(name)
        if text is None:
            reading.refuse(name, N_("Required."))
        elif not (
            len(text) <= 16 and text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_SEQ
        ):
            reading.refuse(name, BAD_SEQ)
        else:
            seqs.append(int(text))
    if len(seqs) < 2:
        return None
    if seqs[0] > seqs[1]:
        reading.refuse("lastSeq", BAD_RANGE)
        return None
    return seqs[0], seqs[1]


async def open_alert(visit: Visit) -> Response:
    """Show an alert and the actor's entries between its first and last entry in the window."""
    reading = Reading.of(visit.request.query_params, FIELDS)
    if not any(reading.values.values()):
        # A link that lost its alert (the language switch keeps only `lang`): the list.
        return visit.redirect("/audit/alerts")
    kind = reading.choice("kind", ALERT_KINDS)
    if kind is None and "kind" not in reading.problems:
        reading.refuse("kind", N_("Required."))
    actor = reading.actor()
    if actor is None and "actor" not in reading.problems:
        reading.refuse("actor", N_("Required."))
    seqs = read_seqs(reading)
    window = reading.window(required=True)
    if reading.problems or kind is None or actor is None or seqs is None or window is None:
        return visit.render("console/alert.html", status=400, problems=reading.problems)
    alerts = await visit.query(ALERTS, window.variables(), purpose=AUDIT_PURPOSE)
    found = [
        row
        for item in alerts.data.get("auditAlerts") or ()
        if (row := alert_row(item, reading, visit.language)).kind == kind and row.actor == actor
    ]
    entries, scan_problem, complete = await _entries(visit, kind, actor, seqs, window)
    problem = AUDITOR_WORDS.of(alerts, "auditAlerts") or scan_problem
    return visit.render(
        "console/alert.html",
        status=problem.status if problem else 200,
        problems={},
        problem=problem,
        alert=found[0] if found else None,
        asked=_asked(reading, kind, actor, seqs, visit.language),
        entries=entries,
        complete=complete,
        back="/audit/alerts?" + _window_query(reading),
    )


async def _entries(
    visit: Visit, kind: str, actor: str, seqs: tuple[int, int], window: Window
) -> tuple[list[EntryRow], Problem | None, bool]:
    """The actor's entries numbered `seqs[0]`..`seqs[1]` in the window, newest first."""
    first, last = seqs
    variables: dict[str, Any] = {
        **window.variables(),
        **NARROWING.get(kind, {}),
        "actor": actor,
        "first": SCAN_PAGE_SIZE,
        "after": None,
    }
    kept: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        result = await visit.query(ACCESS_LOG, variables, purpose=AUDIT_PURPOSE)
        problem = AUDITOR_WORDS.of(result, "accessLog")
        page = result.data.get("accessLog") or {}
        items = page.get("items") or []
        kept += [item for item in items if first <= int(item.get("seq") or 0) <= last]
        info = page.get("pageInfo") or {}
        done = not info.get("hasNextPage") or any(int(i.get("seq") or 0) < first for i in items)
        if problem is not None or done or len(kept) >= MAX_SHOWN:
            return entry_rows(kept[:MAX_SHOWN], visit.language), problem, done
        variables["after"] = info.get("endCursor")
    return entry_rows(kept[:MAX_SHOWN], visit.language), None, False


def _asked(
    reading: Reading, kind: str, actor: str, seqs: tuple[int, int], language: str
) -> AlertRow:
    """The alert as the link describes it (shown when the window no longer raises it)."""
    item = {"kind": kind, "actor": actor, "firstSeq": seqs[0], "lastSeq": seqs[1]}
    return alert_row(item, reading, language)


def _window_query(reading: Reading) -> str:
    return urlencode({"since": reading.values["since"], "until": reading.values["until"]})
