"""The committed supergraph is exactly what Apollo composes from the test subgraphs.

It names the fixed urls http://127.0.0.1:4001/<name>/graphql; gateways under test override
them per subgraph. Run with TONGBAN_UPDATE_SNAPSHOTS=1 to rewrite it after a deliberate
change to the subgraphs.
"""

from __future__ import annotations

import os

import httpx

from tests.composition.test_compose import graph_names
from tests.gateway.bed import compose_supergraph, fixed_urls, service_sdl
from tests.gateway.conftest import SUPERGRAPH
from tests.gateway.subgraphs import SUBGRAPHS


def test_committed_supergraph_is_up_to_date() -> None:
    # given the test subgraphs, when Apollo composes them with the fixed urls
    supergraph = compose_supergraph(fixed_urls())
    if os.environ.get("TONGBAN_UPDATE_SNAPSHOTS") == "1":
        SUPERGRAPH.write_text(supergraph, encoding="utf-8")
    # then the result is the committed supergraph, naming every subgraph
    assert supergraph == SUPERGRAPH.read_text(encoding="utf-8")
    assert graph_names(supergraph) == sorted(SUBGRAPHS)


async def test_served_subgraphs_answer_their_sdl(subgraph_urls: dict[str, str]) -> None:
    # given the subgraphs served over HTTP, when each is asked for its federation SDL
    async with httpx.AsyncClient() as client:
        for name, url in subgraph_urls.items():
            response = await client.post(url, json={"query": "{ _service { sdl } }"})
            # then it answers with the SDL of its own schema
            assert response.status_code == 200, name
            sdl = response.json()["data"]["_service"]["sdl"]
            assert sdl == service_sdl(SUBGRAPHS[name]), name
