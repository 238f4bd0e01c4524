"""The police's executions refuse malformed, hostile and impossible input, changing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agencies.execution import APPLICATION, Execution, WritableAgency, hall
from tests.agencies.police.executions import (
    CERTIFICATE,
    ETHNICITY_CHANGE,
    FATHER,
    HOUSEHOLD,
    NAME_CHANGE,
    NEWBORN_REGISTRATION,
    RENAMED,
    newborn_of,
)
from tests.population import persons, scenario

UNKNOWN_MAN = "350424199001019971"  # well-formed, registered nowhere
UNKNOWN_WOMAN = "35042419900101998X"
ID_REFUSED = "is not a valid 18-character citizen ID number"
HOSTILE = "<script>alert(1)</script>"


def typed(code: str, message: str) -> tuple[str, str]:
    """A typed payload error."""
    return (code, message)


def variable_error(document: str, variable: str, message: str) -> dict[str, Any]:
    """The answer when a variable does not even have its declared type."""
    for number, line in enumerate(document.split("\n"), start=1):
        column = line.find(f"${variable}:")
        if column >= 0:
            location = {"line": number, "column": column + 1}
            break
    return {"data": None, "errors": [{"message": message, "locations": [location]}]}


# (arguments replaced, typed error expected)
ETHNICITY_ERRORS = {
    "unknown person": (
        {"id": UNKNOWN_MAN},
        typed("NOT_FOUND", f"`idNumber` {UNKNOWN_MAN} is not a registered person"),
    ),
    "unknown ethnic group": (
        {"to": "57"},
        typed("INVALID", "`toCode` '57' is not a GB 3304 ethnic-group code"),
    ),
    "hostile ethnic group": (
        {"to": HOSTILE},
        typed("INVALID", "`toCode` '<script>alert(1)</sc…' is not a GB 3304 ethnic-group code"),
    ),
    "the ethnicity already registered": (
        {"to": "01"},
        typed("REJECTED", "the person's ethnicity is already 01"),
    ),
    "unknown basis": (
        {"basis": "UNCLE"},
        typed(
            "INVALID",
            "`basis` 'UNCLE' is not one of ADOPTIVE_PARENT, FATHER, MOTHER, STEP_PARENT",
        ),
    ),
    "oversized approval number": (
        {"approval": "MZ" * 17},
        typed("INVALID", "`approvalNumber` must be 1 to 32 characters"),
    ),
    "approval number with a line break": (
        {"approval": "MZ-1\nMZ-2"},
        typed("INVALID", "`approvalNumber` holds control characters or surrounding spaces"),
    ),
    "future day": (
        {"on": "2099-01-01"},
        typed("INVALID", "`effectiveOn` 2099-01-01 is in the future"),
    ),
    "day before birth": (
        {"on": "2000-01-01"},
        typed("INVALID", "`effectiveOn` 2000-01-01 is before the person's birth"),
    ),
}
NAME_ERRORS = {
    "unknown person": (
        {"id": UNKNOWN_MAN},
        typed("NOT_FOUND", f"`idNumber` {UNKNOWN_MAN} is not a registered person"),
    ),
    "empty name": ({"name": ""}, typed("INVALID", "`newName` is empty")),
    "oversized name": (
        {"name": "朱" * 41},
        typed("INVALID", "`newName` is longer than 40 characters"),
    ),
    "digits": (
        {"name": "朱明3"},
        typed("INVALID", "`newName` may hold only letters, and · between them"),
    ),
    "injection": (
        {"name": "x'); DROP TABLE person;--"},
        typed("INVALID", "`newName` may hold only letters, and · between them"),
    ),
    "trailing middle dot": (
        {"name": "阿依·"},
        typed("INVALID", "`newName` may hold only letters, and · between them"),
    ),
    "the registered name": (
        {"name": persons()[RENAMED].name},
        typed("REJECTED", "the new name is the person's registered name"),
    ),
    "future day": (
        {"on": "2099-01-01"},
        typed("INVALID", "`effectiveOn` 2099-01-01 is in the future"),
    ),
}
ELSEWHERE = scenario("birth_without_marriage")
NEWBORN_ERRORS = {
    "unknown household": (
        {"household": "35042499999999"},
        typed("NOT_FOUND", "`householdNumber` '35042499999999' is not a registered household"),
    ),
    "unknown mother": (
        {"mother": UNKNOWN_WOMAN},
        typed("NOT_FOUND", f"`motherId` {UNKNOWN_WOMAN} is not a registered person"),
    ),
    "a man as the mother": ({"mother": FATHER}, typed("REJECTED", "`motherId` is not a woman's")),
    "parents of another household": (
        {"father": ELSEWHERE.roles["father"], "mother": ELSEWHERE.roles["mother"]},
        typed("REJECTED", f"neither parent is registered in household {HOUSEHOLD}"),
    ),
    "neither parent's ethnicity": (
        {"ethnicity": "05"},
        typed("REJECTED", "`ethnicityCode` must be the father's or the mother's ethnicity"),
    ),
    "unknown ethnic group": (
        {"ethnicity": "00"},
        typed("INVALID", "`ethnicityCode` '00' is not a GB 3304 ethnic-group code"),
    ),
    "future birth date": (
        {"born": "2099-01-01"},
        typed("INVALID", "`birthDate` 2099-01-01 is in the future"),
    ),
    "oversized name": (
        {"name": "金" * 41},
        typed("INVALID", "`name` is longer than 40 characters"),
    ),
    "empty certificate number": (
        {"certificate": ""},
        typed("INVALID", "`birthCertificateNumber` must be 1 to 12 characters"),
    ),
}


def cases(
    execution: Execution, table: dict[str, tuple[dict[str, Any], tuple[str, str]]]
) -> list[Any]:
    """The table's rows as test parameters."""
    return [
        pytest.param(execution, arguments, error, id=f"{execution.field}-{name}")
        for name, (arguments, error) in table.items()
    ]


