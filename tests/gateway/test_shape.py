"""Response shaping: the fields collected for a document are reused, never across flags."""

from __future__ import annotations

from tests.gateway.inprocess import in_process_gateway
from tests.gateway.test_apollo_bed import SKIP_INCLUDE_FALSE, SKIP_INCLUDE_TRUE


async def test_cached_document_is_shaped_by_each_requests_own_flags() -> None:
    # given one gateway, and one document whose fields hang on @skip/@include variables
    assert SKIP_INCLUDE_FALSE.document == SKIP_INCLUDE_TRUE.document
    async with in_process_gateway() as gw:
        # when it is sent with the flags off, on, then off again
        answers = [
            (
                await gw.client.post(
                    "/graphql",
                    json={"query": case.document, "variables": case.variables},
                )
            ).json()
            for case in (SKIP_INCLUDE_FALSE, SKIP_INCLUDE_TRUE, SKIP_INCLUDE_FALSE)
        ]
    # then each answer is the one that document and those flags give alone
    assert answers == [
        SKIP_INCLUDE_FALSE.expected,
        SKIP_INCLUDE_TRUE.expected,
        SKIP_INCLUDE_FALSE.expected,
    ]
