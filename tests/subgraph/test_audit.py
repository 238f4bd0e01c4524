"""Every read or refusal of personal data is written to the audit sink before the answer leaves."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from authz.actor import Actor, ActorKind
from subgraph.audit import AccessRecord
from tests.conftest import ClientFactory, GraphQL, staff
from tests.memory_sink import MemoryAuditSink
from tests.population import persons, scenario

FAMILY = scenario("changed_once")
CHILD, FATHER = FAMILY.roles["child"], FAMILY.roles["father"]
CLERK = staff(
    "police", purpose="HOUSEHOLD_ADMINISTRATION", case=None, request_id="req-2026-11-02-0001"
)

PERSON = """
query($id: String!) {
  person(idNumber: $id) { idNumber name sex father { idNumber name } ethnicityHistory { toCode } }
}
"""


def access(decision: str, subjects: tuple[str, ...], fields: tuple[str, ...]) -> AccessRecord:
    """The record the clerk's request should leave (its time aside)."""
    return AccessRecord(
        time=datetime(2000, 1, 1, tzinfo=UTC),
        actor="staff-police-city",
        actor_kind="STAFF",
        agency="police",
        unit="350400000000",
        subgraph="police",
        data_subjects=subjects,
        type_name="Person",
        fields=fields,
        purpose="HOUSEHOLD_ADMINISTRATION",
        case=None,
        decision=decision,
        request_id="req-2026-11-02-0001",
    )


async def test_allowed_and_refused_reads_are_recorded_once_per_type_and_decision(
    client: ClientFactory,
) -> None:
    # given a clerk reading a person, his father, and (refused) his ethnicity history
    sink = MemoryAuditSink()
    before = datetime.now(UTC)
    async with client("police", actor=CLERK, sink=sink) as http:
        response = await http.post("/graphql", json={"query": PERSON, "variables": {"id": CHILD}})
    answer = response.json()
    # then the answer came with the one refusal, and exactly these records were written first:
    # the fields read and whose, and the field refused and whose (keys are not personal data)
    assert answer["data"]["person"]["father"]["name"] == persons()[FATHER].name
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["FORBIDDEN"]
    assert len(sink.batches) == 1
    written = sink.records
    assert all(before <= r.time <= datetime.now(UTC) + timedelta(seconds=1) for r in written)
    assert [dataclasses.replace(r, time=datetime(2000, 1, 1, tzinfo=UTC)) for r in written] == [
        access("ALLOW", tuple(sorted([CHILD, FATHER])), ("father", "name", "sex")),
        access("DENY", (CHILD,), ("ethnicityHistory",)),
    ]


async def test_reads_of_a_value_type_are_recorded_under_its_owner(client: ClientFactory) -> None:
    # given staff investigating a case, when they read a person's ethnicity history
    sink = MemoryAuditSink()
    query = "query($id: String!) { person(idNumber: $id) { ethnicityHistory { toCode basis } } }"
    async with client("police", sink=sink) as http:
        await http.post("/graphql", json={"query": query, "variables": {"id": CHILD}})
    # then the record is the person's, naming the history and the fields of its entries
    assert [(r.type_name, r.decision, r.data_subjects, r.fields) for r in sink.records] == [
        (
            "Person",
            "ALLOW",
            (CHILD,),
            ("EthnicityRecord.basis", "EthnicityRecord.toCode", "ethnicityHistory"),
        )
    ]
    assert (sink.records[0].purpose, sink.records[0].case) == ("CASE_INVESTIGATION", "AJ-2026-0001")


async def test_a_list_the_actor_may_read_nothing_of_is_recorded_as_refused(
    client: ClientFactory,
) -> None:
    # given an auditor, who reads no personal data, when she searches persons
    sink = MemoryAuditSink()
    auditor = Actor(subject="auditor-1", kind=ActorKind.AUDITOR, purpose="AUDIT")
    query = '{ searchPersons(regionCode: "350424") { items { idNumber } } }'
    async with client("police", actor=auditor, sink=sink) as http:
        answer = (await http.post("/graphql", json={"query": query})).json()
    # then nothing is found, and the refused search is on record
    assert answer == {"data": {"searchPersons": {"items": []}}}
    assert [(r.type_name, r.decision, r.data_subjects, r.fields) for r in sink.records] == [
        ("Person", "DENY", (), ("searchPersons",))
    ]


async def test_when_the_audit_cannot_be_written_no_data_is_released(
    client: ClientFactory,
) -> None:
    # given an audit store that is down
    sink = MemoryAuditSink(failing=True)
    async with client("police", sink=sink) as http:
        # when staff read a person
        response = await http.post("/graphql", json={"query": PERSON, "variables": {"id": CHILD}})
    # then the answer holds no data at all, only the reason
    assert (response.status_code, response.json()) == (
        200,
        {
            "data": None,
            "errors": [
                {
                    "message": "access could not be recorded; no data released",
                    "extensions": {"code": "AUDIT_UNAVAILABLE"},
                }
            ],
        },
    )


async def test_reference_data_needs_no_audit(graphql: GraphQL, audit_sink: MemoryAuditSink) -> None:
    # given police units (no personal data), when staff list them
    result = await graphql("police", "{ policeUnits(kind: CITY_BUREAU) { code name } }")
    # then they are answered and nothing is written
    assert result == {"data": {"policeUnits": [{"code": "350400000000", "name": "三明市公安局"}]}}
    assert audit_sink.batches == []
