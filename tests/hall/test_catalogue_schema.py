"""The catalogue in GraphQL, served by the subgraph kit: public guides, working days, deadlines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from sqlalchemy import MetaData

from authz.actor import Actor
from authz.headers import ActorHeaders
from authz.keys import KeySet
from hall.catalogue import SERVICES
from hall.catalogue_schema import CatalogueQuery
from subgraph.app import create_subgraph_app
from subgraph.definition import SubgraphDefinition
from subgraph.schema import build_schema
from subgraph.settings import SubgraphSettings
from tests.conftest import ActorAuth, citizen, staff
from tests.memory_sink import MemoryAuditSink

CITIZEN = citizen("350424200801010018")
# The rule every agency grants: keys, codes and reference data for everyone.
PUBLIC_POLICY = "p, *, *, PUBLIC, *, ALL, allow\n"

ID_CARD = """
{
  service(code: "ID_CARD_REISSUE") {
    code nameZh nameEn
    agency { code nameZh nameEn }
    fee { amountFen basisZh account { code nameZh agency { code } } }
    acceptingUnit { agency { code } level regionField }
    timeLimit { legalWorkingDays extensionWorkingDays promisedWorkingDays }
    deliveryOptions { method nameZh }
    formFields { key valueType required maxLength choices { code nameZh nameEn } }
    forms { code titleZh titleEn url }
  }
}
"""

MINOR_MATERIALS = """
{
  service(code: "ETHNICITY_CHANGE_MINOR") {
    applicants
    materials { code obtained source { agency { code } recordType } conditionEn originalRequired }
    legalSteps { agency { code } level workingDays extensionWorkingDays }
  }
}
"""


@strawberry.type(description="The hall's query, as the hall inherits the catalogue's.")
class Query(CatalogueQuery):
    pass


class Catalogue:
    """The catalogue's query served as a subgraph, answering as a given actor."""

    def __init__(self, policies: Path, keys: KeySet, mint: ActorHeaders) -> None:
        self.definition = SubgraphDefinition(
            name="hall", title="Hall", metadata=MetaData(), query=Query, policies=policies
        )
        self.keys = keys
        self.mint = mint
        self.sink = MemoryAuditSink()

    async def ask(self, query: str, actor: Actor = CITIZEN) -> dict[str, Any]:
        """Post one operation as `actor`; return the answer."""
        settings = SubgraphSettings(name="hall", database_url="sqlite+aiosqlite:///:memory:")
        app = create_subgraph_app(
            self.definition, settings, actor_keys=self.keys, audit_sink=self.sink
        )
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://hall",
                auth=ActorAuth(self.mint, actor, "hall"),
            ) as http:
                response = await http.post("/graphql", json={"query": query})
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result


@pytest.fixture
def hall(tmp_path: Path, actor_keys: KeySet, mint: ActorHeaders) -> Catalogue:
    """The catalogue on a policy granting public data to everyone."""
    policies = tmp_path / "policies.csv"
    policies.write_text(PUBLIC_POLICY, encoding="utf-8")
    return Catalogue(policies, actor_keys, mint)


def bad_input(message: str, path: str, column: int) -> dict[str, Any]:
    """The error of a refused argument of a root field."""
    return {
        "message": message,
        "locations": [{"line": 1, "column": column}],
        "path": [path],
        "extensions": {"code": "BAD_USER_INPUT"},
    }


async def test_a_service_guide_reads_as_public_reference_data(hall: Catalogue) -> None:
    # given a citizen, when they read the ID-card reissue's guide
    result = await hall.ask(ID_CARD)
    # then every part of it arrives, and reading reference data is no personal access
    lost_or_stolen = [
        {"code": "LOST", "nameZh": "遗失", "nameEn": "Lost"},
        {"code": "STOLEN", "nameZh": "被盗", "nameEn": "Stolen"},
    ]
    assert result == {
        "data": {
            "service": {
                "code": "ID_CARD_REISSUE",
                "nameZh": "居民身份证补领",
                "nameEn": "ID-card reissue",
                "agency": {
                    "code": "police",
                    "nameZh": "公安机关",
                    "nameEn": "Public security (police)",
                },
                "fee": {
                    "amountFen": 2000,
                    "basisZh": "补领居民身份证工本费 20 元",
                    "account": {
                        "code": "SM-POLICE-NON-TAX",
                        "nameZh": "三明市公安局非税收入汇缴账户",
                        "agency": {"code": "police"},
                    },
                },
                "acceptingUnit": {
                    "agency": {"code": "police"},
                    "level": "COUNTY",
                    "regionField": None,
                },
                "timeLimit": {
                    "legalWorkingDays": 30,
                    "extensionWorkingDays": 0,
                    "promisedWorkingDays": 7,
                },
                "deliveryOptions": [
                    {"method": "COURIER", "nameZh": "快递送达"},
                    {"method": "PICKUP", "nameZh": "窗口领取"},
                ],
                "formFields": [
                    {
                        "key": "reason",
                        "valueType": "CHOICE",
                        "required": True,
                        "maxLength": None,
                        "choices": lost_or_stolen,
                    },
                    {
                        "key": "lost_on",
                        "valueType": "DATE",
                        "required": False,
                        "maxLength": None,
                        "choices": [],
                    },
                ],
                "forms": [
                    {
                        "code": "application",
                        "titleZh": "申请表",
                        "titleEn": "Application form",
                        "url": "/hall/forms/ID_CARD_REISSUE/application.html",
                    }
                ],
            }
        }
    }
    assert hall.sink.records == []


