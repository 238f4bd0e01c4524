"""The health records of family planning: birth medical certificates (出生医学证明), their links."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata
from subgraph.execution import Executed


class Base(DeclarativeBase):
    metadata = agency_metadata()


class BirthCertificate(Base):
    """A birth medical certificate issued by the hospital of birth."""

    __tablename__ = "birth_certificate"
    __table_args__ = (Index("ix_birth_certificate_region_child", "region_code", "child_id"),)

    number: Mapped[str] = mapped_column(String(12), primary_key=True)
    # Null while the newborn is not yet registered with the police.
    child_id: Mapped[str | None] = mapped_column(String(18), unique=True)
    child_name: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    weight_grams: Mapped[int]
    hospital: Mapped[str] = mapped_column(String(60))
    region_code: Mapped[str] = mapped_column(String(6))
    mother_id: Mapped[str] = mapped_column(String(18), index=True)
    father_id: Mapped[str | None] = mapped_column(String(18), index=True)
    issued_on: Mapped[date] = mapped_column(Date)


class CertificateLink(Executed, Base):
    """The link of a certificate to the child the police registered, made for a hall application.

    Certificates of children registered before the platform carry their child without one.
    """

    __tablename__ = "certificate_link"

    certificate_number: Mapped[str] = mapped_column(
        ForeignKey("birth_certificate.number"), primary_key=True
    )
    child_id: Mapped[str] = mapped_column(String(18), unique=True)
    linked_on: Mapped[date] = mapped_column(Date)
