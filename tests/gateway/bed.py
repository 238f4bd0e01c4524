"""The gateway test bed: serve the test subgraphs over HTTP and compose their supergraph.

`serve_subgraphs()` runs every subgraph of `tests.gateway.subgraphs` in one uvicorn server
(in a background thread, on a free 127.0.0.1 port), each at `/<name>/graphql`.
`compose_supergraph(urls)` composes their federation SDLs with Apollo's composition
library (`tests/composition/compose.mjs`) into a supergraph SDL naming those urls.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator, Mapping

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount, Route
from strawberry.asgi import GraphQL
from strawberry.federation import Schema

from tests.composition.test_compose import compose
from tests.gateway.subgraphs import SUBGRAPHS

HOST = "127.0.0.1"
STARTUP_TIMEOUT_SECONDS = 10.0

# The urls composed into the committed tests/gateway/supergraph.graphql; gateways under
# test override them per subgraph with the urls `serve_subgraphs()` yields.
FIXED_PORT = 4001


def subgraph_url(name: str, port: int, host: str = HOST) -> str:
    return f"http://{host}:{port}/{name}/graphql"


def fixed_urls() -> dict[str, str]:
    """The urls written into the committed supergraph: http://127.0.0.1:4001/<name>/graphql."""
    return {name: subgraph_url(name, FIXED_PORT) for name in SUBGRAPHS}


def subgraphs_app(subgraphs: Mapping[str, Schema] = SUBGRAPHS) -> Starlette:
    """One Starlette app serving each schema at /<name>/graphql."""
    return Starlette(
        routes=[
            # Mount + Route rather than Mount("/<name>/graphql"), which would answer
            # with a redirect to "/<name>/graphql/".
            Mount(f"/{name}", routes=[Route("/graphql", GraphQL(schema, graphql_ide=None))])
            for name, schema in subgraphs.items()
        ]
    )


@contextlib.contextmanager
def serve_subgraphs(subgraphs: Mapping[str, Schema] = SUBGRAPHS) -> Iterator[dict[str, str]]:
    """Serve the subgraphs in a background uvicorn server; yield {name: url}."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        subgraphs_app(subgraphs), log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="test-subgraphs", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test subgraphs' uvicorn server did not start")
            time.sleep(0.01)
        yield {name: subgraph_url(name, port) for name in subgraphs}
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT_SECONDS)
        sock.close()


def service_sdl(schema: Schema) -> str:
    """The subgraph's federation SDL, as a gateway reads it: `{ _service { sdl } }`."""
    result = schema.execute_sync("{ _service { sdl } }")
    assert result.errors is None and result.data is not None, result.errors
    sdl: str = result.data["_service"]["sdl"]
    return sdl


class CompositionError(AssertionError):
    """Apollo composition rejected the test subgraphs."""


def compose_supergraph(urls: Mapping[str, str], subgraphs: Mapping[str, Schema] = SUBGRAPHS) -> str:
    """Compose the subgraphs (served at `urls`) into a supergraph SDL, or raise."""
    missing = sorted(set(subgraphs) - set(urls))
    if missing:
        raise ValueError(f"no url for subgraph(s) {', '.join(missing)}")
    result = compose(
        [
            {"name": name, "url": urls[name], "sdl": service_sdl(schema)}
            for name, schema in subgraphs.items()
        ]
    )
    if result["errors"] or not result["supergraphSdl"]:
        details = "\n".join(f"{e['code']}: {e['message']}" for e in result["errors"])
        raise CompositionError(f"Apollo composition failed:\n{details}")
    supergraph: str = result["supergraphSdl"]
    return supergraph if supergraph.endswith("\n") else supergraph + "\n"
