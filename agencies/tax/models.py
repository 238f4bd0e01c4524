"""The tax records: natural-person taxpayer registrations and annual income tax summaries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata
from subgraph.execution.name_change import NameChangeNoticeColumns


class Base(DeclarativeBase):
    metadata = agency_metadata()


class Taxpayer(Base):
    """A natural person registered for individual income tax; amounts in fen."""

    __tablename__ = "taxpayer"
    __table_args__ = (Index("ix_taxpayer_office_person", "tax_office", "person_id"),)

    # A natural person's taxpayer identification number is their citizen ID number.
    person_id: Mapped[str] = mapped_column(String(18), primary_key=True)
    registered_on: Mapped[date] = mapped_column(Date)
    tax_office: Mapped[str] = mapped_column(String(9))
    outstanding_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class AnnualTaxSummary(Base):
    """One year's individual income tax of a taxpayer; amounts in fen."""

    __tablename__ = "annual_tax_summary"

    taxpayer_id: Mapped[str] = mapped_column(ForeignKey("taxpayer.person_id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    income_fen: Mapped[int] = mapped_column(BigInteger)
    tax_paid_fen: Mapped[int] = mapped_column(BigInteger)


class NameChangeNotice(NameChangeNoticeColumns, Base):
    """The police's announcement of a person's new name, received once per application."""

    __tablename__ = "name_change_notice"
