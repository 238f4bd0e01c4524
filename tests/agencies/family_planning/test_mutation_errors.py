"""Family planning refuses a link its certificates do not allow, or malformed input."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from agencies.family_planning import models
from tests.agencies.execution import WritableAgency, hall
from tests.agencies.family_planning.links import CERTIFICATE, CHILD, LINK, link_of
from tests.population import scenario

OTHER_APPLICATION = "YW-2026-000124"
# A registered boy of 2014 whose certificate (Q000000001) is linked to him.
LINKED = scenario("remarried_minor").birth_certificates[0]
# A girl born the newborn's day in 宁化县 (sequence 002), and a boy born the day after.
GIRL, NEXT_DAY = "350424202610220026", "350424202610230013"


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        pytest.param(
            {"number": "Q999999999"},
            "NOT_FOUND",
            "`number` 'Q999999999' is not a birth certificate",
            id="unknown certificate",
        ),
        pytest.param(
            {"number": ""}, "INVALID", "`number` must be 1 to 12 characters", id="empty number"
        ),
        pytest.param(
            {"number": "Q" * 10_000},
            "INVALID",
            "`number` must be 1 to 12 characters",
            id="hostile number",
        ),
        pytest.param(
            {"number": LINKED.number},
            "REJECTED",
            f"birth certificate {LINKED.number} is already linked to another child",
            id="certificate of another child",
        ),
        pytest.param(
            {"child": NEXT_DAY},
            "REJECTED",
            "`childId` carries the birth date 2026-10-23, the certificate states 2026-10-22",
            id="another birth date",
        ),
        pytest.param(
            {"child": GIRL},
            "REJECTED",
            "`childId` carries another sex than the certificate states",
            id="another sex",
        ),
    ],
)
async def test_a_link_the_certificate_does_not_allow_is_a_typed_error(
    family_planning: WritableAgency, arguments: dict[str, Any], code: str, message: str
) -> None:
    # given the hall's system, when it sends a link with one argument wrong
    answer = await family_planning.post(
        LINK.document, {**LINK.variables, **arguments}, actor=hall()
    )
    # then the payload says what was wrong, and nothing was written
    assert answer == LINK.failed(code, message)
    assert (await link_of(family_planning), await link_of(family_planning, LINKED.number)) == (
        LINK.before,
        ([LINKED.child_id], []),
    )


@pytest.mark.parametrize(
    "value", ["12345", "35042420261022001X", "3" * 10_000, "350424202610220018 "]
)
async def test_a_malformed_child_id_is_refused_before_anything_runs(
    family_planning: WritableAgency, value: str
) -> None:
    # given an ID number of the wrong shape, check character, length or padding
    # when the hall's system sends it, then the kit refuses it before authorizing or running
    variables = {**LINK.variables, "child": value}
    answer = await family_planning.post(LINK.document, variables, actor=hall())
    assert answer == LINK.refused(
        "BAD_USER_INPUT", "`childId` is not a valid 18-character citizen ID number"
    )
    assert await link_of(family_planning) == LINK.before


async def test_a_certificate_links_once_even_to_the_same_child(
    family_planning: WritableAgency,
) -> None:
    # given the certificate linked for one application
    await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # when another application links it to the same child
    variables = {**LINK.variables, "application": OTHER_APPLICATION}
    answer = await family_planning.post(LINK.document, variables, actor=hall(OTHER_APPLICATION))
    # then it is refused, and the first link stands alone
    assert answer == LINK.failed(
        "REJECTED", f"birth certificate {CERTIFICATE.number} is already linked to the child"
    )
    assert await link_of(family_planning) == LINK.after


async def test_a_child_links_to_one_certificate_only(family_planning: WritableAgency) -> None:
    # given a second certificate of the same day and sex (a twin's), and the first linked
    async with family_planning.database.sessions() as session:
        twin = {
            column: getattr(CERTIFICATE, column)
            for column in models.BirthCertificate.__table__.columns.keys()
        }
        await session.execute(
            insert(models.BirthCertificate).values({**twin, "number": "Q900000001"})
        )
        await session.commit()
    await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # when another application links the twin's certificate to the same child
    variables = {"application": OTHER_APPLICATION, "number": "Q900000001", "child": CHILD}
    answer = await family_planning.post(LINK.document, variables, actor=hall(OTHER_APPLICATION))
    # then it is refused: the child has a certificate already; the twin's stays unlinked
    assert answer == LINK.failed(
        "REJECTED", f"the child is already linked to birth certificate {CERTIFICATE.number}"
    )
    assert (await link_of(family_planning), await link_of(family_planning, "Q900000001")) == (
        LINK.after,
        ([None], []),
    )


async def test_a_malformed_application_number_is_a_typed_error(
    family_planning: WritableAgency,
) -> None:
    # given the hall's system declaring (as its case) an application number with a space
    application = "YW 2026"
    variables = {**LINK.variables, "application": application}
    # when it links the certificate
    answer = await family_planning.post(LINK.document, variables, actor=hall(application))
    # then the payload refuses the number, and nothing was written
    assert answer == LINK.failed(
        "INVALID", "`application` must be 1 to 32 letters, digits and dashes"
    )
    assert await link_of(family_planning) == LINK.before
