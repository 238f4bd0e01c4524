"""The personal fields one request read or was refused, collected for the audit."""

from __future__ import annotations

from typing import Any

from authz.actor import Actor
from subgraph.audit import AccessRecord
from subgraph.guard.declarations import Record

ALLOW, DENY = "ALLOW", "DENY"


class AccessNotes:
    """The personal fields one request read or was refused, per type and decision."""

    def __init__(self) -> None:
        self._notes: dict[tuple[str, str], tuple[set[str], set[str]]] = {}

    def __bool__(self) -> bool:
        return bool(self._notes)

    def note(self, record: Record, decision: str, label: str) -> None:
        """Note one field of one record as allowed or refused."""
        subjects, fields = self._notes.setdefault((record.type_name, decision), (set(), set()))
        subjects.update(record.subjects)
        fields.add(label)

    def records(
        self, *, actor: Actor, subgraph: str, time: Any, request_id: str | None
    ) -> list[AccessRecord]:
        """Return one access record per type and decision, subjects and fields sorted."""
        return [
            AccessRecord(
                time=time,
                actor=actor.subject,
                actor_kind=actor.kind.value,
                agency=actor.agency,
                unit=actor.unit,
                subgraph=subgraph,
                data_subjects=tuple(sorted(subjects)),
                type_name=type_name,
                fields=tuple(sorted(fields)),
                purpose=actor.purpose,
                case=actor.case,
                decision=decision,
                request_id=request_id,
            )
            for (type_name, decision), (subjects, fields) in sorted(self._notes.items())
        ]
