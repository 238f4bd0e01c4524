"""The hall's records: applications, their transitions, background jobs and notices."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
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


class Base(DeclarativeBase):
    metadata = agency_metadata()


class Application(Base):
    """A citizen's application for one service of the catalogue (办件)."""

    __tablename__ = "application"
    __table_args__ = (
        # A double click or a retry carries the same key: it finds the first application.
        UniqueConstraint("applicant_id", "idempotency_key"),
        Index("ix_application_unit_state", "agency", "unit_code", "state"),
    )

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(40), index=True)
    applicant_id: Mapped[str] = mapped_column(String(18), index=True)
    subject_id: Mapped[str] = mapped_column(String(18), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    request_digest: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    delivery: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(12), index=True)
    version: Mapped[int] = mapped_column(Integer)
    agency: Mapped[str] = mapped_column(String(24))
    unit_code: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(String(6))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    promised_on: Mapped[date] = mapped_column(Date)
    legal_on: Mapped[date] = mapped_column(Date)
    deadlines_provisional: Mapped[bool]
    verification: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    execution: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Transition(Base):
    """One step of an application's workflow: who moved it, when, why."""

    __tablename__ = "transition"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    application_number: Mapped[str] = mapped_column(ForeignKey("application.number"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    actor_subject: Mapped[str] = mapped_column(String(64))
    actor_kind: Mapped[str] = mapped_column(String(12))
    actor_agency: Mapped[str | None] = mapped_column(String(24))
    actor_unit: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)


class Job(Base):
    """A unit of background work (verify, execute, escalate), done once by one worker."""

    __tablename__ = "job"
    __table_args__ = (
        UniqueConstraint("kind", "key"),
        Index("ix_job_due", "done_at", "run_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    run_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_by: Mapped[str | None] = mapped_column(String(64))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class Notice(Base):
    """An SMS-style progress notice in the outbox, until a sender delivered it."""

    __tablename__ = "notice"
    __table_args__ = (UniqueConstraint("application_number", "event"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    application_number: Mapped[str] = mapped_column(ForeignKey("application.number"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    recipient_id: Mapped[str] = mapped_column(String(18))
    text_zh: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class Urging(Base):
    """A supervisor's urging (督办) of an overdue application, or an automatic escalation."""

    __tablename__ = "urging"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    application_number: Mapped[str] = mapped_column(ForeignKey("application.number"), index=True)
    by_subject: Mapped[str] = mapped_column(String(64))
    by_unit: Mapped[str | None] = mapped_column(String(16))
    to_unit: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    message: Mapped[str] = mapped_column(Text)
    automatic: Mapped[bool]
