"""The gateway logs one JSON line per request, with its request id and outcome."""

from __future__ import annotations

import logging

import orjson
import pytest

from gateway.logs import JsonFormatter
from tests.gateway.inprocess import in_process_gateway


async def test_request_is_logged_as_json(caplog: pytest.LogCaptureFixture) -> None:
    # given the gateway, when a client sends a named query with a request id
    caplog.set_level(logging.INFO, logger="tongban.gateway")
    async with in_process_gateway() as gw:
        await gw.client.post(
            "/graphql",
            json={"query": "query Me { me { id } }", "operationName": "Me"},
            headers={"x-request-id": "req-42"},
        )
    # then one record describes it, and it formats as one JSON object
    (record,) = [r for r in caplog.records if r.name == "tongban.gateway"]
    entry = orjson.loads(JsonFormatter().format(record))
    del entry["time"], entry["duration_ms"]
    assert entry == {
        "level": "info",
        "logger": "tongban.gateway",
        "message": "graphql request",
        "request_id": "req-42",
        "operation_name": "Me",
        "kind": "query",
        "status": 200,
        "errors": 0,
    }


async def test_configured_headers_reach_subgraphs(caplog: pytest.LogCaptureFixture) -> None:
    # given a gateway told to propagate `x-tenant`, but not `cookie`
    from dataclasses import replace

    from gateway.config import profile_config

    base = profile_config("development")
    config = replace(base, edge=replace(base.edge, propagate_headers=("x-tenant",)))
    async with in_process_gateway(config) as gw:
        # when a client sends both
        await gw.client.post(
            "/graphql",
            json={"query": "{ me { id } }"},
            headers={"x-tenant": "sanming", "cookie": "secret=1", "x-request-id": "r-1"},
        )
        (request,) = gw.transport.requests
    # then the subgraph gets the tenant and the request id, never the cookie
    assert (
        request.headers.get("x-tenant"),
        request.headers.get("x-request-id"),
        request.headers.get("cookie"),
    ) == ("sanming", "r-1", None)
