"""`Permit` on mutations: the write is decided before the resolver runs, and audited."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
import strawberry
from sqlalchemy import MetaData

from authz.actor import Actor, ActorKind
from authz.headers import ActorHeaders
from authz.keys import KeySet
from subgraph.app import create_subgraph_app
from subgraph.audit import AccessRecord
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.guard import (
    BASIC,
    PUBLIC,
    SENSITIVE,
    WRITE,
    Guard,
    Guarded,
    Permit,
    id_number_region,
)
from subgraph.schema import build_schema
from subgraph.settings import SubgraphSettings
from tests.conftest import citizen, staff
from tests.memory_sink import MemoryAuditSink

NINGHUA_PERSON = "350424200709220019"  # registered in 宁化县
YONGAN_PERSON = "350481199001010018"  # registered in 永安市
APPLICATION = "YW-2026-000777"
POLICIES = """
p, *, *, PUBLIC, *, ALL, allow
p, SYSTEM@hall, Person, BASIC, SERVICE_APPLICATION, ALL, allow
p, SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow
p, STAFF@notes, Person, *, *, REGION, allow
p, STAFF@notes, Person, WRITE, SERVICE_APPLICATION, REGION, allow
p, CITIZEN, *, *, *, SELF, allow
"""
HALL = Actor(
    subject="hall-system",
    kind=ActorKind.SYSTEM,
    agency="hall",
    purpose="SERVICE_APPLICATION",
    case=APPLICATION,
    request_id="req-1",
)
# Staff of 宁化县 handling the application: WRITE is granted to them in their region only.
NINGHUA_STAFF = staff(
    "notes", region="350424", unit=None, purpose="SERVICE_APPLICATION", case=APPLICATION
)

WRITTEN: list[tuple[str, str, str]] = []


@Guarded(part_of="Person")
@strawberry.type(description="What noting did.")
class NoteOutcome:
    id_number: str = strawberry.field(description="Whose note.", extensions=[Guard(PUBLIC)])
    text: str = strawberry.field(description="The note.", extensions=[Guard(BASIC)])


# The kit knows root types by their names, Query and Mutation.
@strawberry.type(description="Root.")
class Query:
    @strawberry.field(description="Nothing.")
    def ping(self) -> str:
        return "pong"


Text = Annotated[str, strawberry.argument(description="The text.")]
Application = Annotated[str, strawberry.argument(description="The application.")]
IdNumber = Annotated[str, strawberry.argument(description="Whose.")]


@strawberry.type(description="Writes.")
class Mutation:
    @strawberry.mutation(
        description="Note a text about a person.",
        extensions=[
            Permit(
                WRITE,
                type_name="Person",
                subject="id_number",
                region=id_number_region(),
                case="application",
            )
        ],
    )
    def note(self, application: Application, id_number: IdNumber, text: Text) -> NoteOutcome:
        WRITTEN.append((application, id_number, text))
        return NoteOutcome(id_number=id_number, text=text)


NOTE = """
mutation($application: String!, $id: String!) {
  note(application: $application, idNumber: $id, text: "t") { idNumber text }
}
"""


@pytest.fixture(autouse=True)
def written() -> Iterator[list[tuple[str, str, str]]]:
    """What the toy mutation wrote during the test."""
    WRITTEN.clear()
    yield WRITTEN
    WRITTEN.clear()


def definition(mutation: type, policies: Path) -> SubgraphDefinition:
    """The toy subgraph with `mutation`."""
    return SubgraphDefinition(
        name="notes",
        title="Notes",
        metadata=MetaData(),
        query=Query,
        mutation=mutation,
        policies=policies,
    )


@contextlib.asynccontextmanager
async def notes(
    tmp_path: Path, actor_keys: KeySet, sink: MemoryAuditSink
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the toy subgraph under POLICIES."""
    policies = tmp_path / "policies.csv"
    policies.write_text(POLICIES, encoding="utf-8")
    url = "sqlite+aiosqlite:///:memory:"
    database = Database(url=url, metadata=MetaData())
    app = create_subgraph_app(
        definition(Mutation, policies),
        SubgraphSettings(name="notes", database_url=url),
        database=database,
        actor_keys=actor_keys,
        audit_sink=sink,
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sub") as http:
            yield http
    await database.dispose()


async def note(
    http: httpx.AsyncClient, mint: ActorHeaders, actor: Actor, id_number: str
) -> dict[str, Any]:
    """Post NOTE about `id_number` for APPLICATION as `actor`."""
    response = await http.post(
        "/graphql",
        json={"query": NOTE, "variables": {"application": APPLICATION, "id": id_number}},
        headers=mint.headers(actor, "notes"),
    )
    answer: dict[str, Any] = response.json()
    return answer


def refused(code: str, message: str) -> dict[str, Any]:
    """The answer to a NOTE the kit refused."""
    return {
        "data": {"note": None},
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["note"],
                "extensions": {"code": code},
            }
        ],
    }


