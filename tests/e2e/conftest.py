"""Browser tests: `tongban serve` in its own process, driven in Debian's headless Chromium.

Playwright drives the system browser (`executable_path`; no browser is downloaded). Without
a browser the tests are skipped, unless TONGBAN_E2E_REQUIRED=1 (CI) makes that a failure.
Screenshots of each page go to TONGBAN_E2E_ARTIFACTS (default test-artifacts/e2e).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, Playwright, async_playwright

CHROMIUM = Path(os.environ.get("TONGBAN_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("TONGBAN_E2E_ARTIFACTS", "test-artifacts/e2e"))
# As the machine's closed network requires: no calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=zh-CN",
]
DEMO_PEOPLE = 100
STARTUP_SECONDS = 180


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`tongban serve` on a free port with a fresh data dir; its base URL."""
    home = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TONGBAN_") or key == "TONGBAN_TEST_POSTGRES_URL"
    }
    env["TONGBAN_DATA_DIR"] = str(home)
    log = (home / "serve.log").open("wb")
    command = [sys.executable, "-m", "tongban", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--demo-people", str(DEMO_PEOPLE)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    """Wait for `/health` to answer, failing early if the server dies."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tongban serve exited with {process.returncode}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("tongban serve did not become healthy in time")


@pytest_asyncio.fixture(scope="session")
async def playwright() -> AsyncIterator[Playwright]:
    """Playwright's driver (its asyncio API, on the tests' event loop)."""
    async with async_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The system's Chromium; skipped without one, failed without one in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("TONGBAN_E2E_REQUIRED") == "1":
            pytest.fail(f"no browser at {CHROMIUM}; install Debian's chromium package")
        pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest_asyncio.fixture(scope="session")
async def chromium(playwright: Playwright, chromium_path: Path) -> AsyncIterator[Browser]:
    """Headless Chromium from the system's package."""
    browser = await playwright.chromium.launch(
        executable_path=str(chromium_path), args=CHROMIUM_ARGS
    )
    yield browser
    await browser.close()


# Checks a browser can make on any page: a language, one h1, labelled controls, images with
# alternative text, buttons and links that say what they do.
ACCESSIBILITY_PROBLEMS = """() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  const headings = document.querySelectorAll("h1").length;
  if (headings !== 1) problems.push(`${headings} h1 elements`);
  for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    if (control.labels.length === 0 && !control.getAttribute("aria-label"))
      problems.push(`no label for ${control.name || control.id}`);
  }
  for (const image of document.querySelectorAll("img"))
    if (!image.getAttribute("alt")) problems.push(`no alt for ${image.src}`);
  for (const action of document.querySelectorAll("a, button"))
    if (!action.innerText.trim() && !action.getAttribute("aria-label"))
      problems.push(`an empty ${action.tagName.toLowerCase()}`);
  return problems;
}"""


class Shots:
    """Saves a numbered screenshot of each page a test visits, and checks it is accessible."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.problems: dict[str, list[str]] = {}
        shutil.rmtree(folder, ignore_errors=True)  # only this run's pages
        folder.mkdir(parents=True)

    async def take(self, page: Page, name: str) -> Path:
        """Save the whole page as `NN-name.png`; note what it lacks for assistive technology."""
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        await page.screenshot(path=str(path), full_page=True)
        found = await page.evaluate(ACCESSIBILITY_PROBLEMS)
        if found:
            self.problems[name] = found
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """Screenshots in a folder named after the test."""
    return Shots(ARTIFACTS / request.node.name)
