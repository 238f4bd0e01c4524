"""Family planning links a certificate to its child: once, replayed, conflicting, refused."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from authz.actor import Actor
from subgraph.audit import AccessRecord
from tests.agencies.execution import APPLICATION, WritableAgency, hall, outsiders
from tests.agencies.family_planning.links import CERTIFICATE, CHILD, LINK
from tests.memory_sink import MemoryAuditSink
from tests.population import scenario

# The other birth of 宁化县 awaiting registration.
OTHER_BIRTH = scenario("birth_without_marriage").birth_certificates[0]
OUTSIDERS = ["staff", "staff handling the application", "citizen", "auditor"]
UNREGISTERED = """
query { unregisteredBirths(regionCode: "350424", first: 100) { items { number registered } } }
"""


async def test_a_link_registers_the_certificate_with_the_child(
    family_planning: WritableAgency,
) -> None:
    # given a certificate whose child is not registered yet
    assert await LINK.state(family_planning) == LINK.before
    # when the hall's system links it to the ID number the police allocated
    answer = await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # then the answer holds the certificate, registered with the child, and the records hold
    # the child and one link, stamped with the application
    assert answer == LINK.applied(replayed=False)
    assert await LINK.state(family_planning) == LINK.after


async def test_a_linked_certificate_leaves_the_unregistered_births(
    family_planning: WritableAgency,
) -> None:
    # given the births of 宁化县 awaiting registration, the newborn's among them
    before = await family_planning.post(UNREGISTERED, actor=hall())
    # when the hall links the newborn's certificate
    await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # then only the other birth still awaits registration
    after = await family_planning.post(UNREGISTERED, actor=hall())
    waiting = [{"number": CERTIFICATE.number, "registered": False}]
    other = [{"number": OTHER_BIRTH.number, "registered": False}]
    assert (before, after) == (
        {"data": {"unregisteredBirths": {"items": waiting + other}}},
        {"data": {"unregisteredBirths": {"items": other}}},
    )


async def test_a_link_is_on_record_with_the_child_among_its_data_subjects(
    family_planning: WritableAgency, audit_sink: MemoryAuditSink
) -> None:
    # given the hall's system, when it links the certificate
    actor = hall()
    await family_planning.post(LINK.document, LINK.variables, actor=actor)
    # then the audit log holds the allowed write and what its answer read, about the child
    # and the parents the certificate names
    timeless = datetime(2000, 1, 1, tzinfo=UTC)
    recorded = [dataclasses.replace(record, time=timeless) for record in audit_sink.records]
    assert recorded == [
        AccessRecord(
            time=timeless,
            actor=actor.subject,
            actor_kind="SYSTEM",
            agency="hall",
            unit=None,
            subgraph="family_planning",
            data_subjects=(CERTIFICATE.father_id, CERTIFICATE.mother_id, CHILD),
            type_name="BirthCertificate",
            fields=(
                "LinkBirthCertificatePayload.certificate",
                "LinkBirthCertificatePayload.linkedOn",
                "child",
                "linkBirthCertificate",
                "registered",
            ),
            purpose="SERVICE_APPLICATION",
            case=APPLICATION,
            decision="ALLOW",
            request_id=actor.request_id,
        )
    ]


async def test_a_repeat_answers_the_same_as_a_replay_and_changes_nothing(
    family_planning: WritableAgency,
) -> None:
    # given a certificate linked for the application
    await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # when the hall sends the application again
    again = await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # then the answer is the same, marked replayed, and there is still one link
    assert again == LINK.applied(replayed=True)
    assert await LINK.state(family_planning) == LINK.after


async def test_the_same_application_with_another_child_is_a_conflict(
    family_planning: WritableAgency,
) -> None:
    # given a certificate linked for the application
    await family_planning.post(LINK.document, LINK.variables, actor=hall())
    # when the same application comes with another child's ID number
    other = {**LINK.variables, **LINK.other_arguments}
    answer = await family_planning.post(LINK.document, other, actor=hall())
    # then it is a typed conflict, and the first link stands alone
    assert answer == LINK.failed(
        "CONFLICT", f"application {APPLICATION} was already executed with other arguments"
    )
    assert await LINK.state(family_planning) == LINK.after


async def test_two_concurrent_calls_link_once(family_planning: WritableAgency) -> None:
    # given nothing linked yet, when the hall sends the application twice at the same time
    answers = await family_planning.post_together(
        LINK.document, [LINK.variables, LINK.variables], actor=hall()
    )
    # then one links and the other answers the same link as a replay; one link is stored
    replays = sorted(answers, key=lambda answer: answer["data"][LINK.field]["replayed"])
    assert replays == [LINK.applied(replayed=False), LINK.applied(replayed=True)]
    assert await LINK.state(family_planning) == LINK.after


@pytest.mark.parametrize("who", OUTSIDERS)
async def test_only_the_halls_system_may_link(family_planning: WritableAgency, who: str) -> None:
    # given family planning's staff (on a case, or handling the application), the mother,
    # and an auditor
    actor: Actor = outsiders("family_planning", LINK.subject)[who]
    # when they send the link
    answer = await family_planning.post(LINK.document, LINK.variables, actor=actor)
    # then the kit refuses it before it runs, and nothing is written
    assert answer == LINK.refused(
        "FORBIDDEN", "not allowed to write BirthCertificate (linkBirthCertificate)"
    )
    assert await LINK.state(family_planning) == LINK.before


async def test_the_hall_links_only_for_the_application_it_declared(
    family_planning: WritableAgency,
) -> None:
    # given the hall's system declaring another application as its case
    other_case = dataclasses.replace(hall(), case="YW-2026-000999")
    # when it sends this application
    answer = await family_planning.post(LINK.document, LINK.variables, actor=other_case)
    # then it is refused, and nothing is written
    assert answer == LINK.refused(
        "FORBIDDEN", "not allowed to write BirthCertificate (linkBirthCertificate)"
    )
    assert await LINK.state(family_planning) == LINK.before
