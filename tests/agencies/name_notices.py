"""The tests of recording the police's name-change announcements, shared by every agency.

Tax, social security and civil affairs expose the same mutation (subgraph/execution/
name_change.py) under their own name; each agency's test_mutations.py runs these tests on
it, with a conftest.py serving the agency as the `notices` fixture and its mutation's name
as the `notice_field` fixture.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from importlib import import_module
from typing import Any

import pytest
from sqlalchemy import select

from tests.agencies.execution import APPLICATION, Execution, WritableAgency, hall, outsiders
from tests.conftest import AS_OF
from tests.population import scenario

RENAMED = scenario("adult_21_mixed").roles["child"]
NEW_NAME = "朱明轩"
UNKNOWN_MAN = "350424199001019971"  # well-formed, registered nowhere
OUTSIDERS = ["staff", "staff handling the application", "citizen", "auditor"]

DOCUMENT = """
mutation($application: String!, $id: String!, $name: String!, $on: Date!) {
  FIELD(application: $application, idNumber: $id, newName: $name, effectiveOn: $on) {
    replayed
    error { code message }
    notice { application idNumber newName effectiveOn }
  }
}
"""


def stored_notices(agency: str) -> Callable[[WritableAgency], Awaitable[tuple[Any, ...]]]:
    """What `agency` stored of name-change notices: (application, person, new name, day)."""
    model = import_module(f"agencies.{agency}.models").NameChangeNotice

    async def state(notices: WritableAgency) -> tuple[Any, ...]:
        rows = await notices.rows(select(model).order_by(model.id))
        return tuple((r.application, r.person_id, r.new_name, r.effective_on) for r in rows)

    return state


def announcement(agency: str, field: str, person: str = RENAMED) -> Execution:
    """The announcement of RENAMED's new name to `agency`, through its mutation `field`."""
    return Execution(
        field=field,
        document=DOCUMENT.replace("FIELD", field),
        variables={"application": APPLICATION, "id": person, "name": NEW_NAME, "on": "2026-11-01"},
        other_arguments={"name": "朱明宇"},
        answer={
            "replayed": False,
            "error": None,
            "notice": {
                "application": APPLICATION,
                "idNumber": person,
                "newName": NEW_NAME,
                "effectiveOn": "2026-11-01",
            },
        },
        state=stored_notices(agency),
        before=(),
        after=((APPLICATION, person, NEW_NAME, AS_OF),),
        subject=person,
        line=3,
    )


def announce_fixture(agency: str, field: str) -> Any:
    """The `announce` fixture of an agency: builds its announcement about a person."""

    @pytest.fixture(name="announce")
    def announce() -> Callable[..., Execution]:
        def build(person: str = RENAMED) -> Execution:
            return announcement(agency, field, person)

        return build

    return announce


