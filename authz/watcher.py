"""Reloads an enforcer when its policies file changes, so every process follows without restart."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from pathlib import Path

from authz.enforcer import PolicyEnforcer
from authz.errors import PolicyError

logger = logging.getLogger("tongban.authz")

DEFAULT_INTERVAL_SECONDS = 2.0
Signature = tuple[int, int, int]


class PolicyFileWatcher:
    """Polls the policies file's (mtime, size, inode) and reloads the enforcer when it changes.

    Polling, not a notification service: the policies are a file shipped with each agency
    package, so a change has to reach each host's copy anyway, and a stat() every couple of
    seconds per process is free. A file that fails to parse is reported (`last_error`, log)
    and the previous policies stay in force until a corrected file is written.
    """

    def __init__(
        self,
        enforcer: PolicyEnforcer,
        *,
        interval: float = DEFAULT_INTERVAL_SECONDS,
        on_reload: Callable[[PolicyEnforcer], None] | None = None,
    ) -> None:
        if enforcer.path is None:
            raise ValueError("only an enforcer built from a file can be watched")
        self._enforcer = enforcer
        self._path: Path = enforcer.path
        self._interval = interval
        self._on_reload = on_reload
        # None: the first poll compares contents, catching an edit made since the load.
        self._signature: Signature | None = None
        self._task: asyncio.Task[None] | None = None
        self.last_error: str | None = None

    def poll(self) -> bool:
        """Check the file once; reload if it changed; return whether new policies took effect."""
        signature = _signature(self._path)
        if signature is None or signature == self._signature:
            return False
        self._signature = signature
        try:
            reloaded = self._enforcer.reload()
        except (PolicyError, OSError, UnicodeError) as error:
            self.last_error = str(error)
            logger.error("authz: keeping the previous policies: %s", error)
            return False
        self.last_error = None
        if reloaded and self._on_reload is not None:
            self._on_reload(self._enforcer)
        return reloaded

    async def run(self) -> None:
        """Poll forever (off the event loop thread) until cancelled."""
        while True:
            await asyncio.sleep(self._interval)
            try:
                await asyncio.to_thread(self.poll)
            except Exception:  # a watcher that dies silently would freeze the policies
                logger.exception("authz: polling %s failed", self._path)

    def start(self) -> asyncio.Task[None]:
        """Start polling in the running event loop (e.g. from an app's lifespan)."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self.run())
        return self._task

    async def stop(self) -> None:
        """Stop polling and wait for the poller to finish."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass


def _signature(path: Path) -> Signature | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:  # mid-replace: look again next time
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)
