"""The police's executions: applied once, replayed, conflicting, concurrent, refused."""

from __future__ import annotations

import dataclasses

import pytest

from authz.actor import Actor
from tests.agencies.execution import APPLICATION, Execution, WritableAgency, hall, outsiders
from tests.agencies.police.executions import (
    EFFECTIVE_ON,
    EXECUTIONS,
    NAME_CHANGE,
    NEW_NAME,
    RENAMED,
)
from tests.agencies.police.issuances import ISSUANCES
from tests.conftest import staff
from tests.population import persons

OUTSIDERS = ["staff", "staff handling the application", "citizen", "auditor"]
ALL_EXECUTIONS = EXECUTIONS + ISSUANCES


@pytest.mark.parametrize("execution", ALL_EXECUTIONS)
async def test_an_execution_applies_and_answers_the_change(
    police: WritableAgency, execution: Execution
) -> None:
    # given the records before the application is executed
    assert await execution.state(police) == execution.before
    # when the hall's system executes it
    answer = await police.post(execution.document, execution.variables, actor=hall())
    # then the answer holds the change and the person as registered now, and the records
    # hold exactly the change, stamped with the application
    assert answer == execution.applied(replayed=False)
    assert await execution.state(police) == execution.after


@pytest.mark.parametrize("execution", ALL_EXECUTIONS)
async def test_a_repeat_answers_the_same_as_a_replay_and_changes_nothing(
    police: WritableAgency, execution: Execution
) -> None:
    # given an application executed once
    await police.post(execution.document, execution.variables, actor=hall())
    # when the hall sends it again (say, after a crash before it recorded the answer)
    again = await police.post(execution.document, execution.variables, actor=hall())
    # then the answer is the same, marked replayed, and there is still one change
    assert again == execution.applied(replayed=True)
    assert await execution.state(police) == execution.after


@pytest.mark.parametrize("execution", ALL_EXECUTIONS)
async def test_the_same_application_with_other_arguments_is_a_conflict(
    police: WritableAgency, execution: Execution
) -> None:
    # given an application executed once
    await police.post(execution.document, execution.variables, actor=hall())
    # when the same application number comes with other arguments
    other = {**execution.variables, **execution.other_arguments}
    answer = await police.post(execution.document, other, actor=hall())
    # then it is a typed conflict, and the first change stands alone
    assert answer == execution.failed(
        "CONFLICT", f"application {APPLICATION} was already executed with other arguments"
    )
    assert await execution.state(police) == execution.after


@pytest.mark.parametrize("execution", ALL_EXECUTIONS)
async def test_two_concurrent_calls_apply_once(
    police: WritableAgency, execution: Execution
) -> None:
    # given nothing executed yet, when the hall sends the application twice at the same time
    answers = await police.post_together(
        execution.document, [execution.variables, execution.variables], actor=hall()
    )
    # then one applies and the other answers the same change as a replay; one change is stored
    replays = sorted(answers, key=lambda answer: answer["data"][execution.field]["replayed"])
    assert replays == [execution.applied(replayed=False), execution.applied(replayed=True)]
    assert await execution.state(police) == execution.after


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("execution", ALL_EXECUTIONS)
async def test_only_the_halls_system_may_execute(
    police: WritableAgency, execution: Execution, who: str
) -> None:
    # given the police's staff (on a case, or handling the application), the citizen the
    # change is about, and an auditor
    actor: Actor = outsiders("police", execution.subject)[who]
    # when they send the execution
    answer = await police.post(execution.document, execution.variables, actor=actor)
    # then the kit refuses it before it runs, and nothing is written
    assert answer == execution.refused(
        "FORBIDDEN", f"not allowed to write Person ({execution.field})"
    )
    assert await execution.state(police) == execution.before


@pytest.mark.parametrize("execution", ALL_EXECUTIONS)
async def test_the_hall_executes_only_the_application_it_declared(
    police: WritableAgency, execution: Execution
) -> None:
    # given the hall's system declaring another application as its case
    other_case = dataclasses.replace(hall(), case="YW-2026-000999")
    # when it sends this application
    answer = await police.post(execution.document, execution.variables, actor=other_case)
    # then it is refused, and nothing is written
    assert answer == execution.refused(
        "FORBIDDEN", f"not allowed to write Person ({execution.field})"
    )
    assert await execution.state(police) == execution.before


NAME_AND_HISTORY = """
query($id: String!) { person(idNumber: $id) { name nameHistory { oldName newName changedOn } } }
"""


async def test_the_name_history_is_sensitive(police: WritableAgency) -> None:
    # given a registered name change
    await police.post(NAME_CHANGE.document, NAME_CHANGE.variables, actor=hall())
    # when a clerk administering the register (no case) and the hall's system read the person
    clerk = staff("police", purpose="HOUSEHOLD_ADMINISTRATION", case=None)
    as_clerk = await police.post(NAME_AND_HISTORY, {"id": RENAMED}, actor=clerk)
    as_hall = await police.post(NAME_AND_HISTORY, {"id": RENAMED}, actor=hall())
    # then both read the new name, and only the hall (declaring a case) its history
    column = NAME_AND_HISTORY.split("\n")[1].find("nameHistory") + 1
    refused = {
        "message": "not allowed to read Person.nameHistory",
        "locations": [{"line": 2, "column": column}],
        "path": ["person", "nameHistory"],
        "extensions": {"code": "FORBIDDEN"},
    }
    history = [{"oldName": persons()[RENAMED].name, "newName": NEW_NAME, "changedOn": EFFECTIVE_ON}]
    assert (as_clerk, as_hall) == (
        {"data": {"person": {"name": NEW_NAME, "nameHistory": None}}, "errors": [refused]},
        {"data": {"person": {"name": NEW_NAME, "nameHistory": history}}},
    )
