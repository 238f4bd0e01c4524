"""The audit tables: hash-chained access entries, their data-subject index, signed checkpoints."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.columns import UTCDateTime
from subgraph.database import agency_metadata

# On SQLite an INTEGER PRIMARY KEY is the rowid itself; elsewhere a 64-bit integer.
Seq = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = agency_metadata()


class AccessEntry(Base):
    """One access to personal data, allowed or denied, linked to the entry before it."""

    __tablename__ = "access_entry"
    __table_args__ = (
        # Two entries naming the same predecessor would fork the chain.
        UniqueConstraint("prev_hash"),
        Index("ix_access_entry_actor_seq", "actor", "seq"),
        Index("ix_access_entry_agency_seq", "agency", "seq"),
        Index("ix_access_entry_decision_seq", "decision", "seq"),
        Index("ix_access_entry_recorded_at", "recorded_at"),
    )

    seq: Mapped[int] = mapped_column(Seq, primary_key=True, autoincrement=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(Text)
    actor_kind: Mapped[str] = mapped_column(String(16))
    agency: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    subgraph: Mapped[str] = mapped_column(Text)
    data_subjects: Mapped[str] = mapped_column(Text)  # sorted JSON list
    type_name: Mapped[str] = mapped_column(Text)
    fields: Mapped[str] = mapped_column(Text)  # sorted JSON list
    purpose: Mapped[str | None] = mapped_column(Text)
    case_ref: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(8))
    request_id: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class AccessSubject(Base):
    """Which entries mention a data subject: the citizens' data tracker looks here."""

    __tablename__ = "access_subject"
    __table_args__ = (Index("ix_access_subject_seq_subject", "seq", "subject"),)

    subject: Mapped[str] = mapped_column(Text, primary_key=True)
    seq: Mapped[int] = mapped_column(Seq, ForeignKey("access_entry.seq"), primary_key=True)


class Checkpoint(Base):
    """A signature over the chain's head at `seq`, by a key kept outside the database."""

    __tablename__ = "checkpoint"

    seq: Mapped[int] = mapped_column(Seq, primary_key=True, autoincrement=False)
    head_hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))


APPEND_ONLY_TABLES = (
    AccessEntry.__tablename__,
    AccessSubject.__tablename__,
    Checkpoint.__tablename__,
)
"""Tables whose rows the database refuses to update or delete."""
