"""Our composer against Apollo's (@apollo/composition 2.14.4) on a corpus of subgraph sets.

Each folder of `corpus/` is one case, one `<subgraph>.graphql` file per subgraph. Valid cases
must give the same join metadata and API surface (compared as parsed structures); cases named
`error_<code>` must make both composers report that error code (and the same set of codes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from gateway.compose import Composition, SubgraphSource, compose
from subgraph.schema import federation_sdl
from tests.composition.test_compose import compose as apollo_compose
from tests.gateway.compose.shape import differences, supergraph_shape
from tongban.agencies import agency_definitions

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
VALID_CASES = [c for c in CASES if not c.startswith("error_")]
ERROR_CASES = [c for c in CASES if c.startswith("error_")]


def load_case(case: str) -> list[SubgraphSource]:
    """The subgraphs of a corpus case, with placeholder routing urls."""
    return [
        SubgraphSource(path.stem, f"http://{path.stem}.subgraph.invalid/graphql", path.read_text())
        for path in sorted((CORPUS / case).glob("*.graphql"))
    ]


def both(subgraphs: list[SubgraphSource]) -> tuple[Composition, dict[str, Any]]:
    """Compose with ours and with Apollo's."""
    theirs = apollo_compose([{"name": s.name, "url": s.url, "sdl": s.sdl} for s in subgraphs])
    return compose(subgraphs), theirs


def assert_same_supergraph(ours: Composition, theirs: dict[str, Any]) -> None:
    """Both succeed with the same join metadata and API surface."""
    assert theirs["errors"] == [], theirs["errors"]
    assert ours.errors == [], ours.errors
    assert ours.supergraph_sdl is not None
    found = differences(
        supergraph_shape(ours.supergraph_sdl), supergraph_shape(theirs["supergraphSdl"])
    )
    assert found == [], "\n".join(found)


def test_corpus_has_the_promised_cases() -> None:
    # given the corpus, then it has at least 12 valid cases and one per required error code
    assert len(VALID_CASES) >= 12
    for code in (
        "invalid_field_sharing",
        "key_invalid_fields",
        "key_fields_select_invalid_type",
        "external_unused",
        "field_type_mismatch",
        "field_argument_type_mismatch",
        "override_source_has_override",
    ):
        assert f"error_{code}" in ERROR_CASES


@pytest.mark.parametrize("case", VALID_CASES)
def test_valid_case_has_apollos_join_metadata(case: str) -> None:
    # given a valid subgraph set, when both compose it, then the supergraphs agree
    ours, theirs = both(load_case(case))
    assert_same_supergraph(ours, theirs)


@pytest.mark.parametrize("case", VALID_CASES)
def test_valid_case_prints_apollos_text_and_hints(case: str) -> None:
    # given a valid subgraph set, then even the SDL text and the hint codes are Apollo's
    ours, theirs = both(load_case(case))
    assert ours.supergraph_sdl == theirs["supergraphSdl"]
    assert sorted(h.code for h in ours.hints) == sorted(h["code"] for h in theirs["hints"])


@pytest.mark.parametrize("case", ERROR_CASES)
def test_error_case_reports_apollos_code(case: str) -> None:
    # given an invalid subgraph set, when both compose it,
    # then both fail with the code the case is named after, and the same codes overall
    ours, theirs = both(load_case(case))
    expected = case.removeprefix("error_").upper()
    our_codes = sorted({e.code for e in ours.errors})
    their_codes = sorted({e["code"] for e in theirs["errors"]})
    assert ours.supergraph_sdl is None and theirs["supergraphSdl"] is None
    assert expected in their_codes, theirs["errors"]
    assert expected in our_codes, ours.errors
    assert our_codes == their_codes


@pytest_asyncio.fixture(scope="module")
async def agency_subgraphs() -> list[SubgraphSource]:
    """The six agencies' SDLs as their subgraphs serve them at `_service { sdl }`."""
    return [
        SubgraphSource(
            d.name, f"http://127.0.0.1:8000/subgraphs/{d.name}/graphql", federation_sdl(d)
        )
        for d in agency_definitions()
    ]


def test_agency_subgraphs_compose_like_apollo(agency_subgraphs: list[SubgraphSource]) -> None:
    # given the platform's six agency subgraphs, when both compose them,
    # then the join metadata, API surface, text and hints agree
    ours, theirs = both(agency_subgraphs)
    assert_same_supergraph(ours, theirs)
    assert ours.supergraph_sdl == theirs["supergraphSdl"]
    assert [(h.code, h.message) for h in ours.hints] == [
        (h["code"], h["message"]) for h in theirs["hints"]
    ]


def test_gateway_test_bed_subgraphs_compose_like_apollo() -> None:
    # given the gateway test bed's Strawberry subgraphs, when both compose them, then they agree
    from tests.gateway.subgraphs import SUBGRAPHS

    subgraphs = []
    for name, schema in SUBGRAPHS.items():
        result = schema.execute_sync("{ _service { sdl } }")
        assert result.data is not None, result.errors
        subgraphs.append(
            SubgraphSource(name, f"http://{name}.invalid/graphql", result.data["_service"]["sdl"])
        )
    ours, theirs = both(subgraphs)
    assert_same_supergraph(ours, theirs)
    assert ours.supergraph_sdl == theirs["supergraphSdl"]
