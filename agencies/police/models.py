"""The police records: persons, households, their registered changes, ID cards, units, cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from subgraph.database import agency_metadata
from subgraph.execution import Executed

# A registered address may be as long as the hall's transfer form lets a destination be.
ADDRESS_LENGTH = 200


class Base(DeclarativeBase):
    metadata = agency_metadata()


class PoliceUnit(Base):
    """A public-security organ: city bureau, county bureau or police station."""

    __tablename__ = "police_unit"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("police_unit.code"), index=True)


class CaseFile(Base):
    """A case file (案件) opened by the police and assigned to one unit."""

    __tablename__ = "case_file"

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("police_unit.code"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(80))


class Household(Base):
    """A registered household (户) kept by a police station."""

    __tablename__ = "household"

    number: Mapped[str] = mapped_column(String(14), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    station_code: Mapped[str] = mapped_column(ForeignKey("police_unit.code"), index=True)
    address: Mapped[str] = mapped_column(String(ADDRESS_LENGTH))
    head_id: Mapped[str] = mapped_column(String(18))


class Person(Base):
    """A person in the household register."""

    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_region_name", "region_code", "name"),
        Index("ix_person_region_birth", "region_code", "birth_date"),
    )

    id_number: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    ethnicity_code: Mapped[str] = mapped_column(String(2))
    region_code: Mapped[str] = mapped_column(String(6))
    household_no: Mapped[str | None] = mapped_column(ForeignKey("household.number"), index=True)
    relation: Mapped[str | None] = mapped_column(String(8))
    father_id: Mapped[str | None] = mapped_column(ForeignKey("person.id_number"), index=True)
    mother_id: Mapped[str | None] = mapped_column(ForeignKey("person.id_number"), index=True)


class EthnicityRecord(Executed, Base):
    """One registered change of a person's ethnicity (with the hall application, if any)."""

    __tablename__ = "ethnicity_record"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), index=True)
    from_code: Mapped[str] = mapped_column(String(2))
    to_code: Mapped[str] = mapped_column(String(2))
    changed_on: Mapped[date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(16))
    approval_number: Mapped[str] = mapped_column(String(32))


class NameRecord(Executed, Base):
    """One registered change of a person's name."""

    __tablename__ = "name_record"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), index=True)
    old_name: Mapped[str] = mapped_column(String(40))
    new_name: Mapped[str] = mapped_column(String(40))
    changed_on: Mapped[date] = mapped_column(Date)


class BirthRegistration(Executed, Base):
    """The registration of a newborn (出生登记): its birth certificate, registered once."""

    __tablename__ = "birth_registration"

    birth_certificate_number: Mapped[str] = mapped_column(String(12), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), unique=True)
    registered_on: Mapped[date] = mapped_column(Date)


class IdCard(Base):
    """A resident identity card."""

    __tablename__ = "id_card"

    serial: Mapped[str] = mapped_column(String(15), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    issuing_unit: Mapped[str] = mapped_column(ForeignKey("police_unit.code"))
    status: Mapped[str] = mapped_column(String(8))


class IdCardReissue(Executed, Base):
    """A lost or stolen identity card reissued (身份证补领): the card replaced, the new one."""

    __tablename__ = "id_card_reissue"

    serial: Mapped[str] = mapped_column(ForeignKey("id_card.serial"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), index=True)
    replaced_serial: Mapped[str] = mapped_column(ForeignKey("id_card.serial"))
    reason: Mapped[str] = mapped_column(String(8))
    lost_on: Mapped[date | None] = mapped_column(Date)
    reissued_on: Mapped[date] = mapped_column(Date)


class HouseholdTransfer(Executed, Base):
    """A household transfer (户口迁移): a person moved from one household to a new one."""

    __tablename__ = "household_transfer"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), index=True)
    from_household: Mapped[str] = mapped_column(ForeignKey("household.number"))
    to_household: Mapped[str] = mapped_column(ForeignKey("household.number"))
    transferred_on: Mapped[date] = mapped_column(Date)
    # The two documents of a transfer: the permit to move in (准迁证), the transfer
    # certificate (迁移证).
    permit_number: Mapped[str] = mapped_column(String(20), unique=True)
    certificate_number: Mapped[str] = mapped_column(String(20), unique=True)


class PoliceCertificate(Executed, Base):
    """A certificate or document the police issued to a person, e.g. 户籍证明, 无犯罪记录证明."""

    __tablename__ = "police_certificate"

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id_number"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    issuing_unit: Mapped[str] = mapped_column(ForeignKey("police_unit.code"))
