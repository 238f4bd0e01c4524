"""Tampering done in raw SQL, past the triggers, is caught at the exact first bad entry.

The attacker (see conftest) can edit any row but does not hold the checkpoint key.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from audit.chain import HASHED_FIELDS, entry_hash
from audit.log import AuditLog
from audit.models import APPEND_ONLY_TABLES
from audit.signing import CheckpointSigner
from audit.verify import VerifyReport, verify
from subgraph.database import Database
from tests.audit.conftest import Attack, Attacker, access, fill

ENTRY_COLUMNS = [*sorted(HASHED_FIELDS - {"seq"}), "prev_hash", "entry_hash"]


async def check(database: Database, signer: CheckpointSigner) -> VerifyReport:
    return await verify(database, {signer.key_id: signer.public_key})


async def assert_bad(
    database: Database, signer: CheckpointSigner, seq: int, reason: str
) -> VerifyReport:
    report = await check(database, signer)
    assert (report.ok, report.first_bad_seq, report.reason) == (False, seq, reason)
    return report


@pytest.fixture
async def sealed(log: AuditLog, signer: CheckpointSigner, database: Database) -> AuditLog:
    """A log of 12 entries, checkpointed at 10 and 12, verified intact."""
    await fill(log, 10)
    await log.checkpoint(signer)
    await fill(log, 2)
    await log.checkpoint(signer)
    report = await check(database, signer)
    assert (report.ok, report.entries_checked, report.checkpoints_checked) == (True, 12, 2)
    return log


async def test_an_edited_field_is_caught_at_that_entry(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    async with attack() as attacker:
        await attacker.run("UPDATE {access_entry} SET purpose = 'curiosity' WHERE seq = 5")
    await assert_bad(database, signer, 5, "entry 5: entry_hash does not match its content (edited)")


async def test_an_edited_time_is_caught_at_that_entry(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    async with attack() as attacker:
        (row,) = await attacker.rows("SELECT recorded_at FROM {access_entry} WHERE seq = 3")
        earlier = row["recorded_at"]  # text on SQLite, a datetime on PostgreSQL
        if isinstance(earlier, str):
            later: Any = earlier.replace("09:33:00", "09:33:01")
        else:
            later = earlier + timedelta(seconds=1)
        await attacker.run("UPDATE {access_entry} SET recorded_at = :t WHERE seq = 3", t=later)
    await assert_bad(database, signer, 3, "entry 3: entry_hash does not match its content (edited)")


async def test_an_unreadable_value_is_caught_at_that_entry(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    if not database.is_sqlite:
        pytest.skip("PostgreSQL's column types refuse such values")
    async with attack() as attacker:
        await attacker.run("UPDATE {access_entry} SET recorded_at = 'yesterday' WHERE seq = 2")
    report = await check(database, signer)
    assert (report.ok, report.first_bad_seq) == (False, 2)
    assert report.reason is not None and report.reason.startswith("entry 2 cannot be read: ")


async def test_a_deleted_middle_entry_is_caught_where_it_is_missing(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    async with attack() as attacker:
        await attacker.run("DELETE FROM {access_subject} WHERE seq = 6")
        await attacker.run("DELETE FROM {access_entry} WHERE seq = 6")
    await assert_bad(database, signer, 6, "entry 6 is missing (the next entry is 7)")


async def test_a_deleted_and_renumbered_entry_is_caught_by_the_link(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    # given the attacker deletes entry 6 and closes the gap by renumbering 7.. down
    async with attack() as attacker:
        await attacker.run("DELETE FROM {access_subject} WHERE seq = 6")
        await attacker.run("DELETE FROM {access_entry} WHERE seq = 6")
        await shift(attacker, start=7, by=-1)
    # then entry 6 (formerly 7) no longer links to entry 5
    await assert_bad(
        database,
        signer,
        6,
        "entry 6: prev_hash does not match the hash of entry 5 "
        "(an entry was inserted, removed or reordered)",
    )


async def test_the_database_refuses_a_fork(sealed: AuditLog, database: Database) -> None:
    # given a second entry claiming entry 3 as its predecessor, inserted in plain SQL
    async with database.engine.connect() as connection:
        attacker = Attacker(database, connection)
        (third,) = await attacker.rows("SELECT * FROM {access_entry} WHERE seq = 3")
        fork = {**third, "seq": 50, "prev_hash": third["entry_hash"], "entry_hash": "ee" * 32}
        # then the unique prev_hash refuses it
        with pytest.raises(DBAPIError, match=r"(?i)unique"):
            await insert_entry(attacker, fork)


async def test_a_forged_entry_inserted_in_the_middle_is_caught_after_it(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    # given the attacker makes room at seq 4, inserts an entry correctly linked to entry 3,
    # and points the next entry at it (no fork)
    async with attack() as attacker:
        await shift(attacker, start=4, by=1)
        (third,) = await attacker.rows("SELECT * FROM {access_entry} WHERE seq = 3")
        forged = {**third, "seq": 4, "actor": "someone-else", "prev_hash": third["entry_hash"]}
        forged["entry_hash"] = entry_hash(
            third["entry_hash"], {name: decoded(forged, name) for name in HASHED_FIELDS}
        )
        await attacker.run(
            "UPDATE {access_entry} SET prev_hash = :h WHERE seq = 5", h=forged["entry_hash"]
        )
        await insert_entry(attacker, forged)
        await attacker.run(
            "INSERT INTO {access_subject} (seq, subject) SELECT 4, subject "
            "FROM {access_subject} WHERE seq = 3"
        )
    # then the forgery itself links, but the entry after it no longer hashes right
    report = await assert_bad(
        database, signer, 5, "entry 5: entry_hash does not match its content (edited)"
    )
    assert report.entries_checked == 4


async def test_a_forged_entry_with_a_made_up_hash_is_caught_at_itself(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    async with attack() as attacker:
        await shift(attacker, start=8, by=1)
        (seventh,) = await attacker.rows("SELECT * FROM {access_entry} WHERE seq = 7")
        await insert_entry(
            attacker, {**seventh, "seq": 8, "prev_hash": "ab" * 32, "entry_hash": "cd" * 32}
        )
    await assert_bad(
        database,
        signer,
        8,
        "entry 8: prev_hash does not match the hash of entry 7 "
        "(an entry was inserted, removed or reordered)",
    )


async def test_two_swapped_entries_are_caught_at_the_first(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    # given entries 3 and 7 exchange places: whole content, hashes and subject rows
    async with attack() as attacker:
        for table in ("access_entry", "access_subject"):
            for old, new in ((3, -3), (7, 3), (-3, 7)):
                await attacker.run(
                    f"UPDATE {{{table}}} SET seq = :new WHERE seq = :old", old=old, new=new
                )
    await assert_bad(
        database,
        signer,
        3,
        "entry 3: prev_hash does not match the hash of entry 2 "
        "(an entry was inserted, removed or reordered)",
    )


async def test_a_truncated_tail_after_a_checkpoint_is_caught_at_the_first_missing_entry(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    # given the attacker removes entries 9..12 (and checkpoint 12, which names the head)
    async with attack() as attacker:
        await attacker.run("DELETE FROM {access_subject} WHERE seq >= 9")
        await attacker.run("DELETE FROM {access_entry} WHERE seq >= 9")
        await attacker.run("DELETE FROM {checkpoint} WHERE seq = 12")
    # then checkpoint 10 still vouches for entries 9 and 10
    report = await assert_bad(
        database,
        signer,
        9,
        "entries 9 to 10 are missing: checkpoint 10 covers them but the log ends at entry 8",
    )
    assert report.entries_checked == 8


async def test_a_rewritten_chain_is_caught_by_the_checkpoint_that_covers_it(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack
) -> None:
    # given the attacker edits entry 4 and recomputes every hash after it: the links all hold
    async with attack() as attacker:
        rows = await attacker.rows("SELECT * FROM {access_entry} ORDER BY seq")
        previous = rows[2]["entry_hash"]
        for row in rows[3:]:
            if row["seq"] == 4:
                row["purpose"] = "curiosity"
            row["prev_hash"] = previous
            row["entry_hash"] = previous = entry_hash(
                previous, {name: decoded(row, name) for name in HASHED_FIELDS}
            )
            await attacker.run(
                "UPDATE {access_entry} SET purpose = :purpose, prev_hash = :prev_hash, "
                "entry_hash = :entry_hash WHERE seq = :seq",
                **{k: row[k] for k in ("purpose", "prev_hash", "entry_hash", "seq")},
            )
    # then only the signed head betrays it, at the first checkpoint after the edit
    await assert_bad(
        database,
        signer,
        10,
        "checkpoint 10: the signed head differs from the recomputed chain "
        "(entries up to 10 were rewritten)",
    )


async def test_a_forged_checkpoint_signature_is_caught(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, attack: Attack, tmp_path: Any
) -> None:
    # given the attacker re-signs checkpoint 12 with their own key under the real key id
    own = CheckpointSigner.from_file(tmp_path / "attacker.pem")
    async with attack() as attacker:
        (row,) = await attacker.rows("SELECT * FROM {checkpoint} WHERE seq = 12")
        forged = own.sign(b"anything")
        await attacker.run("UPDATE {checkpoint} SET signature = :s WHERE seq = 12", s=forged)
        assert row["signature"] != forged
    await assert_bad(database, signer, 12, "checkpoint 12: the signature is invalid (forged)")


async def test_a_checkpoint_by_an_unknown_key_is_caught(
    sealed: AuditLog, database: Database, signer: CheckpointSigner, tmp_path: Any
) -> None:
    # given a checkpoint signed by a key the verifier was not given
    other = CheckpointSigner.from_file(tmp_path / "other.pem")
    await sealed.record([access(99)])
    await sealed.checkpoint(other)
    await assert_bad(database, signer, 13, f"checkpoint 13 is signed by unknown key {other.key_id}")
    # and both keys together verify
    report = await verify(
        database, {signer.key_id: signer.public_key, other.key_id: other.public_key}
    )
    assert (report.ok, report.checkpoints_checked) == (True, 3)


@pytest.mark.parametrize(
    ("statement", "seq", "reason"),
    [
        (
            "DELETE FROM {access_subject} WHERE seq = 4",
            4,
            "entry 4: the subject index does not match data_subjects",
        ),
        (
            "INSERT INTO {access_subject} (seq, subject) VALUES (3, '110101199003070000')",
            3,
            "entry 3: the subject index does not match data_subjects",
        ),
        (
            "INSERT INTO {access_subject} (seq, subject) VALUES (40, '110101199003070000')",
            40,
            "the subject index names entry 40, which is missing",
        ),
    ],
)
async def test_a_tampered_subject_index_is_caught(
    sealed: AuditLog,
    database: Database,
    signer: CheckpointSigner,
    attack: Attack,
    statement: str,
    seq: int,
    reason: str,
) -> None:
    async with attack() as attacker:
        await attacker.run(statement)
    await assert_bad(database, signer, seq, reason)


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {table} SET seq = seq + 100", "DELETE FROM {table}"])
async def test_the_database_refuses_updates_and_deletes(
    sealed: AuditLog, database: Database, table: str, statement: str
) -> None:
    qualified = f'"{database.schema}"."{table}"' if database.schema else table
    with pytest.raises(DBAPIError, match="the audit log is append-only"):
        async with database.engine.begin() as connection:
            await connection.execute(text(statement.format(table=qualified)))


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
async def test_postgresql_refuses_truncate(
    sealed: AuditLog, database: Database, table: str
) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has no TRUNCATE; DELETE is refused instead")
    with pytest.raises(DBAPIError, match="the audit log is append-only"):
        async with database.engine.begin() as connection:
            await connection.execute(text(f'TRUNCATE "{database.schema}"."{table}" CASCADE'))


def decoded(row: dict[str, Any], name: str) -> Any:
    """A raw column value as the hash sees it (SQLite hands times back as text)."""
    value = row[name]
    if name == "recorded_at" and isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


async def shift(attacker: Attacker, *, start: int, by: int) -> None:
    """Renumber entries from `start` on by `by` (via a far-away range to dodge the keys)."""
    for table in ("access_entry", "access_subject"):
        await attacker.run(f"UPDATE {{{table}}} SET seq = seq + 100000 WHERE seq >= :s", s=start)
        await attacker.run(
            f"UPDATE {{{table}}} SET seq = seq - 100000 + :by WHERE seq >= 100000", by=by
        )


async def insert_entry(attacker: Attacker, row: dict[str, Any]) -> None:
    columns = ["seq", *ENTRY_COLUMNS]
    await attacker.run(
        f"INSERT INTO {{access_entry}} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        **{c: row[c] for c in columns},
    )
