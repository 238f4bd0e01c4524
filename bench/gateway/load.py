"""The load: wrk, closed loop, one thread, fixed connections and duration, a Lua POST body."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gateway.servers import pinned

# wrk reads the body from a file (no quoting trouble) and prints its figures as one JSON
# line; latencies are in microseconds.
SCRIPT = """
local file = assert(io.open("{body}", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {{\\"requests\\": %d, \\"duration_us\\": %d, \\"connect\\": %d, \\"read\\": %d, "
      .. "\\"write\\": %d, \\"status\\": %d, \\"timeout\\": %d, \\"p50_us\\": %.0f, "
      .. "\\"p99_us\\": %.0f, \\"max_us\\": %.0f}}\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class Load:
    """What wrk measured over one window."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


def write_script(directory: Path, name: str, body: dict[str, Any]) -> Path:
    """Write the request body and the Lua script that POSTs it; return the script."""
    body_path = directory / f"{name}.json"
    body_path.write_text(json.dumps(body), encoding="utf-8")
    script = directory / f"{name}.lua"
    script.write_text(SCRIPT.format(body=body_path), encoding="utf-8")
    return script


def run_wrk(url: str, script: Path, *, connections: int, seconds: float, cpus: str | None) -> Load:
    """Run wrk against `url` for `seconds`; it stops itself, and is killed if it hangs."""
    duration = max(1, round(seconds))
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        "10s",
        "--script",
        str(script),
        url,
    ]
    completed = subprocess.run(
        pinned(command, cpus),
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("BENCH ")]
    if completed.returncode != 0 or not lines:
        raise SystemExit(f"bench.gateway: wrk failed:\n{completed.stdout}\n{completed.stderr}")
    figures = json.loads(lines[-1].removeprefix("BENCH "))
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Load(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=errors,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
    )
