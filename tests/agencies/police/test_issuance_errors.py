"""The police's issuances refuse malformed, hostile and impossible input, changing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agencies.execution import Execution, WritableAgency, hall
from tests.agencies.police.issuances import (
    CERTIFICATE_ISSUE,
    CERTIFIED,
    HOUSEHOLD_TRANSFER,
    ID_CARD_REISSUE,
    LEFT_HOUSEHOLD,
    LOST_CARD,
    MOVER,
    NINGHUA,
)
from tests.agencies.police.test_mutation_errors import (
    HOSTILE,
    ID_REFUSED,
    UNKNOWN_MAN,
    cases,
    typed,
    variable_error,
)
from tests.population import scenario

NO_VALID_CARD = "the person holds no valid identity card to reissue (an expired one is renewed)"
# A boy of 12 who was never issued a card.
CARDLESS = scenario("remarried_minor").roles["child"]
ID_CARD_ERRORS = {
    "unknown person": (
        {"id": UNKNOWN_MAN},
        typed("NOT_FOUND", f"`idNumber` {UNKNOWN_MAN} is not a registered person"),
    ),
    "only an expired card": ({"id": MOVER}, typed("REJECTED", NO_VALID_CARD)),
    "no card ever issued": ({"id": CARDLESS}, typed("REJECTED", NO_VALID_CARD)),
    "lost before the card was issued": (
        {"lostOn": "2026-04-01"},
        typed(
            "REJECTED",
            f"`lostOn` 2026-04-01 is before card {LOST_CARD} was issued on 2026-04-02",
        ),
    ),
    "lost in the future": (
        {"lostOn": "2099-01-01"},
        typed("INVALID", "`lostOn` 2099-01-01 is in the future"),
    ),
    "lost before the person's birth": (
        {"lostOn": "2000-01-01"},
        typed("INVALID", "`lostOn` 2000-01-01 is before the person's birth"),
    ),
}
NOT_A_COUNTY = "is not a county of Sanming"
ADDRESS_LENGTH = "`destinationAddress` must be 1 to 200 characters"
ADDRESS_TEXT = "`destinationAddress` holds control characters or surrounding spaces"
TRANSFER_ERRORS = {
    "unknown person": (
        {"id": UNKNOWN_MAN},
        typed("NOT_FOUND", f"`idNumber` {UNKNOWN_MAN} is not a registered person"),
    ),
    "the county registered in": (
        {"region": NINGHUA},
        typed("REJECTED", f"the person is registered in county {NINGHUA} already"),
    ),
    "a county abolished in 2021 (梅列区)": (
        {"region": "350402"},
        typed("INVALID", f"`destinationRegion` '350402' {NOT_A_COUNTY}"),
    ),
    "a county outside Sanming": (
        {"region": "110101"},
        typed("INVALID", f"`destinationRegion` '110101' {NOT_A_COUNTY}"),
    ),
    "the city's own code": (
        {"region": "350400"},
        typed("INVALID", f"`destinationRegion` '350400' {NOT_A_COUNTY}"),
    ),
    "hostile region": (
        {"region": HOSTILE},
        typed("INVALID", f"`destinationRegion` '<script>alert(1)</sc…' {NOT_A_COUNTY}"),
    ),
    "a head with other members": (
        {"id": CERTIFIED},
        typed(
            "REJECTED",
            f"the person heads household {LEFT_HOUSEHOLD}, which has 2 other member(s): "
            "they must move first, or a new head be named",
        ),
    ),
    "empty address": ({"address": ""}, typed("INVALID", ADDRESS_LENGTH)),
    "oversized address": ({"address": "路" * 201}, typed("INVALID", ADDRESS_LENGTH)),
    "address with a line break": ({"address": "城关\n白沙"}, typed("INVALID", ADDRESS_TEXT)),
    "address with surrounding spaces": ({"address": " 城关 "}, typed("INVALID", ADDRESS_TEXT)),
}
CERTIFICATE_ERRORS = {
    "unknown person": (
        {"id": UNKNOWN_MAN},
        typed("NOT_FOUND", f"`idNumber` {UNKNOWN_MAN} is not a registered person"),
    ),
}


@pytest.mark.parametrize(
    ("execution", "arguments", "error"),
    cases(ID_CARD_REISSUE, ID_CARD_ERRORS)
    + cases(HOUSEHOLD_TRANSFER, TRANSFER_ERRORS)
    + cases(CERTIFICATE_ISSUE, CERTIFICATE_ERRORS),
)
async def test_an_issuance_the_records_do_not_allow_is_a_typed_error(
    police: WritableAgency,
    execution: Execution,
    arguments: dict[str, Any],
    error: tuple[str, str],
) -> None:
    # given the hall's system, when it sends an issuance with one argument wrong
    answer = await police.post(
        execution.document, {**execution.variables, **arguments}, actor=hall()
    )
    # then the payload says what was wrong, and nothing was written
    assert answer == execution.failed(*error)
    assert await execution.state(police) == execution.before


@pytest.mark.parametrize("execution", [ID_CARD_REISSUE, HOUSEHOLD_TRANSFER, CERTIFICATE_ISSUE])
@pytest.mark.parametrize("value", ["12345", "35042420070922001X", "3" * 10_000])
async def test_a_malformed_id_number_is_refused_before_anything_runs(
    police: WritableAgency, execution: Execution, value: str
) -> None:
    # given an ID number of the wrong shape, with a wrong check digit, or of hostile length
    # when the hall's system sends it
    answer = await police.post(
        execution.document, {**execution.variables, "id": value}, actor=hall()
    )
    # then the kit refuses the input before authorizing or running anything
    assert answer == execution.refused("BAD_USER_INPUT", f"`idNumber` {ID_REFUSED}")
    assert await execution.state(police) == execution.before


@pytest.mark.parametrize(
    ("execution", "variable", "value", "message"),
    [
        (
            ID_CARD_REISSUE,
            "reason",
            "MISPLACED",
            "Variable '$reason' has invalid value: Value 'MISPLACED' does not exist in "
            "'IdCardLossReason' enum.",
        ),
        (
            ID_CARD_REISSUE,
            "lostOn",
            "2026-02-30",
            "Variable '$lostOn' has invalid value: Value cannot represent a Date: "
            '"2026-02-30". day is out of range for month',
        ),
        (
            CERTIFICATE_ISSUE,
            "kind",
            HOSTILE,
            f"Variable '$kind' has invalid value: Value '{HOSTILE}' does not exist in "
            "'PoliceCertificateKind' enum.",
        ),
        (
            HOUSEHOLD_TRANSFER,
            "region",
            350404,
            "Variable '$region' has invalid value: String cannot represent a non string "
            "value: 350404",
        ),
    ],
)
async def test_arguments_of_the_wrong_type_are_refused_by_graphql(
    police: WritableAgency, execution: Execution, variable: str, value: Any, message: str
) -> None:
    # given an unknown reason or kind, an impossible date, a number for a county code
    variables = {**execution.variables, variable: value}
    # when the hall's system sends them, then GraphQL refuses the operation; nothing runs
    answer = await police.post(execution.document, variables, actor=hall())
    assert answer == variable_error(execution.document, variable, message)
    assert await execution.state(police) == execution.before
