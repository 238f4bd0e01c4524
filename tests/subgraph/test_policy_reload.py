"""An edit of an agency's policies file takes effect in a running subgraph, without a restart."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

from tests.conftest import ClientFactory, Platform, staff
from tests.population import persons, scenario
from tongban.agencies import definition_of

CHILD = scenario("changed_once").roles["child"]
NAME = "query($id: String!) { person(idNumber: $id) { name } }"
GRANT = "p, STAFF@police, *, BASIC, HOUSEHOLD_ADMINISTRATION, REGION, allow\n"


async def test_a_policy_edit_takes_effect_without_restart(
    client: ClientFactory, platform: Platform, tmp_path: Path
) -> None:
    # given the police subgraph running on a copy of its policies, watched every 50 ms
    policies = tmp_path / "policies.csv"
    original = definition_of("police").policies
    assert original is not None
    policies.write_text(original.read_text("utf-8"), encoding="utf-8")
    assert GRANT in policies.read_text("utf-8")
    definition = dataclasses.replace(definition_of("police"), policies=policies)
    settings = dataclasses.replace(platform.settings("police"), policy_reload_seconds=0.05)
    clerk = staff("police", purpose="HOUSEHOLD_ADMINISTRATION", case=None)
    async with client("police", actor=clerk, definition=definition, settings=settings) as http:

        async def name() -> object:
            response = await http.post("/graphql", json={"query": NAME, "variables": {"id": CHILD}})
            return response.json()

        before = await name()
        # when the grant of basic fields for household administration is removed from the file
        policies.write_text(policies.read_text("utf-8").replace(GRANT, ""), encoding="utf-8")
        deadline = time.monotonic() + 10
        after = await name()
        while after == before and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            after = await name()
    # then the same request, once allowed, is now refused
    assert before == {"data": {"person": {"name": persons()[CHILD].name}}}
    assert after == {
        "data": {"person": {"name": None}},
        "errors": [
            {
                "message": "not allowed to read Person.name",
                "locations": [{"line": 1, "column": 47}],
                "path": ["person", "name"],
                "extensions": {"code": "FORBIDDEN"},
            }
        ],
    }
