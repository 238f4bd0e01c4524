"""`tongban compose`: sources from files, live subgraphs or the platform; exit statuses."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import httpx
import pytest

from audit.subgraph import definition as audit_subgraph
from gateway.compose import SubgraphSource, compose
from gateway.compose.cli import (
    ComposeInputError,
    SubgraphArgument,
    fetch_sdl,
    parse_subgraph_argument,
    run,
)
from tongban.agencies import AGENCY_NAMES, agency_definitions, served_definitions
from tongban.cli import main
from tongban.supergraph import platform_sources

CORPUS = Path(__file__).resolve().parent / "corpus"
ACCOUNTS = CORPUS / "keys_single" / "accounts.graphql"
REVIEWS = CORPUS / "keys_single" / "reviews.graphql"
MISMATCH = CORPUS / "error_field_type_mismatch"


def expected_sdl(*sources: SubgraphSource) -> str:
    """What our composer gives for these sources."""
    result = compose(list(sources))
    assert result.supergraph_sdl is not None
    return result.supergraph_sdl + "\n"


def test_files_compose_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    # given two SDL files, when composed, then the supergraph is printed and the status is 0
    status = main(
        ["compose", "--subgraph", f"accounts={ACCOUNTS}", "--subgraph", f"reviews={REVIEWS}"]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert out == expected_sdl(
        SubgraphSource("accounts", "http://accounts.invalid/graphql", ACCOUNTS.read_text()),
        SubgraphSource("reviews", "http://reviews.invalid/graphql", REVIEWS.read_text()),
    )


def test_file_with_url_routes_there_and_writes_output(tmp_path: Path) -> None:
    # given FILE@URL sources and --output, then the file holds a supergraph routing to the URLs
    output = tmp_path / "supergraph.graphql"
    status = main([
        "compose",
        "--subgraph", f"accounts={ACCOUNTS}@http://accounts:4001/graphql",
        "--subgraph", f"reviews={REVIEWS}@https://reviews.example/graphql",
        "--output", str(output),
    ])  # fmt: skip
    assert status == 0
    text = output.read_text()
    assert 'ACCOUNTS @join__graph(name: "accounts", url: "http://accounts:4001/graphql")' in text
    assert 'REVIEWS @join__graph(name: "reviews", url: "https://reviews.example/graphql")' in text


def test_composition_errors_exit_1_with_codes(capsys: pytest.CaptureFixture[str]) -> None:
    # given subgraphs that disagree on a field's type, then status 1 and `CODE: message` lines
    args = ["compose", "--subgraph", f"one={MISMATCH / 'one.graphql'}"]
    status = main([*args, "--subgraph", f"two={MISMATCH / 'two.graphql'}"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert captured.err.startswith('FIELD_TYPE_MISMATCH: Type of field "Thing.size"')


@pytest.mark.parametrize("argument", ["accounts", "=x.graphql", "accounts=", "a=@http://x/graphql"])
def test_malformed_argument_exits_2(argument: str, capsys: pytest.CaptureFixture[str]) -> None:
    # given a --subgraph value that is not NAME=SOURCE, then argparse stops with status 2
    with pytest.raises(SystemExit) as stopped:
        main(["compose", "--subgraph", argument])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "NAME=SOURCE" in err or "missing SDL file" in err


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # given a file that does not exist, then status 2 and a message naming it
    with pytest.raises(SystemExit) as stopped:
        main(["compose", "--subgraph", f"ghost={tmp_path / 'ghost.graphql'}"])
    assert stopped.value.code == 2
    assert "cannot read" in capsys.readouterr().err


def test_invalid_sdl_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # given an SDL file that does not parse, then status 2 and the syntax error
    broken = tmp_path / "broken.graphql"
    broken.write_text("type Query { a: }")
    with pytest.raises(SystemExit) as stopped:
        main(["compose", "--subgraph", f"broken={broken}"])
    assert stopped.value.code == 2
    assert "subgraph 'broken' has invalid SDL" in capsys.readouterr().err


def test_duplicate_names_and_unwritable_output_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given the same name twice, or an output in a missing directory, then status 2
    with pytest.raises(SystemExit) as stopped:
        main(["compose", "--subgraph", f"a={ACCOUNTS}", "--subgraph", f"a={REVIEWS}"])
    assert stopped.value.code == 2
    assert "more than once" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["compose", "--subgraph", f"a={ACCOUNTS}", "--output", str(tmp_path / "no" / "x")])
    assert stopped.value.code == 2
    assert "cannot write" in capsys.readouterr().err


def test_unreachable_url_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    # given a live source on a port nothing listens on, then status 2
    with pytest.raises(SystemExit) as stopped:
        main(["compose", "--subgraph", "dead=http://127.0.0.1:9/graphql"])
    assert stopped.value.code == 2
    assert "cannot reach http://127.0.0.1:9/graphql" in capsys.readouterr().err


def test_without_subgraphs_composes_the_platform(capsys: pytest.CaptureFixture[str]) -> None:
    # given no --subgraph, then the platform's subgraphs (six agencies, the hall and the audit
    # log) compose, routed to `tongban serve`'s urls
    assert main(["compose"]) == 0
    out = capsys.readouterr().out
    assert out == expected_sdl(*platform_sources([*served_definitions(), audit_subgraph]))
    for name in (*AGENCY_NAMES, "hall", "audit"):
        assert f'url: "http://127.0.0.1:8000/subgraphs/{name}/graphql"' in out


def test_argument_forms() -> None:
    # given the three SOURCE forms, then each parses to a name, a file or none, and a url
    assert parse_subgraph_argument("a=x.graphql") == SubgraphArgument(
        "a", Path("x.graphql"), "http://a.invalid/graphql"
    )
    assert parse_subgraph_argument("a=dir/x@y.graphql@http://h:1/g") == SubgraphArgument(
        "a", Path("dir/x@y.graphql"), "http://h:1/g"
    )
    assert parse_subgraph_argument("a=https://h/g") == SubgraphArgument("a", None, "https://h/g")
    with pytest.raises(argparse.ArgumentTypeError):
        parse_subgraph_argument("no-equals")


def sdl_server(sdl: str, seen: list[httpx.Request]) -> httpx.Client:
    """A client whose transport answers `_service { sdl }` like a subgraph."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": {"_service": {"sdl": sdl}}})

    return httpx.Client(transport=httpx.MockTransport(answer))


