"""The replay guard remembers token ids until they expire, within bounded memory."""

from __future__ import annotations

from authz.replay import ReplayGuard


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ids_are_forgotten_after_expiry() -> None:
    clock = Clock()
    guard = ReplayGuard(clock=clock)
    assert guard.first_use("a", expires_at=1060.0) is True
    assert guard.first_use("a", expires_at=1060.0) is False
    clock.now = 1060.0
    assert guard.first_use("b", expires_at=1120.0) is True
    assert len(guard) == 1  # "a" expired and was dropped


def test_memory_is_bounded() -> None:
    # given a full guard, when another id arrives, then the one closest to expiry makes room
    guard = ReplayGuard(capacity=3, clock=Clock())
    for index, expiry in enumerate((1030.0, 1010.0, 1020.0)):
        assert guard.first_use(f"t{index}", expires_at=expiry)
    assert guard.first_use("t3", expires_at=1060.0)
    assert (len(guard), guard.evicted) == (3, 1)
    assert guard.first_use("t1", expires_at=1010.0) is True  # the evicted one
    assert guard.first_use("t0", expires_at=1030.0) is False
