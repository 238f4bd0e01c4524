"""The social-security records: employers and social insurance enrolments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata
from subgraph.execution.name_change import NameChangeNoticeColumns


class Base(DeclarativeBase):
    metadata = agency_metadata()


class Employer(Base):
    """An employer paying social insurance, by unified social credit code (GB 32100)."""

    __tablename__ = "employer"

    code: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    region_code: Mapped[str] = mapped_column(String(6), index=True)


class InsuranceEnrolment(Base):
    """A person's enrolment in one social insurance scheme."""

    __tablename__ = "insurance_enrolment"

    number: Mapped[str] = mapped_column(String(16), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(18), index=True)
    scheme: Mapped[str] = mapped_column(String(12))
    employer_code: Mapped[str | None] = mapped_column(ForeignKey("employer.code"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    contribution_months: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(10))
    region_code: Mapped[str] = mapped_column(String(6))


class NameChangeNotice(NameChangeNoticeColumns, Base):
    """The police's announcement of a person's new name, received once per application."""

    __tablename__ = "name_change_notice"
