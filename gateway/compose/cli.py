"""`tongban compose`: reads subgraph SDLs (files or live subgraphs) and composes them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import httpx
from graphql import GraphQLError, parse

from gateway.compose.compose import compose
from gateway.compose.model import Composition, SubgraphSource

FETCH_TIMEOUT_SECONDS = 10.0
SERVICE_QUERY = "{ _service { sdl } }"


class ComposeInputError(ValueError):
    """A subgraph source cannot be read; the command exits with status 2."""


@dataclass(frozen=True)
class SubgraphArgument:
    """`--subgraph NAME=SOURCE`: an SDL file (with an optional `@URL`) or a live subgraph URL."""

    name: str
    path: Path | None
    url: str


def is_http_url(text: str) -> bool:
    """True for an `http://` or `https://` URL."""
    return text.startswith(("http://", "https://"))


def parse_subgraph_argument(text: str) -> SubgraphArgument:
    """Parse `NAME=FILE`, `NAME=FILE@URL` or `NAME=URL`; raises `ArgumentTypeError`."""
    name, equals, source = text.partition("=")
    name = name.strip()
    if not equals or not name or not source:
        raise argparse.ArgumentTypeError(
            f"expected NAME=SOURCE (SOURCE: FILE, FILE@URL or an http(s) URL), got {text!r}"
        )
    if is_http_url(source):
        return SubgraphArgument(name, None, source)
    path_text, at, url = source.rpartition("@")
    if at and is_http_url(url) and path_text:
        return SubgraphArgument(name, Path(path_text), url)
    if at and not path_text:
        raise argparse.ArgumentTypeError(f"missing SDL file before '@' in {text!r}")
    return SubgraphArgument(name, Path(source), f"http://{name}.invalid/graphql")


def fetch_sdl(url: str, client: httpx.Client | None = None) -> str:
    """A live subgraph's SDL from `{ _service { sdl } }`; raises `ComposeInputError`."""
    owned = client is None
    http = client or httpx.Client(timeout=FETCH_TIMEOUT_SECONDS)
    try:
        response = http.post(url, json={"query": SERVICE_QUERY})
    except httpx.HTTPError as error:
        raise ComposeInputError(f"cannot reach {url}: {error}") from None
    finally:
        if owned:
            http.close()
    if response.status_code != 200:
        raise ComposeInputError(f"{url} answered HTTP {response.status_code}")
    try:
        body = response.json()
        sdl = body["data"]["_service"]["sdl"]
    except (ValueError, KeyError, TypeError):
        raise ComposeInputError(f"{url} did not answer {SERVICE_QUERY} with an SDL") from None
    if not isinstance(sdl, str):
        raise ComposeInputError(f"{url} did not answer {SERVICE_QUERY} with an SDL")
    return sdl


def read_source(argument: SubgraphArgument, client: httpx.Client | None = None) -> SubgraphSource:
    """Read (or fetch) one subgraph's SDL; raises `ComposeInputError`."""
    if argument.path is None:
        sdl = fetch_sdl(argument.url, client)
    else:
        try:
            sdl = argument.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ComposeInputError(f"cannot read {argument.path}: {error}") from None
    try:
        parse(sdl)
    except GraphQLError as error:
        raise ComposeInputError(f"subgraph {argument.name!r} has invalid SDL: {error}") from None
    return SubgraphSource(argument.name, argument.url, sdl)


def gather_sources(
    arguments: Sequence[SubgraphArgument],
    client: httpx.Client | None = None,
    default: Callable[[], list[SubgraphSource]] = list,
) -> list[SubgraphSource]:
    """The subgraphs named on the command line, or `default()` when none is."""
    if not arguments:
        return default()
    names = [a.name for a in arguments]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ComposeInputError(f"subgraph named more than once: {', '.join(duplicates)}")
    return [read_source(argument, client) for argument in arguments]


def report(result: Composition, output: Path | None, out: TextIO, err: TextIO) -> int:
    """Write the supergraph (exit 0) or the errors (exit 1); raises `ComposeInputError`."""
    if result.supergraph_sdl is None:
        for error in result.errors:
            print(f"{error.code}: {error.message}", file=err)
        return 1
    if output is None:
        out.write(result.supergraph_sdl + "\n")
        return 0
    try:
        output.write_text(result.supergraph_sdl + "\n", encoding="utf-8")
    except OSError as error:
        raise ComposeInputError(f"cannot write {output}: {error}") from None
    return 0


def run(
    args: argparse.Namespace,
    client: httpx.Client | None = None,
    default: Callable[[], list[SubgraphSource]] = list,
) -> int:
    """Carry out `tongban compose`; raises `ComposeInputError` (exit 2) on unusable input."""
    sources = gather_sources(args.subgraph, client, default)
    return report(compose(sources), args.output, sys.stdout, sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `tongban compose`."""
    parser.add_argument(
        "--subgraph",
        action="append",
        default=[],
        type=parse_subgraph_argument,
        metavar="NAME=SOURCE",
        help="a subgraph: NAME=FILE.graphql, NAME=FILE.graphql@URL or NAME=http(s)://live/url "
        "(repeatable; default: the platform's six agencies)",
    )
    parser.add_argument("--output", type=Path, help="write the supergraph SDL here, not stdout")
