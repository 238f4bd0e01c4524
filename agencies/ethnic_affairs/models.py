"""The ethnic-affairs records: the ethnic-group catalogue and ethnicity-change decisions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata
from subgraph.execution import Executed


class Base(DeclarativeBase):
    metadata = agency_metadata()


class EthnicGroup(Base):
    """One of the 56 ethnic groups of GB 3304."""

    __tablename__ = "ethnic_group"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(10))
    name_en: Mapped[str] = mapped_column(String(20))


class EthnicityChange(Executed, Base):
    """A reviewed application to change a person's registered ethnicity (民族成份变更), with the
    hall application it decided, if any."""

    __tablename__ = "ethnicity_change"
    __table_args__ = (Index("ix_ethnicity_change_region_decided", "region_code", "decided_on"),)

    number: Mapped[str] = mapped_column(String(24), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(18), index=True)
    from_code: Mapped[str] = mapped_column(ForeignKey("ethnic_group.code"))
    to_code: Mapped[str] = mapped_column(ForeignKey("ethnic_group.code"))
    basis: Mapped[str] = mapped_column(String(16))
    applied_on: Mapped[date] = mapped_column(Date)
    decided_on: Mapped[date] = mapped_column(Date)
    region_code: Mapped[str] = mapped_column(String(6))
    status: Mapped[str] = mapped_column(String(8))
