"""What the kit tells an audit sink about each access to personal data (audit/ is one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class AccessRecord:
    """One decided access: who read (or was refused) which fields of whose records, and why."""

    time: datetime
    actor: str
    actor_kind: str
    agency: str | None
    unit: str | None
    subgraph: str
    data_subjects: tuple[str, ...]
    type_name: str
    fields: tuple[str, ...]
    purpose: str | None
    case: str | None
    decision: str  # "ALLOW" or "DENY"
    request_id: str | None


class AuditSink(Protocol):
    """Writes access records durably before the data they describe is released."""

    async def record(self, records: Sequence[AccessRecord]) -> None:
        """Persist the records; raise if they cannot be written (the data is then withheld)."""
        ...
