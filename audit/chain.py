"""The hash chain: canonical serialization of an entry and the entry hash that links it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64
"""The `prev_hash` of entry 1: the chain starts from 32 zero bytes."""

HASHED_FIELDS = frozenset(
    {
        "seq",
        "recorded_at",
        "actor",
        "actor_kind",
        "agency",
        "unit",
        "subgraph",
        "data_subjects",
        "type_name",
        "fields",
        "purpose",
        "case_ref",
        "decision",
        "request_id",
    }
)
"""The columns an entry hash commits to (every column but `prev_hash` and `entry_hash`)."""

FieldValue = str | int | datetime | None


def format_time(moment: datetime) -> str:
    """Render an aware datetime in UTC as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (always 27 characters)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"audit times must be timezone-aware, got {moment!r}")
    utc = moment.astimezone(UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T"
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}.{utc.microsecond:06d}Z"
    )


def encode_list(values: Iterable[str]) -> str:
    """Encode strings as the canonical JSON text of their sorted, de-duplicated list."""
    return json.dumps(sorted(set(values)), ensure_ascii=False, separators=(",", ":"))


def canonical(fields: Mapping[str, FieldValue]) -> bytes:
    """Serialize an entry's hashed fields as sorted-key compact JSON in UTF-8."""
    if fields.keys() != HASHED_FIELDS:
        missing = sorted(HASHED_FIELDS - fields.keys())
        extra = sorted(fields.keys() - HASHED_FIELDS)
        raise ValueError(f"hashed fields mismatch: missing {missing}, unexpected {extra}")
    plain = {
        name: format_time(value) if isinstance(value, datetime) else value
        for name, value in fields.items()
    }
    text = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def entry_hash(prev_hash: str, fields: Mapping[str, FieldValue]) -> str:
    """Return hex sha256(prev_hash bytes || canonical(fields)): the entry's link in the chain."""
    digest = hashlib.sha256(bytes.fromhex(prev_hash))
    digest.update(canonical(fields))
    return digest.hexdigest()


def checkpoint_payload(*, seq: int, head_hash: str, signed_at: datetime, key_id: str) -> bytes:
    """Serialize what a checkpoint signature covers: the head it vouches for, when, and by whom."""
    statement = {
        "type": "tongban.audit.checkpoint.v1",
        "seq": seq,
        "head_hash": head_hash,
        "signed_at": format_time(signed_at),
        "key_id": key_id,
    }
    return json.dumps(statement, sort_keys=True, separators=(",", ":")).encode("ascii")
