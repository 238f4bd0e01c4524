"""The Python gateway gives Apollo Gateway's answers on every case of the test bed.

The expected answers in `test_apollo_bed.CASES` are Apollo Gateway's, checked live there;
here the same documents go through our gateway. Where Apollo departs from the spec
(`APOLLO_DEVIATIONS`), the spec's answer is asserted instead.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.gateway.inprocess import in_process_gateway
from tests.gateway.test_apollo_bed import APOLLO_DEVIATIONS, CASES, Case, comparable

# The spec's answers where Apollo's differ (see APOLLO_DEVIATIONS for the reasons).
SPEC_ANSWERS: dict[str, dict[str, Any]] = {
    "inaccessible_enum_value_output": {
        "data": {"first": {"title": "The Hobbit", "format": "HARDCOVER"}, "audiobook": None},
        "errors": [
            {
                "message": "Enum 'Format' cannot represent value: \"AUDIOBOOK\"",
                "path": ["audiobook", "format"],
                "extensions": {"code": "INVALID_GRAPHQL"},
            }
        ],
    },
}


# graphql-core words some request errors differently from graphql-js (single quotes, and
# its own sentence for variable coercion); the meaning, code and location are the same.
WORDING: dict[str, list[str]] = {
    "inaccessible_enum_value_variable": [
        "Variable '$format' has invalid value: Value 'AUDIOBOOK' does not exist in 'Format' enum."
    ],
}


def worded(case: Case, answer: dict[str, Any]) -> dict[str, Any]:
    """Apollo's answer with request-error messages in graphql-core's words."""
    if "data" in answer or "errors" not in answer:
        return answer
    messages = WORDING.get(case.name) or [
        error["message"].replace('"', "'") for error in answer["errors"]
    ]
    errors = [{**e, "message": m} for e, m in zip(answer["errors"], messages, strict=True)]
    return {**answer, "errors": errors}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_python_gateway_answers_like_apollo(case: Case) -> None:
    # given the test subgraphs behind our gateway, when the case's document is sent
    async with in_process_gateway() as gw:
        response = await gw.client.post(
            "/graphql", json={"query": case.document, "variables": case.variables}
        )
    # then the answer is Apollo's (or the spec's, where Apollo departs from it)
    expected = SPEC_ANSWERS.get(case.name) or worded(case, case.expected)
    assert comparable(response.json()) == comparable(expected)


def test_every_deviation_has_a_spec_answer() -> None:
    # given Apollo's documented deviations, then each has the spec's answer written down
    assert sorted(SPEC_ANSWERS) == sorted(APOLLO_DEVIATIONS)
