"""Serving an app: what is loaded before the server starts stays out of the collector."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import uvicorn

from tongban.serving import serve


def test_serve_freezes_loaded_objects_then_runs_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    # given uvicorn replaced by a recorder of how it was started
    started: list[tuple[Any, dict[str, Any], bool]] = []

    def run(app: Any, **options: Any) -> None:
        started.append((app, options, gc.get_freeze_count() > 0))

    monkeypatch.setattr(uvicorn, "run", run)
    app = object()
    gc.unfreeze()
    try:
        # when an app is served
        serve(app, host="127.0.0.1", port=8123, log_level="warning")
    finally:
        gc.unfreeze()
    # then uvicorn runs that app with those options, after the loaded objects were frozen
    assert started == [(app, {"host": "127.0.0.1", "port": 8123, "log_level": "warning"}, True)]