def test_fetch_sdl_asks_service_sdl() -> None:
    # given a live subgraph, when its SDL is fetched, then `{ _service { sdl } }` is POSTed
    seen: list[httpx.Request] = []
    with sdl_server(ACCOUNTS.read_text(), seen) as client:
        assert fetch_sdl("http://accounts/graphql", client) == ACCOUNTS.read_text()
    assert seen[0].method == "POST"
    assert json.loads(seen[0].content) == {"query": "{ _service { sdl } }"}


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(500, text="boom"),
        httpx.Response(200, text="not json"),
        httpx.Response(200, json={"errors": [{"message": "no _service"}]}),
        httpx.Response(200, json={"data": {"_service": {"sdl": None}}}),
    ],
)
def test_fetch_sdl_rejects_bad_answers(response: httpx.Response) -> None:
    # given a subgraph answering badly, then the fetch fails with a clear input error
    transport = httpx.MockTransport(lambda request: response)
    with httpx.Client(transport=transport) as client, pytest.raises(ComposeInputError):
        fetch_sdl("http://bad/graphql", client)


def test_fetch_sdl_reports_connection_errors() -> None:
    # given a transport that cannot connect, then the fetch fails naming the url
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with httpx.Client(transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(ComposeInputError, match="cannot reach http://x/graphql"):
            fetch_sdl("http://x/graphql", client)


def test_live_sources_route_to_their_own_url(capsys: pytest.CaptureFixture[str]) -> None:
    # given live agency subgraphs (served by a mock transport), when composed,
    # then the supergraph equals the platform's but routes to the live urls
    sdls = {s.name: s.sdl for s in platform_sources(agency_definitions())}

    def answer(request: httpx.Request) -> httpx.Response:
        name = request.url.host.removesuffix(".live")
        return httpx.Response(200, json={"data": {"_service": {"sdl": sdls[name]}}})

    arguments = [SubgraphArgument(n, None, f"http://{n}.live/graphql") for n in AGENCY_NAMES]
    namespace = argparse.Namespace(subgraph=arguments, output=None)
    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        assert run(namespace, client) == 0
    out = capsys.readouterr().out
    assert out == expected_sdl(
        *(SubgraphSource(n, f"http://{n}.live/graphql", sdls[n]) for n in AGENCY_NAMES)
    )
