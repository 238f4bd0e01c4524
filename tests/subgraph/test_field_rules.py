"""Field rules declared on the types and applied by the kit: refusals, SQL filters, citizens."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from sqlalchemy import MetaData

from agencies.police import models
from authz.actor import Actor, ActorKind
from authz.enforcer import Decision, PolicyEnforcer
from authz.scope import Jurisdiction, Scope
from subgraph.definition import SubgraphDefinition
from subgraph.guard import PUBLIC, Guard, Guarded, where_clause
from subgraph.schema import build_schema
from subgraph.settings import SubgraphSettings
from tests.conftest import GraphQL, SqlLog, citizen, staff
from tests.population import persons, scenario

FAMILY = scenario("changed_once")
CHILD = FAMILY.roles["child"]  # registered in 宁化县 (350424)
GUARDED = scenario("grandparent_guardian")
GRANDMOTHER, WARD = GUARDED.roles["guardian"], GUARDED.roles["child"]

HOUSEHOLD_CLERK = staff("police", purpose="HOUSEHOLD_ADMINISTRATION", case=None)


def county_clerk(region: str) -> Actor:
    """Police staff of a county bureau administering the register, without a case."""
    return staff(
        "police",
        subject=f"clerk-{region}",
        unit=f"{region}000000",
        region=region,
        purpose="HOUSEHOLD_ADMINISTRATION",
        case=None,
    )


def forbidden(
    path: list[Any], type_name: str, field: str, line: int, column: int
) -> dict[str, Any]:
    """The error a refused field resolves with."""
    return {
        "message": f"not allowed to read {type_name}.{field}",
        "locations": [{"line": line, "column": column}],
        "path": path,
        "extensions": {"code": "FORBIDDEN"},
    }


def by_path(result: dict[str, Any]) -> dict[str, Any]:
    """The answer with its errors in path order (fields resolve concurrently)."""
    errors = sorted(result.get("errors", []), key=lambda e: [str(k) for k in e["path"]])
    return {**result, "errors": errors} if errors else result


PERSON_WITH_HISTORY = """
query($id: String!) {
  person(idNumber: $id) {
    idNumber
    name
    ethnicityHistory { toCode }
    idCards { serial }
  }
}
"""


async def test_a_refused_field_is_null_with_forbidden_and_its_siblings_arrive(
    graphql: GraphQL,
) -> None:
    # given police staff administering the register, with no case declared
    # when they read a person's name and the sensitive ethnicity history and ID cards
    result = await graphql("police", PERSON_WITH_HISTORY, {"id": CHILD}, actor=HOUSEHOLD_CLERK)
    # then the key and the name arrive, and each sensitive field is null with FORBIDDEN
    assert by_path(result) == {
        "data": {
            "person": {
                "idNumber": CHILD,
                "name": persons()[CHILD].name,
                "ethnicityHistory": None,
                "idCards": None,
            }
        },
        "errors": [
            forbidden(["person", "ethnicityHistory"], "Person", "ethnicityHistory", 6, 5),
            forbidden(["person", "idCards"], "Person", "idCards", 7, 5),
        ],
    }


PERSON_AND_FATHER = """
query($id: String!) {
  person(idNumber: $id) { idNumber name father { idNumber } }
}
"""


async def test_a_record_outside_the_actors_region_shows_only_its_key(graphql: GraphQL) -> None:
    # given staff of 永安市 (350481), and a person registered in 宁化县 (350424)
    # when they look the person up
    result = await graphql("police", PERSON_AND_FATHER, {"id": CHILD}, actor=county_clerk("350481"))
    # then the key arrives (the gateway can still join), every personal field is refused
    assert by_path(result) == {
        "data": {"person": {"idNumber": CHILD, "name": None, "father": None}},
        "errors": [
            forbidden(["person", "father"], "Person", "father", 3, 41),
            forbidden(["person", "name"], "Person", "name", 3, 36),
        ],
    }


SEARCH = """
query($region: String!) {
  searchPersons(regionCode: $region, first: 100) { items { idNumber } }
}
"""


def registered_in(region: str) -> list[str]:
    return sorted(
        p.id_number for p in persons().values() if p.registered and p.region_code == region
    )


async def test_a_search_is_filtered_in_sql_by_the_actors_region(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given staff of 宁化县 (350424)
    clerk = county_clerk("350424")
    # when they search their own county, then another one
    sql.reset()
    own = await graphql("police", SEARCH, {"region": "350424"}, actor=clerk)
    own_sql, own_parameters = sql.selects("police"), sql.select_parameters("police")
    sql.reset()
    other = await graphql("police", SEARCH, {"region": "350481"}, actor=clerk)
    # then their county's persons come back, none of the other's, each from one SELECT
    # whose WHERE clause holds their region as a LIKE prefix
    assert [i["idNumber"] for i in own["data"]["searchPersons"]["items"]] == registered_in("350424")
    assert other == {"data": {"searchPersons": {"items": []}}}
    assert len(own_sql) == 1 and len(sql.selects("police")) == 1
    assert "person.region_code LIKE" in own_sql[0]
    assert "350424%" in own_parameters[0]


HOUSEHOLD_MEMBERS = """
query($id: String!) { person(idNumber: $id) { household { members { idNumber } } } }
"""


async def test_related_lists_are_filtered_in_sql_too(graphql: GraphQL, sql: SqlLog) -> None:
    # given the hall's system (every record) and a clerk of 宁化县 (its region only)
    hall = Actor(
        subject="hall-system",
        kind=ActorKind.SYSTEM,
        agency="hall",
        purpose="SERVICE_APPLICATION",
        case="YW-2026-0001",
    )
    statements = {}
    for name, actor in (("hall", hall), ("clerk", county_clerk("350424"))):
        sql.reset()
        # when each reads the members of a household
        result = await graphql("police", HOUSEHOLD_MEMBERS, {"id": CHILD}, actor=actor)
        assert "errors" not in result
        statements[name] = [s for s in sql.selects("police") if "person.household_no IN" in s]
    # then the members' query is limited by region for the clerk only
    assert len(statements["hall"]) == len(statements["clerk"]) == 1
    assert "LIKE" not in statements["hall"][0]
    assert "person.region_code LIKE" in statements["clerk"][0]


CITIZEN_VIEW = """
query($me: String!, $ward: String!, $other: String!) {
  me: person(idNumber: $me) { idNumber name household { address members { idNumber } } }
  ward: person(idNumber: $ward) { name }
  other: person(idNumber: $other) { idNumber name }
  searchPersons(regionCode: "350424", first: 100) { items { idNumber } }
}
"""


async def test_a_citizen_sees_themselves_and_their_ward_and_no_one_else(
    graphql: GraphQL, sql: SqlLog
) -> None:
    # given a grandmother signed in as a citizen, guardian of her granddaughter
    grandmother = citizen(GRANDMOTHER, WARD)
    sql.reset()
    # when she reads herself, her ward, a stranger, and searches her county
    result = await graphql(
        "police",
        CITIZEN_VIEW,
        {"me": GRANDMOTHER, "ward": WARD, "other": CHILD},
        actor=grandmother,
    )
    # then she sees herself (with her household), her ward, and of the stranger the key only;
    # the search finds the two of them, filtered in SQL by ID number
    both = sorted([GRANDMOTHER, WARD])
    assert by_path(result) == {
        "data": {
            "me": {
                "idNumber": GRANDMOTHER,
                "name": persons()[GRANDMOTHER].name,
                "household": {
                    "address": GUARDED.households[0].address,
                    "members": [{"idNumber": i} for i in both],
                },
            },
            "ward": {"name": persons()[WARD].name},
            "other": {"idNumber": CHILD, "name": None},
            "searchPersons": {"items": [{"idNumber": i} for i in both]},
        },
        "errors": [forbidden(["other", "name"], "Person", "name", 5, 46)],
    }
    search = next(s for s in sql.selects("police") if "person.region_code =" in s)
    assert "person.id_number IN" in search


WARDS = """
query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Person { idNumber wards { number ward { idNumber } } }
  }
}
"""


async def test_a_citizen_reads_her_guardianship_in_another_agency(graphql: GraphQL) -> None:
    # given the grandmother, when civil affairs resolves her as an entity with her wards
    reps = [{"__typename": "Person", "idNumber": GRANDMOTHER}]
    result = await graphql("civil_affairs", WARDS, {"reps": reps}, actor=citizen(GRANDMOTHER, WARD))
    # then her guardianship of the girl is there
    assert result == {
        "data": {
            "_entities": [
                {
                    "idNumber": GRANDMOTHER,
                    "wards": [
                        {"number": GUARDED.guardianships[0].number, "ward": {"idNumber": WARD}}
                    ],
                }
            ]
        }
    }


DECIDED = """
{
  searchPersons(regionCode: "350424", first: 20) {
    items {
      idNumber name sex
      father { name } children { name }
      household { address members { name } }
      ethnicityHistory { toCode basis }
      idCards { serial issuingUnit { name } }
    }
  }
}
"""


async def test_each_type_and_field_class_is_decided_once_per_request(
    graphql: GraphQL, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an enforcer that counts its decisions
    asked: list[tuple[str, str]] = []
    decide = PolicyEnforcer.decide

    def counting(
        self: PolicyEnforcer, actor: Actor, *, type_name: str, field_class: str
    ) -> Decision:
        asked.append((type_name, str(field_class)))
        return decide(self, actor, type_name=type_name, field_class=field_class)

    monkeypatch.setattr(PolicyEnforcer, "decide", counting)
    # when one request reads 20 persons with their families, households and records
    result = await graphql("police", DECIDED)
    # then every (type, field class) was decided exactly once, for hundreds of fields
    assert "errors" not in result and len(result["data"]["searchPersons"]["items"]) == 20
    assert sorted(asked) == sorted(
        [
            ("Person", "PUBLIC"),
            ("Person", "BASIC"),
            ("Person", "FAMILY"),
            ("Person", "SENSITIVE"),
            ("Household", "CONTACT"),
            ("Household", "FAMILY"),
            ("PoliceUnit", "PUBLIC"),
        ]
    )


def test_where_clause_turns_each_scope_into_sql() -> None:
    # given the region, unit and data-subject columns of a record type
    columns = {
        "region": models.Household.region_code,
        "unit": models.Household.station_code,
        "subjects": [models.Household.head_id, models.Household.number],
    }

    def sql(jurisdiction: Jurisdiction, **override: Any) -> str | None:
        clause = where_clause(jurisdiction, **{**columns, **override})
        if clause is None:
            return None
        return str(clause.compile(compile_kwargs={"literal_binds": True}))

    # when each scope is turned into a WHERE clause, then
    assert sql(Jurisdiction(scope=Scope.ALL)) is None
    assert (
        sql(Jurisdiction(scope=Scope.REGION, region_prefix="3504"))
        == "household.region_code LIKE '3504%'"
    )
    assert (
        sql(Jurisdiction(scope=Scope.UNIT, unit="350424010000"))
        == "household.station_code = '350424010000'"
    )
    assert sql(Jurisdiction(scope=Scope.SELF, data_subjects=("A", "B"))) == (
        "household.head_id IN ('A', 'B') OR household.number IN ('A', 'B')"
    )
    assert sql(Jurisdiction(scope=Scope.NONE)) == "false"
    # and a scope the record has no column for selects nothing
    assert sql(Jurisdiction(scope=Scope.REGION, region_prefix="3504"), region=None) == "false"


@Guarded()
@strawberry.type(description="Something.")
class Thing:
    code: str = strawberry.field(description="Its code.", extensions=[Guard(PUBLIC)])
    secret: str = strawberry.field(description="Forgotten.")


@strawberry.type(description="Root.")
class ThingQuery:
    @strawberry.field(description="The thing.")
    def thing(self) -> Thing:
        return Thing(code="1", secret="x")


def test_a_schema_with_an_unclassified_field_is_not_built() -> None:
    # given a type that declares a class on one field and forgets the other
    definition = SubgraphDefinition(
        name="things", title="Things", metadata=MetaData(), query=ThingQuery
    )
    settings = SubgraphSettings(name="things", database_url="sqlite+aiosqlite:///:memory:")
    # when its schema is built, then the kit refuses, naming the field
    with pytest.raises(TypeError, match=r"Thing\.secret declares no field class"):
        build_schema(definition, settings)