async def test_a_notice_is_recorded_once_per_application(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given no notice yet, when the hall's system announces a person's new name
    announced = announce()
    assert await announced.state(notices) == announced.before
    answer = await notices.post(announced.document, announced.variables, actor=hall())
    # then the notice is stored, stamped with the application, and answered
    assert answer == announced.applied(replayed=False)
    assert await announced.state(notices) == announced.after


async def test_a_repeated_notice_is_a_replay(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given a recorded notice, when the hall sends it again
    announced = announce()
    await notices.post(announced.document, announced.variables, actor=hall())
    again = await notices.post(announced.document, announced.variables, actor=hall())
    # then the same notice is answered as a replay, and stored once
    assert again == announced.applied(replayed=True)
    assert await announced.state(notices) == announced.after


async def test_the_same_application_with_another_name_is_a_conflict(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given a recorded notice, when the same application comes with another name
    announced = announce()
    await notices.post(announced.document, announced.variables, actor=hall())
    other = {**announced.variables, **announced.other_arguments}
    answer = await notices.post(announced.document, other, actor=hall())
    # then it is a typed conflict, and the first notice stands alone
    assert answer == announced.failed(
        "CONFLICT", f"application {APPLICATION} was already executed with other arguments"
    )
    assert await announced.state(notices) == announced.after


async def test_two_concurrent_notices_are_recorded_once(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given nothing recorded, when the hall sends the notice twice at the same time
    announced = announce()
    answers = await notices.post_together(
        announced.document, [announced.variables, announced.variables], actor=hall()
    )
    # then one records it and the other answers it as a replay
    replays = sorted(answers, key=lambda answer: answer["data"][announced.field]["replayed"])
    assert replays == [announced.applied(replayed=False), announced.applied(replayed=True)]
    assert await announced.state(notices) == announced.after


@pytest.mark.parametrize("who", OUTSIDERS)
async def test_only_the_halls_system_may_record_a_notice(
    notices: WritableAgency, announce: Callable[..., Execution], who: str
) -> None:
    # given the agency's staff (on a case, or handling the application), the person renamed,
    # and an auditor
    announced = announce()
    actor = outsiders(notices.name, announced.subject)[who]
    # when they send the notice, then the kit refuses it and nothing is stored
    answer = await notices.post(announced.document, announced.variables, actor=actor)
    assert answer == announced.refused(
        "FORBIDDEN", f"not allowed to write Person ({announced.field})"
    )
    assert await announced.state(notices) == announced.before


async def test_the_hall_records_only_the_application_it_declared(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given the hall's system declaring another application, when it sends this one
    announced = announce()
    other_case = dataclasses.replace(hall(), case="YW-2026-000999")
    answer = await notices.post(announced.document, announced.variables, actor=other_case)
    # then it is refused, and nothing is stored
    assert answer == announced.refused(
        "FORBIDDEN", f"not allowed to write Person ({announced.field})"
    )
    assert await announced.state(notices) == announced.before


async def test_a_notice_about_a_person_without_records_here_is_still_recorded(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given a person the agency holds no record of (the police announces to every agency)
    announced = announce(UNKNOWN_MAN)
    # when the hall announces their new name, then the agency keeps the notice
    answer = await notices.post(announced.document, announced.variables, actor=hall())
    assert answer == announced.applied(replayed=False)
    assert await announced.state(notices) == announced.after


NAME_ERRORS = {
    "empty": ({"name": ""}, "`newName` is empty"),
    "oversized": ({"name": "朱" * 41}, "`newName` is longer than 40 characters"),
    "digits": ({"name": "朱明3"}, "`newName` may hold only letters, and · between them"),
    "injection": (
        {"name": "x'); DROP TABLE name_change_notice;--"},
        "`newName` may hold only letters, and · between them",
    ),
    "future day": ({"on": "2099-01-01"}, "`effectiveOn` 2099-01-01 is in the future"),
    "day before birth": (
        {"on": "2000-01-01"},
        "`effectiveOn` 2000-01-01 is before the person's birth",
    ),
}


@pytest.mark.parametrize(("arguments", "message"), NAME_ERRORS.values(), ids=list(NAME_ERRORS))
async def test_a_malformed_notice_is_a_typed_error(
    notices: WritableAgency,
    announce: Callable[..., Execution],
    arguments: dict[str, Any],
    message: str,
) -> None:
    # given the hall's system, when it sends a notice with a malformed name or an impossible day
    announced = announce()
    answer = await notices.post(
        announced.document, {**announced.variables, **arguments}, actor=hall()
    )
    # then the payload says what was wrong, and nothing is stored
    assert answer == announced.failed("INVALID", message)
    assert await announced.state(notices) == announced.before


@pytest.mark.parametrize("id_number", ["12345", "350424200509220010", "3" * 10_000])
async def test_a_malformed_id_number_is_refused_before_anything_runs(
    notices: WritableAgency, announce: Callable[..., Execution], id_number: str
) -> None:
    # given an ID number of the wrong shape, with a wrong check digit, or of hostile length
    announced = announce()
    answer = await notices.post(
        announced.document, {**announced.variables, "id": id_number}, actor=hall()
    )
    # then the kit refuses it before authorizing or running anything
    assert answer == announced.refused(
        "BAD_USER_INPUT", "`idNumber` is not a valid 18-character citizen ID number"
    )
    assert await announced.state(notices) == announced.before


async def test_an_impossible_date_is_refused_by_graphql(
    notices: WritableAgency, announce: Callable[..., Execution]
) -> None:
    # given a day that does not exist, when the hall's system sends it
    announced = announce()
    answer = await notices.post(
        announced.document, {**announced.variables, "on": "2026-02-30"}, actor=hall()
    )
    # then GraphQL refuses the operation, and nothing is stored
    column = announced.document.split("\n")[1].find("$on:") + 1
    assert answer == {
        "data": None,
        "errors": [
            {
                "message": "Variable '$on' has invalid value: Value cannot represent a Date: "
                '"2026-02-30". day is out of range for month',
                "locations": [{"line": 2, "column": column}],
            }
        ],
    }
    assert await announced.state(notices) == announced.before
