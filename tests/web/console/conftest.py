"""The console's fixtures: one platform per test module, with staff reads in a known window.

Each module's platform starts with an empty log; before any auditor looks, staff read data
through the gateway with their own tokens (as `tongban token` mints them):

- police.sanming.officer reads three people for household administration (3 allowed entries),
  then one of them five times for statistics, which police staff may not (5 refused entries:
  a REPEATED_DENIALS alert);
- civil_affairs.sanming.officer reads two marriages (2 allowed entries, two subjects each).

The window `since`..`until` (Beijing time, to the second) holds exactly these 10 entries: it
ends after a pause, so the auditors' own reads of the log fall after it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import httpx
import pytest
import pytest_asyncio

from agencies.population import PopulationSpec, generate
from identity.development import development_token
from tests.web.browser import ORIGIN, Browser, browser, web_platform
from web.console.times import BEIJING

AUDITOR = "audit.sanming.auditor"
POLICE = "police.sanming.officer"
CIVIL = "civil_affairs.sanming.officer"
PERSON = "query($id: String!) { person(idNumber: $id) { name } }"
MARRIAGE = "query($n: String!) { marriage(number: $n) { registeredOn } }"


@dataclass(frozen=True)
class Scene:
    """The platform, who was read, and the window of the staff's reads (Beijing, to the second)."""

    app: Any
    people: tuple[str, ...]  # read by the police officer; the first one also refused 5 times
    marriages: tuple[str, ...]  # read by the civil-affairs officer
    spouses: tuple[tuple[str, str], ...]  # of each marriage, sorted
    since: str
    until: str

    def window(self) -> dict[str, str]:
        """The window as the console's forms take it."""
        return {"since": self.since, "until": self.until}


async def read_as(
    app: Any,
    login: str,
    document: str,
    variables: dict[str, Any],
    *,
    purpose: str = "HOUSEHOLD_ADMINISTRATION",
) -> None:
    """Send one operation to the gateway as a demo account, declaring `purpose`."""
    token = await development_token(app.state.identity_settings, app.state.identity_database, login)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=ORIGIN) as client:
        answer = await client.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={"authorization": f"Bearer {token}", "tongban-purpose": purpose},
        )
    assert answer.status_code == 200, answer.text


def beijing(moment: datetime) -> str:
    return moment.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M:%S")


@pytest_asyncio.fixture(scope="module")
async def scene(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Scene]:
    """The platform of the module, with the staff's reads in the window."""
    units = list(generate(PopulationSpec(people=100)))
    people = tuple(p.id_number for u in units for p in u.persons if p.registered)[:3]
    read = [m for u in units for m in u.marriages][:2]
    marriages = tuple(m.number for m in read)
    spouses = tuple((min(m.husband_id, m.wife_id), max(m.husband_id, m.wife_id)) for m in read)
    async with web_platform(tmp_path_factory.mktemp("console"), demo_people=100) as app:
        start = datetime.now(UTC).replace(microsecond=0)
        for person in people:
            await read_as(app, POLICE, PERSON, {"id": person})
        for _ in range(5):
            await read_as(app, POLICE, PERSON, {"id": people[0]}, purpose="STATISTICS")
        for number in marriages:
            await read_as(app, CIVIL, MARRIAGE, {"n": number})
        now = datetime.now(UTC)
        end = now.replace(microsecond=0) + timedelta(seconds=1)
        await anyio.sleep((end - now).total_seconds())
        yield Scene(app, people, marriages, spouses, beijing(start), beijing(end))


@contextlib.asynccontextmanager
async def signed_in(app: Any, login: str = AUDITOR) -> AsyncIterator[Browser]:
    """A browser signed in as `login` (the auditor by default)."""
    async with browser(app) as visitor:
        await visitor.sign_in(login)
        yield visitor