@pytest.mark.parametrize(
    ("execution", "arguments", "error"),
    cases(ETHNICITY_CHANGE, ETHNICITY_ERRORS)
    + cases(NAME_CHANGE, NAME_ERRORS)
    + cases(NEWBORN_REGISTRATION, NEWBORN_ERRORS),
)
async def test_an_execution_the_records_do_not_allow_is_a_typed_error(
    police: WritableAgency,
    execution: Execution,
    arguments: dict[str, Any],
    error: tuple[str, str],
) -> None:
    # given the hall's system, when it sends an execution with one argument wrong
    answer = await police.post(
        execution.document, {**execution.variables, **arguments}, actor=hall()
    )
    # then the payload says what was wrong, and nothing was written
    assert answer == execution.failed(*error)
    assert await execution.state(police) == execution.before


@pytest.mark.parametrize(
    ("execution", "argument"),
    [
        (ETHNICITY_CHANGE, ("id", "idNumber")),
        (NAME_CHANGE, ("id", "idNumber")),
        (NEWBORN_REGISTRATION, ("mother", "motherId")),
        (NEWBORN_REGISTRATION, ("father", "fatherId")),
    ],
)
@pytest.mark.parametrize("value", ["12345", "35042420070922001X", "3" * 10_000])
async def test_a_malformed_id_number_is_refused_before_anything_runs(
    police: WritableAgency, execution: Execution, argument: tuple[str, str], value: str
) -> None:
    # given an ID number of the wrong shape, with a wrong check digit, or of hostile length
    variable, name = argument
    # when the hall's system sends it
    answer = await police.post(
        execution.document, {**execution.variables, variable: value}, actor=hall()
    )
    # then the kit refuses the input before authorizing or running anything
    assert answer == execution.refused("BAD_USER_INPUT", f"`{name}` {ID_REFUSED}")
    assert await execution.state(police) == execution.before


