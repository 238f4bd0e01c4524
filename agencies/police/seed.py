"""The police's slice of the synthetic population."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from agencies.police import models
from agencies.population.codes import CITY_CODE, PoliceUnitCode, police_units
from agencies.population.records import FamilyUnit
from subgraph.definition import Row
from subgraph.seeding import row_values

# The pinyin initials case numbers start with, by GB/T 2260 code (SM: the city bureau).
CASE_PREFIXES = {
    CITY_CODE: "SM",
    "350404": "SY",
    "350405": "SX",
    "350481": "YA",
    "350421": "MX",
    "350423": "QL",
    "350424": "NH",
    "350425": "DT",
    "350426": "YX",
    "350428": "JL",
    "350429": "TN",
    "350430": "JN",
}
CASE_YEAR = 2026
OPEN_CASES_PER_UNIT = 2
CASE_TITLES = ("盗窃案", "诈骗案", "户籍信息核查")


@dataclass(frozen=True, slots=True)
class CaseFileRecord:
    """A seeded case file."""

    number: str
    unit_code: str
    opened_on: date
    status: str
    title: str


def case_number(unit_code: str, index: int, year: int = CASE_YEAR) -> str:
    """The number of a unit's `index`-th case of `year`, e.g. NH-2026-5101.

    The prefix names the unit's county; the serial is the unit's two station digits of the
    organ code (00 for a bureau) and the index: 350424510000's first case is NH-2026-5101.
    """
    return f"{CASE_PREFIXES[unit_code[:6]]}-{year}-{unit_code[6:8]}{index:02d}"


def closed_case_number(region_code: str) -> str:
    """The number of the one closed case of a county, kept by its first station."""
    return case_number(f"{region_code}510000", 99, CASE_YEAR - 1)


def case_files() -> list[CaseFileRecord]:
    """Open cases of every county bureau and station, and one closed case per county."""
    cases: list[CaseFileRecord] = []
    for unit in police_units():
        if unit.kind == "CITY_BUREAU":
            continue
        cases.extend(_open_cases(unit))
        if unit.kind == "COUNTY_BUREAU":
            cases.append(
                CaseFileRecord(
                    closed_case_number(unit.region_code),
                    f"{unit.region_code}510000",
                    date(CASE_YEAR - 1, 6, 1),
                    "CLOSED",
                    "已结案件",
                )
            )
    return cases


def _open_cases(unit: PoliceUnitCode) -> Iterator[CaseFileRecord]:
    for index in range(1, OPEN_CASES_PER_UNIT + 1):
        yield CaseFileRecord(
            case_number(unit.code, index),
            unit.code,
            date(CASE_YEAR, 1, index),
            "OPEN",
            CASE_TITLES[(int(unit.code[6:8]) + index) % len(CASE_TITLES)],
        )


def reference_rows(_spec: Any) -> Iterator[Row]:
    """Sanming's police units, parents before their subordinates; then the case files."""
    table = models.PoliceUnit.__table__
    for unit in police_units():
        yield table, row_values(table, unit)
    table = models.CaseFile.__table__
    for case in case_files():
        yield table, row_values(table, case)


def unit_rows(unit: FamilyUnit) -> Iterator[Row]:
    """Households, registered persons, their ethnicity history and ID cards."""
    table = models.Household.__table__
    for household in unit.households:
        yield table, row_values(table, household)
    table = models.Person.__table__
    for person in unit.persons:
        if person.registered:
            yield table, row_values(table, person, ethnicity_code=person.ethnicity)
    record_table, card_table = models.EthnicityRecord.__table__, models.IdCard.__table__
    for person in unit.persons:
        for change in person.ethnicity_history:
            yield (
                record_table,
                row_values(
                    record_table,
                    change,
                    person_id=person.id_number,
                    changed_on=change.decided_on,
                    approval_number=change.number,
                    # Changes from before the platform executed them carry no application.
                    application=None,
                    request_digest=None,
                ),
            )
        for card in person.id_cards:
            yield card_table, row_values(card_table, card, person_id=person.id_number)
