"""Driving the platform around the workbench: citizens' applications, the worker, deadlines."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import update

from hall.models import Application
from hall.times import utc_now
from identity.development import development_token
from tests.hall.flow import APPLICATION, SHE, scenario
from tests.web.browser import ORIGIN, Browser, browser, hidden_fields
from tests.web.html import heading
from web.citizen_operations import CITIZEN_SUBMIT_APPLICATION

OFFICER = "ethnic_affairs.sanming.officer"
SUPERVISOR = "ethnic_affairs.sanming.supervisor"
AUDITOR = "audit.sanming.auditor"
FAMILY = scenario("remarried_minor")
MOTHER, CHILD = FAMILY.roles["mother"], FAMILY.roles["child"]
# Free texts the workbench refuses (answers, urgings), with the messages in Chinese and English.
TOO_LONG_OR_MARKUP = [
    ("x" * 10_000, "内容过长：最多2000字。", "This text is too long: at most 2,000 characters."),
    (
        "<script>alert(1)</script>",
        "请填写纯文本，不要使用 < 和 > 字符。",
        "Please write plain text, without the characters < and >.",
    ),
]


async def gateway(
    app: Any,
    login: str,
    document: str,
    variables: dict[str, Any] | None = None,
    *,
    purpose: str | None = "SERVICE_APPLICATION",
    case: str | None = None,
) -> dict[str, Any]:
    """Run an operation on the gateway as a demo account (the checks of the tests)."""
    token = await development_token(app.state.identity_settings, app.state.identity_database, login)
    headers = {"authorization": f"Bearer {token}"}
    if purpose is not None:
        headers["tongban-purpose"] = purpose
    if case is not None:
        headers["tongban-case"] = case
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as client:
        answer = await client.post(
            "/graphql", json={"query": document, "variables": variables or {}}, headers=headers
        )
    body: dict[str, Any] = answer.json()
    return body


async def submit_change(
    app: Any, citizen: str = MOTHER, subject: str = CHILD, service: str = "ETHNICITY_CHANGE_MINOR"
) -> str:
    """A citizen's ethnicity-change application to She, as the portal submits it; its number."""
    application = {
        "serviceCode": service,
        "subjectIdNumber": subject,
        "details": {"target_ethnic_group": SHE, "reason": "随母亲"},
        "delivery": "ELECTRONIC",
        "idempotencyKey": uuid.uuid4().hex,
    }
    body = await gateway(
        app, citizen, CITIZEN_SUBMIT_APPLICATION, {"application": application}, purpose=None
    )
    number: str = body["data"]["submitApplication"]["application"]["number"]
    return number


async def work(app: Any) -> None:
    """Run the hall worker's rounds until nothing is left to do."""
    for _ in range(10):
        if (await app.state.hall_worker.run_once()).jobs == 0:
            return
    raise AssertionError("the hall worker kept finding work")


async def make_overdue(app: Any, number: str) -> None:
    """Move an application's promised day to the day before its submission."""
    async with app.state.hall_worker.sessions() as session:
        application = await session.get(Application, number)
        assert application is not None
        yesterday = application.submitted_at.date() - timedelta(days=1)
        await session.execute(
            update(Application).where(Application.number == number).values(promised_on=yesterday)
        )
        await session.commit()


async def application_state(app: Any, number: str) -> dict[str, Any]:
    """The application as the gateway gives it to its accepting unit's officer."""
    body = await gateway(app, OFFICER, APPLICATION, {"number": number})
    found: dict[str, Any] = body["data"]["application"]
    return found


async def opened_by(app: Any, logins: tuple[str, ...], path: str) -> list[tuple[int, str]]:
    """What each account sees when it signs in and opens a page: the status and the heading."""
    seen = []
    for login in logins:
        async with browser(app) as person:
            await person.sign_in(login)
            page = await person.get(path)
            seen.append((page.status_code, heading(page.text)))
    return seen


async def post_form(
    person: Browser, page: str, action: str, fields: dict[str, str]
) -> httpx.Response:
    """Open a page and post its form with its hidden fields and `fields` over them."""
    opened = await person.get(page)
    return await person.post(action, {**hidden_fields(opened.text), **fields})


async def add_applications(
    app: Any, count: int, *, state: str = "ACCEPTED", unit: str = "MZ350400", first_day: int = 30
) -> list[tuple[str, str, str]]:
    """Store `count` applications of a unit directly in the hall, the later the higher their
    index; return each one's (promised day, legal day, number)."""
    added = []
    async with app.state.hall_worker.sessions() as session:
        for index in range(count):
            template = _synthetic(f"SQ20261201{uuid.uuid4().hex[:8].upper()}", state, unit)
            template.promised_on = template.submitted_at.date() + timedelta(days=first_day + index)
            template.legal_on = template.promised_on + timedelta(days=30 - index % 3)
            session.add(template)
            added.append(
                (template.promised_on.isoformat(), template.legal_on.isoformat(), template.number)
            )
        await session.commit()
    return added


def _synthetic(number: str, state: str, unit: str) -> Application:
    return Application(
        number=number,
        service_code="ETHNICITY_CHANGE_MINOR",
        applicant_id=MOTHER,
        subject_id=CHILD,
        idempotency_key=number,
        request_digest=number,
        details={"target_ethnic_group": SHE, "reason": "随母亲"},
        delivery="ELECTRONIC",
        state=state,
        version=2,
        agency="ethnic_affairs",
        unit_code=unit,
        region_code=CHILD[:6],
        submitted_at=utc_now(),
        promised_on=utc_now().date(),
        legal_on=utc_now().date(),
        deadlines_provisional=False,
    )


DEADLINES = "query Deadlines($n: String!) { application(number: $n) { promisedOn legalOn } }"


async def deadlines(app: Any, number: str) -> tuple[str, str, str]:
    """An application's promised and legal days, and its number: its place in the queue."""
    body = await gateway(app, OFFICER, DEADLINES, {"n": number})
    application = body["data"]["application"]
    return application["promisedOn"], application["legalOn"], number