async def test_a_malformed_application_number_is_a_typed_error(police: WritableAgency) -> None:
    # given the hall's system declaring (as its case) an application number with a space
    application = "YW 2026"
    variables = {**ETHNICITY_CHANGE.variables, "application": application}
    # when it executes it
    answer = await police.post(ETHNICITY_CHANGE.document, variables, actor=hall(application))
    # then the payload refuses the number, and nothing was written
    assert answer == ETHNICITY_CHANGE.failed(
        "INVALID", "`application` must be 1 to 32 letters, digits and dashes"
    )
    assert await ETHNICITY_CHANGE.state(police) == ETHNICITY_CHANGE.before


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "on",
            "2026-02-30",
            "Variable '$on' has invalid value: Value cannot represent a Date: "
            '"2026-02-30". day is out of range for month',
        ),
        (
            "on",
            "yesterday",
            "Variable '$on' has invalid value: Value cannot represent a Date: "
            "\"yesterday\". Invalid isoformat string: 'yesterday'",
        ),
        (
            "to",
            22,
            "Variable '$to' has invalid value: String cannot represent a non string value: 22",
        ),
        (
            "id",
            None,
            "Variable '$id' has invalid value: Expected value of non-null type 'String!' "
            "not to be None.",
        ),
    ],
)
async def test_arguments_of_the_wrong_type_are_refused_by_graphql(
    police: WritableAgency, variable: str, value: Any, message: str
) -> None:
    # given an impossible date, a number for a code, a missing ID number
    variables = {**ETHNICITY_CHANGE.variables, variable: value}
    # when the hall's system sends them, then GraphQL refuses the operation; nothing runs
    answer = await police.post(ETHNICITY_CHANGE.document, variables, actor=hall())
    assert answer == variable_error(ETHNICITY_CHANGE.document, variable, message)
    assert await ETHNICITY_CHANGE.state(police) == ETHNICITY_CHANGE.before


async def test_a_birth_certificate_registers_one_newborn_only(police: WritableAgency) -> None:
    # given a newborn registered with its certificate
    await police.post(NEWBORN_REGISTRATION.document, NEWBORN_REGISTRATION.variables, actor=hall())
    # when another application registers another child with the same certificate
    other = persons()[ELSEWHERE.roles["child"]]
    variables = {
        **NEWBORN_REGISTRATION.variables,
        "application": "YW-2026-000124",
        "born": other.birth_date.isoformat(),
        "father": ELSEWHERE.roles["father"],
        "mother": ELSEWHERE.roles["mother"],
        "household": ELSEWHERE.households[0].number,
        "ethnicity": "01",
    }
    answer = await police.post(
        NEWBORN_REGISTRATION.document, variables, actor=hall("YW-2026-000124")
    )
    # then it is refused, and only the first child is registered with it
    assert answer == NEWBORN_REGISTRATION.failed(
        "REJECTED", f"birth certificate {CERTIFICATE} is already registered"
    )
    assert await NEWBORN_REGISTRATION.state(police) == NEWBORN_REGISTRATION.after


async def test_a_newborn_without_a_stated_father_joins_the_mothers_household(
    police: WritableAgency,
) -> None:
    # given a baby born 2026-10-20 whose parents have no marriage on record, the mother
    # heading her household (the police will allocate him sequence 001, check character 7)
    child, mother = "350424202610200017", ELSEWHERE.roles["mother"]
    born = persons()[ELSEWHERE.roles["child"]]
    certificate = ELSEWHERE.birth_certificates[0].number
    household = next(h.number for h in ELSEWHERE.households if h.head_id == mother)
    variables = {
        "application": APPLICATION,
        "certificate": certificate,
        "name": born.name,
        "sex": "MALE",
        "born": born.birth_date.isoformat(),
        "ethnicity": "01",
        "father": None,
        "mother": mother,
        "household": household,
    }
    # when the hall registers it with no father stated
    answer = await police.post(NEWBORN_REGISTRATION.document, variables, actor=hall())
    # then the child is registered as the head's son, with no father
    assert answer == {
        "data": {
            "registerNewborn": {
                "replayed": False,
                "error": None,
                "birthCertificateNumber": certificate,
                "person": {
                    "idNumber": child,
                    "name": born.name,
                    "sex": "MALE",
                    "birthDate": born.birth_date.isoformat(),
                    "ethnicityCode": "01",
                    "regionCode": "350424",
                    "relationToHead": "子",
                    "household": {"number": household},
                    "father": None,
                    "mother": {"idNumber": mother},
                },
            }
        }
    }
    assert await newborn_of(police, child) == (
        [(born.name, "M", born.birth_date, "01", "350424", household, "子", None, mother)],
        [(certificate, APPLICATION)],
    )
