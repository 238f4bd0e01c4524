"""The agency subgraph SDLs compose under Apollo's own composition library.

`compose.mjs` runs `composeServices` from the `@apollo/composition` version pinned in
`package-lock.json`; install it with `npm ci --prefix tests/composition`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from graphql import EnumTypeDefinitionNode, StringValueNode, parse

from subgraph.schema import federation_sdl
from tongban.agencies import agency_definitions

HERE = Path(__file__).resolve().parent
COMPOSE_SCRIPT = HERE / "compose.mjs"
COMPOSITION_PACKAGE = HERE / "node_modules" / "@apollo" / "composition"
NODE_TIMEOUT_SECONDS = 60

Subgraph = dict[str, str]
Composition = dict[str, Any]


def compose(subgraphs: list[Subgraph]) -> Composition:
    """Run `compose.mjs` on `[{name, url, sdl}, ...]` and return its JSON result."""
    if not COMPOSITION_PACKAGE.is_dir():
        pytest.fail(
            "@apollo/composition is not installed: run `npm ci --prefix tests/composition`",
            pytrace=False,
        )
    node = shutil.which("node")
    if node is None:
        pytest.fail("`node` is not on PATH; Node.js >= 18 is needed", pytrace=False)
    completed = subprocess.run(
        [node, str(COMPOSE_SCRIPT)],
        input=json.dumps(subgraphs),
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, f"compose.mjs failed:\n{completed.stderr}"
    result: Composition = json.loads(completed.stdout)
    return result


def graph_names(supergraph_sdl: str) -> list[str]:
    """Return the sorted subgraph names declared by the supergraph's `join__Graph` enum."""
    document = parse(supergraph_sdl)
    enums = [
        node
        for node in document.definitions
        if isinstance(node, EnumTypeDefinitionNode) and node.name.value == "join__Graph"
    ]
    assert len(enums) == 1, "the supergraph has no single join__Graph enum"
    names = []
    for value in enums[0].values or ():
        for directive in value.directives or ():
            if directive.name.value != "join__graph":
                continue
            for argument in directive.arguments or ():
                if argument.name.value == "name":
                    assert isinstance(argument.value, StringValueNode)
                    names.append(argument.value.value)
    return sorted(names)


def describe(result: Composition) -> str:
    return "\n".join(f"{error['code']}: {error['message']}" for error in result["errors"])


@pytest_asyncio.fixture(scope="module")
async def agency_subgraphs() -> list[Subgraph]:
    """Every agency's federation SDL, as served by `{ _service { sdl } }`."""
    return [
        {
            "name": definition.name,
            "url": f"http://{definition.name}.subgraph.invalid/graphql",
            "sdl": federation_sdl(definition),
        }
        for definition in agency_definitions()
    ]


@pytest.fixture(scope="module")
def agency_composition(agency_subgraphs: list[Subgraph]) -> Composition:
    """The composition of every agency subgraph, computed once per module."""
    return compose(agency_subgraphs)


def test_agencies_compose_without_errors(
    agency_subgraphs: list[Subgraph], agency_composition: Composition
) -> None:
    # given every agency's SDL, when Apollo composes them,
    # then there is no error and the supergraph names every agency
    assert agency_composition["errors"] == [], describe(agency_composition)
    supergraph = agency_composition["supergraphSdl"]
    assert isinstance(supergraph, str)
    expected = sorted(definition.name for definition in agency_definitions())
    assert expected == sorted(subgraph["name"] for subgraph in agency_subgraphs)
    assert graph_names(supergraph) == expected


def test_harness_reports_invalid_field_sharing() -> None:
    # given two subgraphs that both resolve a non-shareable Query.x
    sdl = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

        type Query {
          x: String
        }
    """
    # when they are composed
    result = compose(
        [
            {"name": "first", "url": "http://first.subgraph.invalid/graphql", "sdl": sdl},
            {"name": "second", "url": "http://second.subgraph.invalid/graphql", "sdl": sdl},
        ]
    )
    # then composition fails with INVALID_FIELD_SHARING on Query.x
    assert result["supergraphSdl"] is None
    codes = [error["code"] for error in result["errors"]]
    assert "INVALID_FIELD_SHARING" in codes, describe(result)
    sharing = next(e for e in result["errors"] if e["code"] == "INVALID_FIELD_SHARING")
    assert '"Query.x"' in sharing["message"]
