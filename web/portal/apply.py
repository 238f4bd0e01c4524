"""Applying for a service: for whom, the service's own fields, delivery; submitted once."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.responses import Response

from web.citizen_operations import CITIZEN_ETHNIC_GROUPS, CITIZEN_SUBMIT_APPLICATION
from web.kit import Visit
from web.portal.apply_form import PREFIX, Field, fields_of, read_details
from web.portal.catalogue import guide_of, split_materials
from web.portal.checks import FormState, check_choice, check_key
from web.portal.present import Show
from web.portal.problems import CITIZEN_WORDS, detail_problems
from web.portal.shared import Someone, not_found, people_for, render


def new_key() -> str:
    """A fresh idempotency key for one application form."""
    return secrets.token_urlsafe(18)


async def _people(visit: Visit, guide: dict[str, Any]) -> list[Someone]:
    # Oneself always (a parent registering a newborn applies as the subject), and the minors
    # in one's care when a parent or guardian may apply for them.
    minors = "PARENT_OR_GUARDIAN" in (guide.get("applicants") or [])
    return await people_for(visit, minors=minors)


async def _groups(visit: Visit, fields: list[Field]) -> list[Any]:
    if not any(field.value_type == "ETHNIC_GROUP" for field in fields):
        return []
    result = await visit.query(CITIZEN_ETHNIC_GROUPS)
    return list(result.data.get("ethnicGroups") or [])


async def _page(
    visit: Visit, guide: dict[str, Any], state: FormState, status: int = 200
) -> Response:
    fields = fields_of(guide)
    return render(
        visit,
        "portal/apply.html",
        status=status,
        guide=guide,
        fields=fields,
        people=await _people(visit, guide),
        groups=await _groups(visit, fields),
        fetched=split_materials(guide)[0],
        state=state,
        labels={
            "subject": visit._("For whom"),
            "delivery": visit._("How you receive the result"),
            **{field.name: Show(visit.language).name(field.spec) for field in fields},
        },
    )


async def apply_form(visit: Visit) -> Response:
    """The application form of a service, with a new idempotency key."""
    guide = await guide_of(visit, visit.request.path_params["code"])
    if guide is None:
        return not_found(visit)
    values = {"key": new_key()}
    people = await _people(visit, guide)
    if len(people) == 1:
        values["subject"] = people[0].id_number
    options = guide.get("deliveryOptions") or []
    if len(options) == 1:
        values["delivery"] = str(options[0]["method"])
    return await _page(visit, guide, FormState(values=values))


async def submit_application(visit: Visit) -> Response:
    """Check the form, submit it once (its key), and go to the new application."""
    guide = await guide_of(visit, visit.request.path_params["code"])
    if guide is None:
        return not_found(visit)
    form, state = visit.form, FormState()
    people = {someone.id_number for someone in await _people(visit, guide)}
    state.check("subject", form.get("subject"), check_choice(form.get("subject"), people))
    details = read_details(form, fields_of(guide), state)
    methods = {str(option["method"]) for option in guide.get("deliveryOptions") or []}
    state.check("delivery", form.get("delivery"), check_choice(form.get("delivery"), methods))
    key = form.get("key")
    state.values["key"] = key if check_key(key) else new_key()
    if not state.ok:
        return await _page(visit, guide, state, status=400)
    application = {
        "serviceCode": guide["code"],
        "subjectIdNumber": state.values["subject"],
        "details": details,
        "delivery": state.values["delivery"],
        "idempotencyKey": state.values["key"],
    }
    result = await visit.query(CITIZEN_SUBMIT_APPLICATION, {"application": application})
    submitted = result.data.get("submitApplication") or {}
    number = (submitted.get("application") or {}).get("number")
    if result.errors or not number:
        state.errors.update({PREFIX + k: p for k, p in detail_problems(result).items()})
        state.problem = CITIZEN_WORDS.refusal(result)
        state.values["key"] = new_key()
        return await _page(visit, guide, state, status=400)
    done = "replayed" if submitted.get("replayed") else "submitted"
    return visit.redirect(f"/me/applications/{number}?done={done}")
