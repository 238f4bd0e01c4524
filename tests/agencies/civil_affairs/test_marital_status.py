"""A person's marital status follows their marriage history."""

from __future__ import annotations

import pytest

from tests.conftest import GraphQL
from tests.population import scenario

MARITAL_STATUS = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { idNumber maritalStatus } }
}
"""


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mother", "MARRIED"),  # divorced, then remarried: the latest marriage stands
        ("father", "DIVORCED"),  # divorced and never remarried
        ("child", "SINGLE"),  # a boy of 12: no marriage at all
    ],
)
async def test_marital_status_of_the_remarried_family(
    graphql: GraphQL, role: str, status: str
) -> None:
    # given one member of the remarried_minor family (the mother divorced and remarried)
    id_number = scenario("remarried_minor").roles[role]
    # when the gateway asks for their marital status
    result = await graphql(
        "civil_affairs",
        MARITAL_STATUS,
        {"representations": [{"__typename": "Person", "idNumber": id_number}]},
    )
    # then it is derived from their marriages
    assert result == {"data": {"_entities": [{"idNumber": id_number, "maritalStatus": status}]}}