async def test_materials_say_which_agency_shares_them(hall: Catalogue) -> None:
    # given the minor's ethnicity change, when its materials and steps are read
    result = await hall.ask(MINOR_MATERIALS)

    def shared(code: str, agency: str, record_type: str, condition: str | None = None) -> Any:
        return {
            "code": code,
            "obtained": "FETCHED",
            "source": {"agency": {"code": agency}, "recordType": record_type},
            "conditionEn": condition,
            "originalRequired": False,
        }

    # then fetched ones name their source; the child's statement is asked of the family
    assert result == {
        "data": {
            "service": {
                "applicants": ["PARENT_OR_GUARDIAN"],
                "materials": [
                    shared("household_record", "police", "Person"),
                    shared("parents_household_records", "police", "Person"),
                    shared("ethnicity_history", "police", "EthnicityRecord"),
                    shared("earlier_ethnicity_changes", "ethnic_affairs", "EthnicityChange"),
                    shared("parents_marriages", "civil_affairs", "Marriage"),
                    shared(
                        "adoption_record",
                        "civil_affairs",
                        "Adoption",
                        "when the change follows an adoptive parent",
                    ),
                    shared(
                        "guardianship_record",
                        "civil_affairs",
                        "Guardianship",
                        "when a guardian other than a parent applies",
                    ),
                    {
                        "code": "child_statement",
                        "obtained": "PROVIDED",
                        "source": None,
                        "conditionEn": "when the child is 16 or older",
                        "originalRequired": False,
                    },
                ],
                "legalSteps": [
                    {
                        "agency": {"code": "ethnic_affairs"},
                        "level": "COUNTY",
                        "workingDays": 10,
                        "extensionWorkingDays": 10,
                    },
                    {
                        "agency": {"code": "ethnic_affairs"},
                        "level": "CITY",
                        "workingDays": 10,
                        "extensionWorkingDays": 0,
                    },
                    {
                        "agency": {"code": "ethnic_affairs"},
                        "level": "COUNTY",
                        "workingDays": 10,
                        "extensionWorkingDays": 0,
                    },
                    {
                        "agency": {"code": "police"},
                        "level": "STATION",
                        "workingDays": 15,
                        "extensionWorkingDays": 0,
                    },
                ],
            }
        }
    }


async def test_every_service_is_listed_and_an_unknown_code_is_null(hall: Catalogue) -> None:
    # given staff handling applications, when they list the services and ask for an unknown one
    clerk = staff("police", purpose="SERVICE_APPLICATION", case=None)
    result = await hall.ask('{ services { code } service(code: "PASSPORT") { code } }', clerk)
    # then every service of the catalogue is listed, in order, and the unknown one is null
    assert result == {"data": {"services": [{"code": s.code} for s in SERVICES], "service": None}}


async def test_working_days_and_deadlines_follow_the_holidays(hall: Catalogue) -> None:
    # given spans over the 2026 Spring Festival and National Day
    query = """
    {
      springFestival: workingDays(from: "2026-02-12", to: "2026-02-24")
      backwards: workingDays(from: "2026-02-24", to: "2026-02-12")
      nationalDay: deadline(from: "2026-09-29", workingDays: 4)
      sameDay: deadline(from: "2026-10-03", workingDays: 0)
    }
    """
    # when counted, then holidays are skipped and the 调休 Saturday 10 October is worked
    assert await hall.ask(query) == {
        "data": {
            "springFestival": 3,
            "backwards": -3,
            "nationalDay": "2026-10-10",
            "sameDay": "2026-10-03",
        }
    }


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            '{ deadline(from: "2026-12-20", workingDays: 20) }',
            bad_input(
                "2027-01-01 is outside the working-day calendar (years covered: 2025, 2026)",
                "deadline",
                3,
            ),
        ),
        (
            '{ workingDays(from: "2026-01-01", to: "2027-03-01") }',
            bad_input("a span of more than 400 days", "workingDays", 3),
        ),
        (
            '{ workingDays(from: "2024-12-01", to: "2025-01-10") }',
            bad_input(
                "2024-12-01 is outside the working-day calendar (years covered: 2025, 2026)",
                "workingDays",
                3,
            ),
        ),
        (
            '{ deadline(from: "2026-03-02", workingDays: -1) }',
            bad_input("working days must be between 0 and 400", "deadline", 3),
        ),
        (
            '{ deadline(from: "2025-01-02", workingDays: 300) }',
            bad_input("a span of more than 400 days", "deadline", 3),
        ),
    ],
)
async def test_a_span_outside_the_calendar_or_too_long_is_refused(
    hall: Catalogue, query: str, error: dict[str, Any]
) -> None:
    # given a deadline reaching into 2027, a span over 400 days, or a negative limit
    # when asked, then the field is refused as bad input (never computed on weekdays alone)
    assert await hall.ask(query) == {"data": None, "errors": [error]}


def test_every_catalogue_field_has_a_description() -> None:
    # given the schema of the catalogue's query
    settings = SubgraphSettings(name="hall", database_url="sqlite+aiosqlite:///:memory:")
    definition = SubgraphDefinition(name="hall", title="Hall", metadata=MetaData(), query=Query)
    schema = build_schema(definition, settings)._schema
    # then every field and argument outside federation's own is described
    missing = [
        f"{type_name}.{field_name}{f'({argument})' if argument else ''}"
        for type_name, graphql_type in schema.type_map.items()
        if not type_name.startswith("_") and hasattr(graphql_type, "fields")
        for field_name, field in graphql_type.fields.items()
        if not field_name.startswith("_")
        for argument in [None, *field.args]
        if not (field.args[argument].description if argument else field.description)
    ]
    assert missing == []
