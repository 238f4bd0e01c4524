"""Access-log entries as the console's tables show them, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web.console.labels import purpose_name
from web.labels import ACTOR_KINDS, AGENCIES, DECISIONS, named
from web.times import when


@dataclass(frozen=True, kw_only=True)
class EntryRow:
    """One entry of the log, ready for a table row."""

    seq: int
    recorded_at: str  # the API's UTC DateTime, for <time datetime>
    time: str  # Beijing time
    actor: str
    actor_kind: str
    agency: str
    unit: str
    subgraph: str
    type_name: str
    fields: tuple[str, ...]
    subjects: tuple[str, ...]
    purpose: str
    purpose_code: str
    case: str
    decision: str
    decision_code: str
    request_id: str


def entry_row(item: dict[str, Any], language: str) -> EntryRow:
    """Turn one `AccessEntry` of the API into a row (missing fields shown empty)."""
    purpose = item.get("purpose") or {}
    code = purpose.get("code")
    return EntryRow(
        seq=int(item.get("seq") or 0),
        recorded_at=str(item.get("recordedAt") or ""),
        time=when(item.get("recordedAt"), seconds=True),
        actor=str(item.get("actor") or ""),
        actor_kind=named(language, ACTOR_KINDS, item.get("actorKind")),
        agency=named(language, AGENCIES, item.get("agency")),
        unit=str(item.get("unit") or ""),
        subgraph=named(language, AGENCIES, item.get("subgraph")),
        type_name=str(item.get("typeName") or ""),
        fields=tuple(item.get("fields") or ()),
        subjects=tuple(item.get("dataSubjects") or ()),
        purpose=purpose_name(language, code, purpose.get("zh"), purpose.get("en")),
        purpose_code=str(code or ""),
        case=str(item.get("case") or ""),
        decision=named(language, DECISIONS, item.get("decision")),
        decision_code=str(item.get("decision") or ""),
        request_id=str(item.get("requestId") or ""),
    )


def entry_rows(items: list[dict[str, Any]] | None, language: str) -> list[EntryRow]:
    """Rows of a page of entries."""
    return [entry_row(item, language) for item in items or ()]
