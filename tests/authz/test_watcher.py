"""Policy reload without restart: an edited policies file takes effect within a bounded wait."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from authz.actor import Actor, ActorKind
from authz.enforcer import PolicyEnforcer
from authz.scope import Scope
from authz.watcher import PolicyFileWatcher

CLERK = Actor(
    subject="police:clerk",
    kind=ActorKind.STAFF,
    agency="police",
    roles=("household_clerk",),
    region="350424",
    purpose="HOUSEHOLD_ADMINISTRATION",
)
BEFORE = "p, CITIZEN, Person, BASIC, *, SELF, allow\n"
AFTER = BEFORE + "p, STAFF@police, Person, BASIC, HOUSEHOLD_ADMINISTRATION, REGION, allow\n"
BOUND_SECONDS = 5.0


def clerk_scope(enforcer: PolicyEnforcer) -> Scope:
    return enforcer.decide(CLERK, type_name="Person", field_class="BASIC").scope


async def test_edited_file_changes_the_next_decision(tmp_path: Path) -> None:
    # given a running watcher over a policies file that does not let clerks read persons
    path = tmp_path / "policies.csv"
    path.write_text(BEFORE)
    enforcer = PolicyEnforcer.from_file(path, agency="police")
    loop = asyncio.get_running_loop()
    reloaded = asyncio.Event()
    watcher = PolicyFileWatcher(
        enforcer, interval=0.05, on_reload=lambda _: loop.call_soon_threadsafe(reloaded.set)
    )
    watcher.start()
    try:
        assert clerk_scope(enforcer) is Scope.NONE
        # when the file is edited to grant them their region
        path.write_text(AFTER)
        started = time.monotonic()
        await asyncio.wait_for(reloaded.wait(), BOUND_SECONDS)
        # then the next decision, within the bound, sees the new rule without a restart
        assert clerk_scope(enforcer) is Scope.REGION
        assert time.monotonic() - started < BOUND_SECONDS
        assert enforcer.generation == 2
    finally:
        await watcher.stop()


def test_a_broken_edit_keeps_the_previous_policies(tmp_path: Path) -> None:
    path = tmp_path / "policies.csv"
    path.write_text(AFTER)
    enforcer = PolicyEnforcer.from_file(path, agency="police")
    watcher = PolicyFileWatcher(enforcer)
    # when someone saves a line with a top-level comma inside a field
    path.write_text(AFTER + "p, STAFF, Person, BASIC, AUDIT, ALL, allow, oops\n")
    assert watcher.poll() is False
    # then the old rules still decide, and the error names the file and line
    assert clerk_scope(enforcer) is Scope.REGION
    assert watcher.last_error is not None
    assert watcher.last_error.startswith(f"{path}:3: a p line has 6 fields")
    # and once the file is fixed the next poll loads it
    path.write_text(BEFORE)
    assert (watcher.poll(), watcher.last_error, clerk_scope(enforcer)) == (True, None, Scope.NONE)


def test_touching_without_change_does_not_reload(tmp_path: Path) -> None:
    path = tmp_path / "policies.csv"
    path.write_text(BEFORE)
    enforcer = PolicyEnforcer.from_file(path, agency="police")
    watcher = PolicyFileWatcher(enforcer)
    path.write_text(BEFORE)  # same bytes, new mtime
    assert (watcher.poll(), enforcer.generation) == (False, 1)
