"""Builds the records of one family unit, keeping numbers unique across units."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from datetime import date, timedelta

from agencies.population.calendar import age_on, random_day, years_after
from agencies.population.codes import REGION_BY_CODE, REGIONS, county_bureau_code, station_code
from agencies.population.names import given_name, street_address, surname
from agencies.population.records import (
    Adoption,
    BirthCertificate,
    EthnicityChange,
    FamilyUnit,
    Guardianship,
    Household,
    Marriage,
    Person,
)
from subgraph.idnumber import make_id_number

EPOCH = date(1900, 1, 1)
_REGION_INDEX = {region.code: index for index, region in enumerate(REGIONS)}
_PER_SEX = 500  # three sequence digits: 500 odd (men) and 500 even (women) per day


class Registry:
    """State shared by all units: ID sequences per region, day and sex, and serials."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        days = (as_of - EPOCH).days + 1
        self._days = days
        # A fixed-size table, so memory does not grow with the population.
        self._sequences = array("H", bytes(2 * len(REGIONS) * days * 2))
        self._serials: Counter[str] = Counter()

    def id_number(self, region_code: str, birth: date, sex: str) -> tuple[str, date]:
        """Allocate an unused ID number; a full day moves the birth date one day earlier."""
        while True:
            slot = ((_REGION_INDEX[region_code] * self._days + (birth - EPOCH).days) * 2) + (
                sex == "M"
            )
            used = self._sequences[slot]
            if used < _PER_SEX:
                self._sequences[slot] = used + 1
                sequence = 2 * used + 1 if sex == "M" else 2 * used
                return make_id_number(region_code, birth, sequence), birth
            birth -= timedelta(days=1)

    def serial(self, kind: str) -> int:
        """Return the next number in the named series, starting at 1."""
        self._serials[kind] += 1
        return self._serials[kind]


class FamilyBuilder:
    """Adds persons and their records to one unit."""

    def __init__(self, registry: Registry, rng: random.Random, unit: FamilyUnit) -> None:
        self.registry = registry
        self.rng = rng
        self.unit = unit
        self.as_of = registry.as_of

    def person(
        self,
        *,
        sex: str,
        birth: date,
        ethnicity: str,
        region: str,
        father: Person | None = None,
        mother: Person | None = None,
        registered: bool = True,
    ) -> Person:
        """Add a person; the surname follows the father, else the mother."""
        id_number, birth = self.registry.id_number(region, birth, sex)
        parent = father or mother
        family = parent.name[0] if parent else surname(self.rng, ethnicity)
        person = Person(
            id_number=id_number,
            name=family + given_name(self.rng, sex),
            sex=sex,
            birth_date=birth,
            ethnicity=ethnicity,
            region_code=region,
            father_id=father.id_number if father else None,
            mother_id=mother.id_number if mother else None,
            registered=registered,
        )
        self.unit.persons.append(person)
        return person

    def household(self, region: str, members: list[tuple[Person, str]]) -> Household:
        """Register a household at one of the region's stations; the first member heads it."""
        towns = REGION_BY_CODE[region].towns
        town_index = self.rng.randrange(len(towns))
        number = f"{region}{self.registry.serial('household'):08d}"
        household = Household(
            number=number,
            region_code=region,
            station_code=station_code(region, town_index),
            address=street_address(self.rng, REGION_BY_CODE[region].name, towns[town_index]),
            head_id=members[0][0].id_number,
        )
        for person, relation in members:
            person.household_no = number
            person.relation = relation
        self.unit.households.append(household)
        return household

    def marry(self, husband: Person, wife: Person, on: date) -> Marriage:
        """Register a marriage in the husband's region."""
        number = f"J{husband.region_code}-{on.year}-{self.registry.serial('marriage'):07d}"
        marriage = Marriage(number, husband.id_number, wife.id_number, on, husband.region_code)
        self.unit.marriages.append(marriage)
        return marriage

    def birth_certificate(self, child: Person, mother: Person, father: Person | None) -> None:
        """Issue the birth medical certificate of a child born in a hospital of its region."""
        county = REGION_BY_CODE[child.region_code].name
        self.unit.birth_certificates.append(
            BirthCertificate(
                number=f"Q{self.registry.serial('birth'):09d}",
                child_id=child.id_number if child.registered else None,
                child_name=child.name,
                sex=child.sex,
                birth_date=child.birth_date,
                weight_grams=self.rng.randint(2500, 4300),
                hospital=f"{county}医院" if self.rng.random() < 0.7 else "三明市第一医院",
                region_code=child.region_code,
                mother_id=mother.id_number,
                father_id=father.id_number if father else None,
                issued_on=child.birth_date + timedelta(days=self.rng.randint(0, 3)),
            )
        )

    def adopt(self, child: Person, father: Person | None, mother: Person | None, on: date) -> None:
        """Register an adoption; the adopters become the child's registered parents."""
        child.father_id = father.id_number if father else None
        child.mother_id = mother.id_number if mother else None
        number = f"SY{child.region_code}-{on.year}-{self.registry.serial('adoption'):06d}"
        self.unit.adoptions.append(
            Adoption(
                number, child.id_number, child.father_id, child.mother_id, on, child.region_code
            )
        )

    def appoint_guardian(self, ward: Person, guardian: Person, basis: str, on: date) -> None:
        """Record a guardian appointed for a minor."""
        number = f"JH{ward.region_code}-{self.registry.serial('guardianship'):06d}"
        self.unit.guardianships.append(
            Guardianship(number, ward.id_number, guardian.id_number, basis, on, ward.region_code)
        )

    def change_ethnicity(self, person: Person, to_code: str, basis: str, on: date) -> None:
        """Record an approved ethnicity change in both the ethnic-affairs and police records."""
        number = f"MZ{person.region_code}-{on.year}-{self.registry.serial('ethnicity'):05d}"
        change = EthnicityChange(
            number,
            person.id_number,
            person.ethnicity,
            to_code,
            basis,
            on - timedelta(days=self.rng.randint(2, 20)),
            on,
            person.region_code,
        )
        person.ethnicity = to_code
        person.ethnicity_history.append(change)
        self.unit.ethnicity_changes.append(change)

    def day_between(self, first: date, last: date) -> date:
        """Pick a day in a range, never after the population's reference date."""
        return min(random_day(self.rng, first, min(last, self.as_of)), self.as_of)

    def age(self, person: Person) -> int:
        """Return a person's age on the reference date."""
        return age_on(person.birth_date, self.as_of)

    def birthday(self, years: int, extra_days: int = 0) -> date:
        """Return the birth date of someone exactly `years` old, plus `extra_days` older."""
        return years_after(self.as_of, -years) - timedelta(days=extra_days)

    def county_bureau(self, region: str) -> str:
        """Return the organ code of the region's public security bureau."""
        return county_bureau_code(region)
