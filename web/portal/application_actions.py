"""What a citizen does about an application: pay its fee, rate it, ask about it, flag it."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from web.citizen_operations import (
    CITIZEN_ASK_ABOUT_APPLICATION,
    CITIZEN_FLAG_APPLICATION,
    CITIZEN_PAY_FEE,
    CITIZEN_RATE_APPLICATION,
)
from web.kit import Visit
from web.portal.application import STARS, application_page, number_of
from web.portal.checks import FormState, check_choice, check_text, clean
from web.portal.labels import FLAG_KINDS
from web.portal.problems import CITIZEN_WORDS

COMMENT_LENGTH = 500
QUESTION_LENGTH = 1000
NOTE_LENGTH = 500


async def _send(
    visit: Visit, number: str, form: str, state: FormState, document: str, variables: Any
) -> Response:
    """Send a checked form's operation; back to the page with ?done=, or the problem (400)."""
    if not state.ok:
        return await application_page(visit, number, status=400, **{form: state})
    result = await visit.query(document, variables)
    if result.errors or not any(result.data.values()):
        state.problem = CITIZEN_WORDS.refusal(result)
        return await application_page(visit, number, status=400, **{form: state})
    done = {"pay": "paid", "rate": "rated", "ask": "asked", "flag": "flagged"}[form]
    return visit.redirect(f"/me/applications/{number}?done={done}")


async def pay(visit: Visit) -> Response:
    """Pay the application's fee (paying twice charges once)."""
    number = number_of(visit)
    if number is None:
        return await application_page(visit, None)
    return await _send(visit, number, "pay", FormState(), CITIZEN_PAY_FEE, {"number": number})


async def rate(visit: Visit) -> Response:
    """Rate a delivered or closed application: 1 to 5 stars and an optional comment."""
    number, form, state = number_of(visit), visit.form, FormState()
    if number is None:
        return await application_page(visit, None)
    state.check("stars", form.get("stars"), check_choice(form.get("stars"), STARS))
    comment = form.get("comment")
    state.check("comment", comment, check_text(comment, required=False, max_length=COMMENT_LENGTH))
    variables = {
        "number": number,
        "stars": int(state.values["stars"]) if state.ok else 0,
        "comment": clean(comment) or None,
    }
    return await _send(visit, number, "rate", state, CITIZEN_RATE_APPLICATION, variables)


async def ask(visit: Visit) -> Response:
    """Ask the unit handling the application a question."""
    number, text, state = number_of(visit), visit.form.get("text"), FormState()
    if number is None:
        return await application_page(visit, None)
    problem = check_text(text, required=True, max_length=QUESTION_LENGTH, multiline=True)
    state.check("text", text, problem)
    variables = {"number": number, "text": clean(text)}
    return await _send(visit, number, "ask", state, CITIZEN_ASK_ABOUT_APPLICATION, variables)


async def flag(visit: Visit) -> Response:
    """Flag a problem with the application, of one kind, with an optional note."""
    number, form, state = number_of(visit), visit.form, FormState()
    if number is None:
        return await application_page(visit, None)
    kind, note = form.get("kind"), form.get("note")
    state.check("kind", kind, check_choice(kind, FLAG_KINDS))
    state.check("note", note, check_text(note, required=False, max_length=NOTE_LENGTH))
    variables = {"number": number, "kind": kind, "note": clean(note) or None}
    return await _send(visit, number, "flag", state, CITIZEN_FLAG_APPLICATION, variables)
