"""The chain's canonical form is pinned: other verifiers must be able to recompute it."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from audit.chain import (
    GENESIS_HASH,
    HASHED_FIELDS,
    FieldValue,
    canonical,
    checkpoint_payload,
    encode_list,
    entry_hash,
    format_time,
)

RECORDED_AT = datetime(2026, 11, 2, 17, 30, 0, 250, tzinfo=timezone(timedelta(hours=8)))
FIELDS: dict[str, FieldValue] = {
    "seq": 1,
    "recorded_at": RECORDED_AT,
    "actor": "staff-01",
    "actor_kind": "staff",
    "agency": "police",
    "unit": None,
    "subgraph": "police",
    "data_subjects": '["350404199001011234"]',
    "type_name": "Person",
    "fields": '["birthDate","name"]',
    "purpose": "民族成份变更",
    "case_ref": "EC-1",
    "decision": "ALLOW",
    "request_id": "r-1",
}

CANONICAL = (
    '{"actor":"staff-01","actor_kind":"staff","agency":"police","case_ref":"EC-1",'
    '"data_subjects":"[\\"350404199001011234\\"]","decision":"ALLOW",'
    '"fields":"[\\"birthDate\\",\\"name\\"]","purpose":"民族成份变更",'
    '"recorded_at":"2026-11-02T09:30:00.000250Z","request_id":"r-1","seq":1,'
    '"subgraph":"police","type_name":"Person","unit":null}'
)


def test_canonical_form_is_sorted_compact_utf8_json_with_utc_times() -> None:
    # given an entry recorded at 17:30 in UTC+8, when serialized
    # then keys are sorted, no spaces, UTF-8 text, and the time is UTC with microseconds
    assert canonical(FIELDS) == CANONICAL.encode("utf-8")


def test_entry_hash_is_sha256_of_previous_hash_bytes_then_canonical() -> None:
    expected = hashlib.sha256(bytes(32) + CANONICAL.encode("utf-8")).hexdigest()
    assert GENESIS_HASH == "0" * 64
    assert entry_hash(GENESIS_HASH, FIELDS) == expected


ALTERED: dict[str, FieldValue] = {"seq": 2, "recorded_at": RECORDED_AT + timedelta(microseconds=1)}


@pytest.mark.parametrize("name", sorted(HASHED_FIELDS))
def test_every_hashed_field_changes_the_hash(name: str) -> None:
    changed = {**FIELDS, name: ALTERED.get(name, "x")}
    assert entry_hash(GENESIS_HASH, changed) != entry_hash(GENESIS_HASH, FIELDS)
    assert entry_hash("11" * 32, FIELDS) != entry_hash(GENESIS_HASH, FIELDS)


def test_canonical_refuses_missing_or_extra_fields() -> None:
    with pytest.raises(ValueError, match=r"missing \['unit'\]"):
        canonical({k: v for k, v in FIELDS.items() if k != "unit"})
    with pytest.raises(ValueError, match=r"unexpected \['prev_hash'\]"):
        canonical({**FIELDS, "prev_hash": GENESIS_HASH})


def test_times_must_be_aware_and_are_rendered_in_utc() -> None:
    assert format_time(datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC)) == "0999-01-02T03:04:05.000000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_time(datetime(2026, 11, 2, 9, 30))  # noqa: DTZ001


def test_lists_are_sorted_and_deduplicated() -> None:
    assert encode_list(["b", "a", "b", "张三"]) == '["a","b","张三"]'
    assert encode_list([]) == "[]"


def test_checkpoint_payload_names_its_type_head_time_and_key() -> None:
    payload = checkpoint_payload(
        seq=7, head_hash="ab" * 32, signed_at=datetime(2026, 11, 2, tzinfo=UTC), key_id="k1"
    )
    assert payload == (
        b'{"head_hash":"' + b"ab" * 32 + b'","key_id":"k1","seq":7,'
        b'"signed_at":"2026-11-02T00:00:00.000000Z","type":"tongban.audit.checkpoint.v1"}'
    )
