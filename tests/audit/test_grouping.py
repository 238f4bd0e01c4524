"""Group commit: concurrent batches share a write, stay whole, and fail alone."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from audit.grouping import AuditWriteError, GroupCommit


class Store:
    """A fake write that takes a while, and refuses any write containing 'bad'."""

    def __init__(self) -> None:
        self.writes: list[list[str]] = []

    async def write(self, items: Sequence[str]) -> None:
        await asyncio.sleep(0.01)
        if "bad" in items:
            raise RuntimeError("refused")
        self.writes.append(list(items))


async def test_batches_arriving_during_a_write_share_the_next_one() -> None:
    store = Store()
    group = GroupCommit(store.write, max_items=100)
    first = asyncio.create_task(group.submit(["0a", "0b"]))
    await asyncio.sleep(0.001)  # the first write is under way
    await asyncio.gather(*(group.submit([f"{n}a", f"{n}b"]) for n in range(1, 5)), first)
    # the first batch went alone; the four that queued behind it went together, in order
    assert store.writes == [["0a", "0b"], ["1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b"]]


async def test_a_group_is_capped_but_never_splits_a_batch() -> None:
    store = Store()
    group = GroupCommit(store.write, max_items=3)
    await asyncio.gather(*(group.submit([f"{n}a", f"{n}b"]) for n in range(4)))
    assert store.writes == [["0a", "0b"], ["1a", "1b"], ["2a", "2b"], ["3a", "3b"]]


async def test_only_the_failing_batch_is_refused() -> None:
    store = Store()
    group = GroupCommit(store.write, max_items=100)
    results = await asyncio.gather(
        group.submit(["first"]),
        group.submit(["ok-1"]),
        group.submit(["bad", "innocent-bystander"]),
        group.submit(["ok-2"]),
        return_exceptions=True,
    )
    assert [type(r).__name__ for r in results] == [
        "NoneType",
        "NoneType",
        "RuntimeError",
        "NoneType",
    ]
    assert store.writes == [["first"], ["ok-1"], ["ok-2"]]


async def test_a_cancelled_writer_fails_its_waiters() -> None:
    started = asyncio.Event()

    async def hang(items: Sequence[str]) -> None:
        started.set()
        await asyncio.sleep(60)

    group = GroupCommit(hang, max_items=10)
    waiter = asyncio.create_task(group.submit(["x"]))
    queued = asyncio.create_task(group.submit(["y"]))
    await started.wait()
    assert group._writer is not None
    group._writer.cancel()
    for task in (waiter, queued):
        with pytest.raises(AuditWriteError):
            await task
