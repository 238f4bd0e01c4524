"""The demo payment provider's and demo carrier's own books, kept in the hall's database.

They stand in for outside services; keeping them in a database (not in memory) lets every
`tongban worker` process and the platform see the same payments and parcels.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hall.models import Base
from subgraph.columns import UTCDateTime


class DemoPayment(Base):
    """A payment the demo provider took: one per order number (its idempotency key)."""

    __tablename__ = "demo_payment"

    transaction_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(20), unique=True)
    payer_id: Mapped[str] = mapped_column(String(18))
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())
    settled_on: Mapped[date] = mapped_column(Date, index=True)


class DemoParcel(Base):
    """A parcel the demo carrier booked: one per booking reference."""

    __tablename__ = "demo_parcel"

    tracking_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    origin: Mapped[str] = mapped_column(String(200))
    destination: Mapped[str] = mapped_column(String(200))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime())