FORBIDDEN = refused("FORBIDDEN", "not allowed to write Person (note)")


def access(actor: Actor, decision: str, subject: str, fields: tuple[str, ...]) -> AccessRecord:
    """The access record of one NOTE (its time aside)."""
    return AccessRecord(
        time=datetime(2000, 1, 1, tzinfo=UTC),
        actor=actor.subject,
        actor_kind=actor.kind.value,
        agency=actor.agency,
        unit=actor.unit,
        subgraph="notes",
        data_subjects=(subject,),
        type_name="Person",
        fields=fields,
        purpose=actor.purpose,
        case=actor.case,
        decision=decision,
        request_id=actor.request_id,
    )


def written_records(sink: MemoryAuditSink) -> list[AccessRecord]:
    """The records the sink received, their times set aside."""
    return [dataclasses.replace(r, time=datetime(2000, 1, 1, tzinfo=UTC)) for r in sink.records]


async def test_an_allowed_write_runs_and_is_recorded_with_what_it_answered(
    tmp_path: Path,
    actor_keys: KeySet,
    mint: ActorHeaders,
    written: list[tuple[str, str, str]],
) -> None:
    # given the hall's system executing the application it declared as its case
    sink = MemoryAuditSink()
    async with notes(tmp_path, actor_keys, sink) as http:
        # when it notes something about a person
        answer = await note(http, mint, HALL, NINGHUA_PERSON)
    # then the mutation ran and answered, and the write (with the payload read) is on record
    assert answer == {"data": {"note": {"idNumber": NINGHUA_PERSON, "text": "t"}}}
    assert written == [(APPLICATION, NINGHUA_PERSON, "t")]
    assert written_records(sink) == [
        access(HALL, "ALLOW", NINGHUA_PERSON, ("NoteOutcome.text", "note"))
    ]


async def test_a_refused_write_does_not_run_and_is_recorded(
    tmp_path: Path,
    actor_keys: KeySet,
    mint: ActorHeaders,
    written: list[tuple[str, str, str]],
) -> None:
    # given a citizen, who reads their own records but is granted no WRITE
    sink = MemoryAuditSink()
    person = citizen(NINGHUA_PERSON)
    async with notes(tmp_path, actor_keys, sink) as http:
        # when they try to note something about themselves
        answer = await note(http, mint, person, NINGHUA_PERSON)
    # then the kit refuses before the resolver runs, and the refusal is on record
    assert answer == FORBIDDEN
    assert written == []
    assert written_records(sink) == [access(person, "DENY", NINGHUA_PERSON, ("note",))]


