"""Session fixtures of the gateway test bed: the test subgraphs and Apollo Gateway over them.

`apollo_gateway` needs the Node packages pinned in tests/gateway/apollo/package-lock.json:
`npm ci --prefix tests/gateway/apollo` (the Makefile's `test` target does it).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.gateway.bed import serve_subgraphs

HERE = Path(__file__).resolve().parent
SUPERGRAPH = HERE / "supergraph.graphql"
APOLLO_DIR = HERE / "apollo"
APOLLO_SCRIPT = APOLLO_DIR / "gateway.mjs"
APOLLO_PACKAGE = APOLLO_DIR / "node_modules" / "@apollo" / "gateway"
READY_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 5.0
QUERY_TIMEOUT_SECONDS = 10.0

Query = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture(scope="session")
def subgraph_urls() -> Iterator[dict[str, str]]:
    """Every test subgraph, served on a free local port: {name: url}."""
    with serve_subgraphs() as urls:
        yield urls


@pytest_asyncio.fixture(scope="session")
async def apollo_gateway(subgraph_urls: dict[str, str]) -> AsyncIterator[Query]:
    """Apollo Gateway over the committed supergraph, its subgraph urls overridden.

    Yields `async query(document, variables=None) -> dict`, the gateway's JSON answer
    (whatever the HTTP status).
    """
    if not APOLLO_PACKAGE.is_dir():
        pytest.fail(
            "@apollo/gateway is not installed: run npm ci --prefix tests/gateway/apollo",
            pytrace=False,
        )
    node = shutil.which("node")
    if node is None:
        pytest.fail("`node` is not on PATH; Node.js >= 20 is needed", pytrace=False)
    with tempfile.TemporaryFile(mode="w+b") as stderr:
        process = await asyncio.create_subprocess_exec(
            node,
            str(APOLLO_SCRIPT),
            str(SUPERGRAPH),
            json.dumps(subgraph_urls),
            "0",  # the OS picks a free port; the "ready <port>" line names it
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            cwd=APOLLO_DIR,
        )
        try:
            port = await _wait_until_ready(process, stderr)
            url = f"http://127.0.0.1:{port}/"
            async with httpx.AsyncClient(timeout=QUERY_TIMEOUT_SECONDS) as client:

                async def query(
                    document: str, variables: dict[str, Any] | None = None
                ) -> dict[str, Any]:
                    body: dict[str, Any] = {"query": document}
                    if variables is not None:
                        body["variables"] = variables
                    response = await client.post(url, json=body)
                    answer: dict[str, Any] = response.json()
                    return answer

                yield query
        finally:
            await _stop(process)


async def _wait_until_ready(process: asyncio.subprocess.Process, stderr: Any) -> int:
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), READY_TIMEOUT_SECONDS)
    except TimeoutError:
        line = b""
    text = line.decode().strip()
    if not text.startswith("ready "):
        await _stop(process)
        stderr.seek(0)
        log = stderr.read().decode(errors="replace")
        pytest.fail(f"Apollo Gateway did not start (stdout: {text!r}):\n{log}", pytrace=False)
    return int(text.removeprefix("ready "))


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    process.terminate()
    try:
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()
