"""A small time-bounded memo for lookups the edge makes per caller."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TtlMemo(Generic[V]):
    """Remembers answers for `ttl` seconds, at most `size` of them (oldest dropped first)."""

    def __init__(self, *, ttl: float, size: int) -> None:
        self.ttl = ttl
        self.size = size
        self._entries: dict[Hashable, tuple[float, V]] = {}

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[V]]) -> V:
        """The remembered answer for `key`, or a new one (not remembered if `compute` raises)."""
        now = time.monotonic()
        remembered = self._entries.get(key)
        if remembered is not None and remembered[0] > now:
            return remembered[1]
        value = await compute()
        if len(self._entries) >= self.size:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (now + self.ttl, value)
        return value
