"""An audit sink for tests: keeps what the subgraphs write, or fails when told to."""

from __future__ import annotations

from collections.abc import Sequence

from subgraph.audit import AccessRecord


class AuditWriteFailed(Exception):
    """The sink was told to fail."""


class MemoryAuditSink:
    """Records every batch of access records in memory; `failing` makes writes raise."""

    def __init__(self, *, failing: bool = False) -> None:
        self.batches: list[tuple[AccessRecord, ...]] = []
        self.failing = failing

    async def record(self, records: Sequence[AccessRecord]) -> None:
        """Keep the batch, or raise if the sink is failing."""
        if self.failing:
            raise AuditWriteFailed("the audit store is down")
        self.batches.append(tuple(records))

    @property
    def records(self) -> list[AccessRecord]:
        """Every record written, in order."""
        return [record for batch in self.batches for record in batch]
