"""The civil-affairs records: marriages and divorces, adoptions, guardianships."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata
from subgraph.execution.name_change import NameChangeNoticeColumns

# Persons live in the police database: the ID number columns hold no foreign keys.


class Base(DeclarativeBase):
    metadata = agency_metadata()


class Marriage(Base):
    """A marriage registration (结婚登记), ended by a divorce registration or not."""

    __tablename__ = "marriage"
    __table_args__ = (Index("ix_marriage_region_registered", "region_code", "registered_on"),)

    number: Mapped[str] = mapped_column(String(24), primary_key=True)
    husband_id: Mapped[str] = mapped_column(String(18), index=True)
    wife_id: Mapped[str] = mapped_column(String(18), index=True)
    registered_on: Mapped[date] = mapped_column(Date)
    region_code: Mapped[str] = mapped_column(String(6))
    divorced_on: Mapped[date | None] = mapped_column(Date)


class Adoption(Base):
    """An adoption registration (收养登记)."""

    __tablename__ = "adoption"

    number: Mapped[str] = mapped_column(String(24), primary_key=True)
    child_id: Mapped[str] = mapped_column(String(18), index=True)
    adoptive_father_id: Mapped[str | None] = mapped_column(String(18), index=True)
    adoptive_mother_id: Mapped[str | None] = mapped_column(String(18), index=True)
    registered_on: Mapped[date] = mapped_column(Date)
    region_code: Mapped[str] = mapped_column(String(6))


class Guardianship(Base):
    """A guardian (监护人) appointed for a minor who is not in a parent's care."""

    __tablename__ = "guardianship"

    number: Mapped[str] = mapped_column(String(24), primary_key=True)
    ward_id: Mapped[str] = mapped_column(String(18), index=True)
    guardian_id: Mapped[str] = mapped_column(String(18), index=True)
    basis: Mapped[str] = mapped_column(String(16))
    starts_on: Mapped[date] = mapped_column(Date)
    region_code: Mapped[str] = mapped_column(String(6))


class NameChangeNotice(NameChangeNoticeColumns, Base):
    """The police's announcement of a person's new name, received once per application."""

    __tablename__ = "name_change_notice"