async def test_a_write_is_checked_against_the_actors_jurisdiction(
    tmp_path: Path,
    actor_keys: KeySet,
    mint: ActorHeaders,
    written: list[tuple[str, str, str]],
) -> None:
    # given staff granted WRITE in their region (宁化县) only
    sink = MemoryAuditSink()
    async with notes(tmp_path, actor_keys, sink) as http:
        # when they note about a person of their county, then one of 永安市
        own = await note(http, mint, NINGHUA_STAFF, NINGHUA_PERSON)
        other = await note(http, mint, NINGHUA_STAFF, YONGAN_PERSON)
    # then only the write in their region runs
    assert (own, other) == (
        {"data": {"note": {"idNumber": NINGHUA_PERSON, "text": "t"}}},
        FORBIDDEN,
    )
    assert written == [(APPLICATION, NINGHUA_PERSON, "t")]


async def test_the_hall_writes_only_for_the_application_it_declared(
    tmp_path: Path,
    actor_keys: KeySet,
    mint: ActorHeaders,
    written: list[tuple[str, str, str]],
) -> None:
    # given the hall's system declaring another application as its case
    sink = MemoryAuditSink()
    other_case = dataclasses.replace(HALL, case="YW-2026-000778")
    async with notes(tmp_path, actor_keys, sink) as http:
        # when it executes APPLICATION
        answer = await note(http, mint, other_case, NINGHUA_PERSON)
    # then it is refused, nothing is written, and the refusal is on record
    assert answer == FORBIDDEN
    assert written == []
    assert written_records(sink) == [access(other_case, "DENY", NINGHUA_PERSON, ("note",))]


@pytest.mark.parametrize("id_number", ["12345", "350424200709220010", "x" * 5000])
async def test_a_malformed_data_subject_is_bad_input_before_any_decision(
    tmp_path: Path,
    actor_keys: KeySet,
    mint: ActorHeaders,
    written: list[tuple[str, str, str]],
    id_number: str,
) -> None:
    # given the hall's system, when it names a person by a malformed ID number (bad shape, bad
    # check digit, hostile length)
    sink = MemoryAuditSink()
    async with notes(tmp_path, actor_keys, sink) as http:
        answer = await note(http, mint, HALL, id_number)
    # then the kit refuses the input itself: nothing runs, no junk reaches the audit log
    assert answer == refused(
        "BAD_USER_INPUT", "`idNumber` is not a valid 18-character citizen ID number"
    )
    assert (written, sink.records) == ([], [])


def test_a_schema_with_an_undeclared_mutation_is_not_built(tmp_path: Path) -> None:
    # given a mutation without a Permit
    @strawberry.type(description="Writes nobody declared.")
    class Mutation:
        @strawberry.mutation(description="Note a text, unchecked.")
        def note(self, text: Text) -> str:
            return text

    settings = SubgraphSettings(name="notes", database_url="sqlite+aiosqlite:///:memory:")
    # when its schema is built, then the kit refuses, naming the mutation
    with pytest.raises(TypeError, match=r"^subgraph notes: Mutation\.note declares no Permit$"):
        build_schema(definition(Mutation, tmp_path / "p.csv"), settings)


def test_write_is_declared_with_permit_and_permit_declares_write_only() -> None:
    # when WRITE is declared on a field, or a Permit declares a class of reads, then both fail
    with pytest.raises(TypeError, match="WRITE is declared on mutations, with Permit"):
        Guard(WRITE)
    with pytest.raises(TypeError, match=r"Permit\(WRITE\), not Permit\(SENSITIVE\)"):
        Permit(SENSITIVE, type_name="Person")


def test_a_permit_naming_no_argument_of_its_mutation_is_refused(tmp_path: Path) -> None:
    # given a Permit whose subject names an argument the mutation does not have
    @strawberry.type(description="Writes.")
    class Mutation:
        @strawberry.mutation(
            description="Note.", extensions=[Permit(WRITE, type_name="Person", subject="person")]
        )
        def note(self, id_number: IdNumber) -> str:
            return id_number

    settings = SubgraphSettings(name="notes", database_url="sqlite+aiosqlite:///:memory:")
    # when the schema is built, then the kit names the missing argument
    with pytest.raises(TypeError, match="note has no argument person"):
        build_schema(definition(Mutation, tmp_path / "p.csv"), settings)
