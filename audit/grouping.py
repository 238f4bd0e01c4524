"""Group commit: concurrent batches share one write; each caller learns whether its batch landed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


class AuditWriteError(RuntimeError):
    """The batch could not be written (the access it describes must not be released)."""


@dataclass
class _Batch(Generic[T]):
    items: list[T]
    done: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class GroupCommit(Generic[T]):
    """Coalesces the batches submitted while a write is in flight into the next single write.

    Each batch stays atomic: a group is written in one transaction, and when a group fails
    its batches are retried one by one so that only the batch at fault is refused.
    """

    def __init__(self, write: Callable[[Sequence[T]], Awaitable[None]], *, max_items: int) -> None:
        self._write = write
        self._max_items = max_items
        self._waiting: list[_Batch[T]] = []
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, items: Sequence[T]) -> None:
        """Write `items` atomically (possibly with other callers' batches); raise if not written."""
        batch = _Batch(list(items))
        self._waiting.append(batch)
        writer = self._writer
        if writer is None or writer.done() or writer.get_loop() is not asyncio.get_running_loop():
            self._writer = asyncio.create_task(self._drain())
        await batch.done

    async def _drain(self) -> None:
        try:
            while self._waiting:
                await self._write_group(self._take())
        finally:
            self._writer = None
            for batch in self._waiting:  # only left over when the writer was cancelled
                _fail(batch, AuditWriteError("the audit writer stopped before writing"))
            self._waiting = []

    def _take(self) -> list[_Batch[T]]:
        group: list[_Batch[T]] = []
        size = 0
        while self._waiting and (
            not group or size + len(self._waiting[0].items) <= self._max_items
        ):
            batch = self._waiting.pop(0)
            group.append(batch)
            size += len(batch.items)
        return group

    async def _write_group(self, group: list[_Batch[T]]) -> None:
        try:
            await self._write([item for batch in group for item in batch.items])
        except Exception as error:
            if len(group) == 1:
                _fail(group[0], error)
                return
            for batch in group:
                await self._write_group([batch])
        except BaseException:
            for batch in group:
                _fail(batch, AuditWriteError("the audit write was cancelled"))
            raise
        else:
            for batch in group:
                if not batch.done.done():
                    batch.done.set_result(None)


def _fail(batch: _Batch[T], error: BaseException) -> None:
    if not batch.done.done():
        batch.done.set_exception(error)
