"""Remembers actor-token ids until they expire, so a captured token cannot be played again."""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable

DEFAULT_CAPACITY = 100_000


class ReplayGuard:
    """A bounded set of seen token ids (`jti`), each forgotten once its token has expired.

    Memory is bounded by `capacity`: tokens live at most a few minutes (see
    `tokens.MAX_LIFETIME_SECONDS`), so expired ids are dropped first; if the set is still full,
    the id closest to expiry is evicted (and counted in `evicted`), trading a tiny replay window
    for that one token against refusing every new call. One guard covers one process.
    """

    def __init__(
        self, *, capacity: int = DEFAULT_CAPACITY, clock: Callable[[], float] = time.time
    ) -> None:
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self._capacity = capacity
        self._clock = clock
        self._expiry: dict[str, float] = {}
        self._heap: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self.evicted = 0

    def __len__(self) -> int:
        return len(self._expiry)

    def first_use(self, jti: str, *, expires_at: float, now: float | None = None) -> bool:
        """Record a token id; return False if it was already seen and has not expired."""
        moment = self._clock() if now is None else now
        with self._lock:
            self._forget_expired(moment)
            if jti in self._expiry:
                return False
            while len(self._expiry) >= self._capacity:
                self._evict_one()
            self._expiry[jti] = expires_at
            heapq.heappush(self._heap, (expires_at, jti))
            return True

    def _forget_expired(self, now: float) -> None:
        while self._heap and self._heap[0][0] <= now:
            expires_at, jti = heapq.heappop(self._heap)
            if self._expiry.get(jti) == expires_at:
                del self._expiry[jti]

    def _evict_one(self) -> None:
        expires_at, jti = heapq.heappop(self._heap)
        if self._expiry.get(jti) == expires_at:
            del self._expiry[jti]
            self.evicted += 1
