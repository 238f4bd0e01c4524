"""The hall's records around an application: fees, deliveries, ratings, questions, flags.

Each record copies the application's region, unit and applicant (or its own asker), so the
kit can decide and filter it like an application without a join.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hall.models import Base
from subgraph.columns import UTCDateTime


class FeeOrder(Base):
    """What the applicant owes for a fee service, from submission until paid (缴费单)."""

    __tablename__ = "fee_order"

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    application_number: Mapped[str] = mapped_column(ForeignKey("application.number"), unique=True)
    payer_id: Mapped[str] = mapped_column(String(18), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), index=True)
    region_code: Mapped[str] = mapped_column(String(6))
    unit_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    transaction_id: Mapped[str | None] = mapped_column(String(40), unique=True)


class FeeSplit(Base):
    """The part of a fee order that goes to one receiving account."""

    __tablename__ = "fee_split"
    __table_args__ = (UniqueConstraint("order_number", "account_code"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_number: Mapped[str] = mapped_column(ForeignKey("fee_order.number"), index=True)
    account_code: Mapped[str] = mapped_column(String(40))
    account_name: Mapped[str] = mapped_column(String(100))
    amount_fen: Mapped[int] = mapped_column(Integer)


class FeeReceipt(Base):
    """The electronic receipt (电子票据) of a paid fee order; its accounts are the splits."""

    __tablename__ = "fee_receipt"

    number: Mapped[str] = mapped_column(String(24), primary_key=True)
    order_number: Mapped[str] = mapped_column(ForeignKey("fee_order.number"), unique=True)
    payer_id: Mapped[str] = mapped_column(String(18))
    amount_fen: Mapped[int] = mapped_column(Integer)
    transaction_id: Mapped[str] = mapped_column(String(40))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Delivery(Base):
    """How an executed application's result reaches the citizen, and whether it has."""

    __tablename__ = "delivery"

    application_number: Mapped[str] = mapped_column(
        ForeignKey("application.number"), primary_key=True
    )
    method: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    applicant_id: Mapped[str] = mapped_column(String(18), index=True)
    region_code: Mapped[str] = mapped_column(String(6))
    unit_code: Mapped[str] = mapped_column(String(16))
    document_reference: Mapped[str | None] = mapped_column(String(40))
    tracking_number: Mapped[str | None] = mapped_column(String(20))
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    collected_by: Mapped[str | None] = mapped_column(String(64))


class Shipment(Base):
    """A parcel of an application: the result to the citizen, or originals to the unit."""

    __tablename__ = "shipment"
    __table_args__ = (UniqueConstraint("application_number", "direction"),)

    tracking_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    application_number: Mapped[str] = mapped_column(ForeignKey("application.number"), index=True)
    direction: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    applicant_id: Mapped[str] = mapped_column(String(18), index=True)
    region_code: Mapped[str] = mapped_column(String(6))
    unit_code: Mapped[str] = mapped_column(String(16))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ShipmentEvent(Base):
    """One scan of a parcel the carrier reported (collected, in transit, delivered)."""

    __tablename__ = "shipment_event"
    __table_args__ = (UniqueConstraint("tracking_number", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    tracking_number: Mapped[str] = mapped_column(ForeignKey("shipment.tracking_number"))
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20))
    description_zh: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Rating(Base):
    """The applicant's one satisfaction rating (好差评) of a closed application."""

    __tablename__ = "rating"

    application_number: Mapped[str] = mapped_column(
        ForeignKey("application.number"), primary_key=True
    )
    rater_id: Mapped[str] = mapped_column(String(18), index=True)
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    region_code: Mapped[str] = mapped_column(String(6))
    unit_code: Mapped[str] = mapped_column(String(16))
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Question(Base):
    """A citizen's question (咨询) on a service or on an application, and its answer."""

    __tablename__ = "question"

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(40))
    application_number: Mapped[str | None] = mapped_column(
        ForeignKey("application.number"), index=True
    )
    asker_id: Mapped[str] = mapped_column(String(18), index=True)
    agency: Mapped[str] = mapped_column(String(24))
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    region_code: Mapped[str] = mapped_column(String(6))
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(12), index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by: Mapped[str | None] = mapped_column(String(64))


class SupervisionFlag(Base):
    """A citizen's one-click flag (一键监督) of a problem, sent to the supervising unit."""

    __tablename__ = "supervision_flag"
    # One click per kind of problem: a second click finds the first flag.
    __table_args__ = (UniqueConstraint("application_number", "kind"),)

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    application_number: Mapped[str] = mapped_column(ForeignKey("application.number"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    raiser_id: Mapped[str] = mapped_column(String(18), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    agency: Mapped[str] = mapped_column(String(24))
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    flagged_unit: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(String(6))
    state: Mapped[str] = mapped_column(String(12), index=True)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_by: Mapped[str | None] = mapped_column(String(64))
