"""Our composer's own behaviour: inputs Apollo would take that we refuse, names, versions."""

from __future__ import annotations

import pytest

from gateway.compose import CompositionError, SubgraphSource, compose
from gateway.compose.context import graph_enum_names

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v{version}", import: ["@key"])'
)
SDL = """
type Query {
  thing(id: ID!): Thing
}

type Thing @key(fields: "id") {
  id: ID!
}
"""
DEFINITIONS = """
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])
  repeatable on SCHEMA
scalar FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
scalar _Any
union _Entity = Thing
type _Service { sdl: String }
"""


def source(sdl: str, name: str = "things") -> SubgraphSource:
    """A subgraph named `name` at a placeholder url."""
    return SubgraphSource(name, f"http://{name}.invalid/graphql", sdl)


def codes(errors: list[CompositionError]) -> list[str]:
    """The error codes, in order."""
    return [error.code for error in errors]


def test_graph_enum_values_are_sanitized_like_apollo() -> None:
    # given subgraph names with dashes, digits and clashes, then the join__Graph values are Apollo's
    assert graph_enum_names(["1st", "a-b", "a_b", "x_1", "plain"]) == [
        "_1ST",
        "A_B_1",
        "A_B_2",
        "X_1_",
        "PLAIN",
    ]


@pytest.mark.parametrize(("version", "join"), [("2.0", "v0.3"), ("2.7", "v0.4"), ("2.11", "v0.5")])
def test_join_version_follows_the_newest_federation_version(version: str, join: str) -> None:
    # given a subgraph on a federation version, then the supergraph links the matching join spec
    result = compose([source(LINK.format(version=version) + SDL)])
    assert result.supergraph_sdl is not None
    assert (
        f'@link(url: "https://specs.apollo.dev/join/{join}", for: EXECUTION)'
        in result.supergraph_sdl
    )


def test_federation_definitions_may_be_present_or_absent() -> None:
    # given the same subgraph with and without the federation definitions and _service types,
    # then both compose to the same supergraph
    bare = compose([source(LINK.format(version="2.3") + SDL)])
    link = LINK.format(version="2.3").replace('["@key"]', '["@key", "FieldSet"]')
    full = compose([source(link + SDL + DEFINITIONS)])
    assert bare.errors == [] and full.errors == []
    assert bare.supergraph_sdl == full.supergraph_sdl


def test_federation_definitions_must_match_the_specification() -> None:
    # given a @key definition whose `fields` has the wrong type (FieldSet is not imported),
    # then composition fails like Apollo's, with DIRECTIVE_DEFINITION_INVALID
    result = compose([source(LINK.format(version="2.3") + SDL + DEFINITIONS)])
    assert codes(result.errors) == ["DIRECTIVE_DEFINITION_INVALID"]
    assert 'should have type "federation__FieldSet!" but found type "FieldSet!"' in str(
        result.errors
    )


def test_federation_1_subgraphs_are_refused() -> None:
    # given a subgraph without a federation 2 @link, then it is refused (Apollo would upgrade it)
    result = compose([source(SDL)])
    assert result.supergraph_sdl is None
    assert codes(result.errors) == ["UNSUPPORTED_FEATURE"]


def test_directives_we_do_not_compose_are_refused() -> None:
    # given a subgraph applying @authenticated, then composition refuses instead of dropping it
    sdl = SDL.replace("thing(id: ID!): Thing", "thing(id: ID!): Thing @authenticated")
    link = LINK.format(version="2.5").replace('["@key"]', '["@key", "@authenticated"]')
    result = compose([source(link + sdl)])
    assert codes(result.errors) == ["UNSUPPORTED_FEATURE"]
    assert "@authenticated" in result.errors[0].message


def test_duplicate_and_missing_subgraphs_are_errors() -> None:
    # given two subgraphs with one name, or none at all, then composition fails
    sdl = LINK.format(version="2.3") + SDL
    assert codes(compose([source(sdl), source(sdl)]).errors) == ["INVALID_SUBGRAPH_NAME"]
    assert codes(compose([]).errors) == ["NO_QUERIES"]


def test_unparsable_sdl_is_invalid_graphql() -> None:
    # given an SDL with a syntax error, then the error names the subgraph
    result = compose([source("type Query {")])
    assert codes(result.errors) == ["INVALID_GRAPHQL"]
    assert result.errors[0].message.startswith("[things] Syntax Error")
    assert str(result.errors[0]).startswith("INVALID_GRAPHQL: [things]")
