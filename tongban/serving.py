"""Runs an app under uvicorn as a long-lived server process."""

from __future__ import annotations

import gc
from typing import Any


def serve(app: Any, *, host: str, port: int, **options: Any) -> None:
    """Serve `app` until stopped, with what is loaded so far kept out of the cyclic collector.

    Schemas, plans, ORM mappings and modules live as long as the process; full collections
    walking them were most of the gateway's p99 latency (100 -> 28 ms on the single-root
    query, `python -m bench.gateway`).
    """
    import uvicorn

    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=host, port=port, **options)
