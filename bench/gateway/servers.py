"""The processes of the benchmark: gateways, static and real subgraphs, all on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent
STATIC_SCRIPT = HERE / "static_subgraphs.mjs"
APOLLO_DIR = ROOT / "tests" / "gateway" / "apollo"
APOLLO_SCRIPT = APOLLO_DIR / "gateway.mjs"
READY_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 5.0
REQUEST_TIMEOUT_SECONDS = 30.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise SystemExit("bench.gateway: `node` is not on PATH (Node.js >= 20 is needed)")
    return found


def check_prerequisites() -> None:
    """Fail early, and clearly, when a tool the benchmark needs is missing."""
    node()
    if shutil.which("wrk") is None:
        raise SystemExit("bench.gateway: `wrk` is not installed: apt-get install -y wrk")
    if not (APOLLO_DIR / "node_modules" / "@apollo" / "gateway").is_dir():
        raise SystemExit(
            "bench.gateway: Apollo Gateway is not installed: npm ci --prefix tests/gateway/apollo"
        )
    if not (ROOT / "tests" / "composition" / "node_modules" / "@apollo").is_dir():
        raise SystemExit(
            "bench.gateway: @apollo/composition is not installed: npm ci --prefix tests/composition"
        )


@dataclass(frozen=True)
class Cores:
    """Which CPUs the gateway under test and everything else (load, subgraphs) run on."""

    gateway: str | None
    others: str | None

    @classmethod
    def pick(cls, pin: bool) -> Cores:
        cpus = sorted(os.sched_getaffinity(0))
        if not pin or len(cpus) < 2 or shutil.which("taskset") is None:
            return cls(None, None)
        # The gateway gets the last CPU to itself; wrk and the subgraphs share the rest.
        return cls(str(cpus[-1]), ",".join(str(c) for c in cpus[:-1]))


def pinned(command: Sequence[str], cpus: str | None) -> list[str]:
    """The command under `taskset -c cpus` (taskset execs it: the pid stays the command's)."""
    return ["taskset", "-c", cpus, *command] if cpus else list(command)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class Process:
    """A child process whose stderr is kept in a file, shown if it fails."""

    def __init__(
        self,
        name: str,
        command: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        ready_line: bool = False,
    ) -> None:
        self.name = name
        self.log: IO[bytes] = tempfile.TemporaryFile()
        # Only the node scripts' "ready <port>" line is read; uvicorn's access log (on
        # stdout) is written, as in production, but thrown away.
        self.popen = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if ready_line else subprocess.DEVNULL,
            stderr=self.log,
            cwd=ROOT,
            env=env,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def failure(self, message: str) -> SystemExit:
        self.log.seek(0)
        tail = self.log.read().decode(errors="replace")[-3000:]
        return SystemExit(f"bench.gateway: {self.name} {message}\n{tail}")

    def wait_for_ready_line(self) -> int:
        """Read the "ready <port>" line a node script prints once it listens."""
        assert self.popen.stdout is not None
        readable, _, _ = select.select([self.popen.stdout], [], [], READY_TIMEOUT_SECONDS)
        if not readable:
            raise self.failure(f"printed nothing within {READY_TIMEOUT_SECONDS:.0f} s")
        line = self.popen.stdout.readline().decode().strip()
        if not line.startswith("ready "):
            raise self.failure(f"did not start (said {line!r})")
        return int(line.split()[1])

    def wait_for_http(self, url: str) -> None:
        """Poll `url` until it answers 200."""
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise self.failure(f"exited with code {self.popen.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=1.0) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise self.failure(f"did not answer {url} within {READY_TIMEOUT_SECONDS:.0f} s")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far (all its threads)."""
        stat = Path(f"/proc/{self.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def peak_rss_mb(self) -> float:
        """The process's peak resident set (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise self.failure("has no VmHWM")

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        if self.popen.stdout is not None:
            self.popen.stdout.close()
        self.log.close()


@contextlib.contextmanager
def running(process: Process) -> Iterator[Process]:
    try:
        yield process
    finally:
        process.stop()


@dataclass
class Gateway:
    """A gateway under test: its process and where to POST GraphQL."""

    kind: str
    process: Process
    url: str


@contextlib.contextmanager
def our_gateway(supergraph: Path, urls: dict[str, str], cpus: str | None) -> Iterator[Gateway]:
    """`tongban gateway --profile production`: one uvicorn process."""
    port = free_port()
    overrides = [arg for name, url in urls.items() for arg in ("--subgraph", f"{name}={url}")]
    command = [
        sys.executable,
        "-m",
        "tongban",
        "gateway",
        "--supergraph",
        str(supergraph),
        "--port",
        str(port),
        "--profile",
        "production",
        *overrides,
    ]
    with running(Process("tongban gateway", pinned(command, cpus))) as process:
        process.wait_for_http(f"http://{HOST}:{port}/health/live")
        yield Gateway("tongban", process, f"http://{HOST}:{port}/graphql")


@contextlib.contextmanager
def apollo_gateway(supergraph: Path, urls: dict[str, str], cpus: str | None) -> Iterator[Gateway]:
    """Apollo Gateway 2 with @apollo/server (tests/gateway/apollo/gateway.mjs).

    NODE_ENV=production, as ours runs with its production profile.
    """
    command = [node(), str(APOLLO_SCRIPT), str(supergraph), json.dumps(urls), "0"]
    env = {**os.environ, "NODE_ENV": "production"}
    process = Process("Apollo Gateway", pinned(command, cpus), env=env, ready_line=True)
    with running(process):
        port = process.wait_for_ready_line()
        yield Gateway("apollo", process, f"http://{HOST}:{port}/")


GATEWAYS = {"tongban": our_gateway, "apollo": apollo_gateway}


@contextlib.contextmanager
def static_subgraphs(mode: str, argument: str, cpus: str | None) -> Iterator[str]:
    """The node record/replay server (static_subgraphs.mjs); yields its base url."""
    command = [node(), str(STATIC_SCRIPT), mode, argument, "0"]
    with running(
        Process(f"static subgraphs ({mode})", pinned(command, cpus), ready_line=True)
    ) as process:
        port = process.wait_for_ready_line()
        yield f"http://{HOST}:{port}"


@contextlib.contextmanager
def agency_subgraphs(data_dir: Path, people: int, cpus: str | None) -> Iterator[str]:
    """`tongban serve` over SQLite files in `data_dir`, seeded with `people` on first start."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "tongban",
        "serve",
        "--port",
        str(port),
        "--demo-people",
        str(people),
    ]
    # Both gateways call the subgraphs directly, and Apollo Gateway cannot sign actor tokens:
    # token-less calls run as the local development actor (every access still audited).
    env = {**os.environ, "TONGBAN_DATA_DIR": str(data_dir), "TONGBAN_REQUIRE_ACTOR": "0"}
    with running(Process("tongban serve", pinned(command, cpus), env=env)) as process:
        process.wait_for_http(f"http://{HOST}:{port}/health")
        yield f"http://{HOST}:{port}"


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT_SECONDS) as response:
        return json.loads(response.read())


def post_json(url: str, body: dict[str, Any]) -> Any:
    """POST a GraphQL request; return the parsed answer whatever the status."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", "accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"null")
