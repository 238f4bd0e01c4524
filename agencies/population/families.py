"""Random family units: couples, children, grandparents, divorces, adoptions, singles."""

from __future__ import annotations

from datetime import date, timedelta

from agencies.population.builder import FamilyBuilder
from agencies.population.calendar import years_after
from agencies.population.codes import HAN, REGIONS, SHE
from agencies.population.records import Person

_OTHER_MINORITIES = ("03", "06", "08", "11", "15", "23")
_REGION_WEIGHTS = [region.weight for region in REGIONS]
BIRTH_CERTIFICATES_SINCE = date(1996, 1, 1)


def random_unit(b: FamilyBuilder) -> None:
    """Fill `b.unit` with one randomly composed family."""
    rng = b.rng
    region = rng.choices(REGIONS, weights=_REGION_WEIGHTS)[0].code
    roll = rng.random()
    if roll < 0.08:
        single_unit(b, region)
    elif roll < 0.09:
        grandparent_guardian_unit(b, region)
    else:
        couple_unit(b, region)


def single_unit(b: FamilyBuilder, region: str | None = None) -> None:
    """One adult living alone."""
    region = region or b.rng.choices(REGIONS, weights=_REGION_WEIGHTS)[0].code
    sex = b.rng.choice("MF")
    person = b.person(
        sex=sex,
        birth=b.birthday(b.rng.randint(18, 85), b.rng.randint(0, 364)),
        ethnicity=ethnicity(b),
        region=region,
    )
    b.household(region, [(person, "户主")])


def grandparent_guardian_unit(b: FamilyBuilder, region: str) -> None:
    """A minor without parents on record, raised by a grandparent appointed guardian."""
    grandmother = b.person(
        sex="F",
        birth=b.birthday(b.rng.randint(58, 75), b.rng.randint(0, 364)),
        ethnicity=ethnicity(b),
        region=region,
    )
    child_sex = b.rng.choice("MF")
    child = b.person(
        sex=child_sex,
        birth=b.birthday(b.rng.randint(3, 15), b.rng.randint(0, 364)),
        ethnicity=grandmother.ethnicity,
        region=region,
    )
    b.household(region, [(grandmother, "户主"), (child, "孙子" if child_sex == "M" else "孙女")])
    b.appoint_guardian(child, grandmother, "GRANDPARENT", b.day_between(child.birth_date, b.as_of))


def ethnicity(b: FamilyBuilder) -> str:
    """Draw one person's ethnicity: mostly Han, She the largest minority."""
    roll = b.rng.random()
    if roll < 0.90:
        return HAN
    return SHE if roll < 0.97 else b.rng.choice(_OTHER_MINORITIES)


def couple_unit(b: FamilyBuilder, region: str) -> None:
    """A married (or cohabiting) couple, maybe with grandparents, children, an ex-spouse."""
    rng = b.rng
    husband_age = rng.choice(
        (rng.randint(22, 35), rng.randint(35, 50), rng.randint(50, 65), rng.randint(65, 88))
    )
    wife_age = min(max(husband_age - round(rng.gauss(2, 3)), 20), 90)
    husband_ethnicity = ethnicity(b)
    wife_ethnicity = ethnicity(b) if rng.random() < 0.5 else husband_ethnicity
    grandfather = grandmother = None
    if husband_age < 58 and rng.random() < 0.45:
        grandfather = b.person(
            sex="M",
            birth=b.birthday(husband_age + rng.randint(24, 34), rng.randint(0, 364)),
            ethnicity=husband_ethnicity,
            region=region,
        )
        grandmother = b.person(
            sex="F",
            birth=grandfather.birth_date + timedelta(days=rng.randint(-900, 1500)),
            ethnicity=husband_ethnicity,
            region=region,
        )
        wedding = max(
            years_after(grandfather.birth_date, 24), years_after(grandmother.birth_date, 20)
        )
        b.marry(grandfather, grandmother, wedding)
    husband = b.person(
        sex="M",
        birth=b.birthday(husband_age, rng.randint(0, 364)),
        ethnicity=husband_ethnicity,
        region=region,
        father=grandfather,
        mother=grandmother,
    )
    wife = b.person(
        sex="F",
        birth=b.birthday(wife_age, rng.randint(0, 364)),
        ethnicity=wife_ethnicity,
        region=region,
    )
    members: list[tuple[Person, str]] = [(husband, "户主"), (wife, "配偶")]
    if grandfather and grandmother:
        if rng.random() < 0.3:
            members += [(grandfather, "父亲"), (grandmother, "母亲")]
        else:
            b.household(region, [(grandfather, "户主"), (grandmother, "配偶")])

    earliest = max(years_after(husband.birth_date, 22), years_after(wife.birth_date, 20))
    if wife_age >= 30 and rng.random() < 0.10:
        earliest = prior_marriage(b, wife, earliest, members)
    elif husband_age >= 30 and rng.random() < 0.06:
        earliest = prior_marriage(b, husband, earliest, members)
    married_on = b.day_between(earliest, earliest + timedelta(days=rng.randint(0, 2500)))
    married = rng.random() >= 0.02
    if married:
        b.marry(husband, wife, married_on)
    children = add_children(b, husband, wife, married_on, region)
    if not married:
        # Unmarried parents: the mother heads the children's household, the father lives alone.
        b.household(region, [(husband, "户主")])
        members = [(wife, "户主")]
    for child in children:
        if child.registered:
            if b.age(child) >= 25 and rng.random() < 0.5:
                b.household(region, [(child, "户主")])
            else:
                members.append((child, "子" if child.sex == "M" else "女"))
    if married and rng.random() < 0.02 and wife_age < 50:
        adopted = adopt_child(b, husband, wife, married_on, region)
        members.append((adopted, "养子" if adopted.sex == "M" else "养女"))
    b.household(region, members)


def add_children(
    b: FamilyBuilder, father: Person, mother: Person, since: date, region: str
) -> list[Person]:
    """Give a couple their children, spaced after `since` while the mother is under 42."""
    rng = b.rng
    count = rng.choices((0, 1, 2, 3), weights=(15, 45, 30, 10))[0]
    if mother.birth_date.year < 1975:
        count += 1
    mixed = father.ethnicity != mother.ethnicity
    children = []
    born = since + timedelta(days=rng.randint(300, 900))
    last_birth = min(years_after(mother.birth_date, 42), b.as_of)
    for _ in range(count):
        if born > last_birth:
            break
        pending = born > b.as_of - timedelta(days=25) and rng.random() < 0.5
        child_ethnicity = father.ethnicity if not mixed or rng.random() < 0.6 else mother.ethnicity
        child = b.person(
            sex=rng.choice("MF"),
            birth=born,
            ethnicity=child_ethnicity,
            region=region,
            father=father,
            mother=mother,
            registered=not pending,
        )
        if child.birth_date >= BIRTH_CERTIFICATES_SINCE:
            b.birth_certificate(child, mother, father)
        if mixed and child.registered and 18 <= b.age(child) <= 30 and rng.random() < 0.25:
            other = mother.ethnicity if child.ethnicity == father.ethnicity else father.ethnicity
            basis = "MOTHER" if other == mother.ethnicity else "FATHER"
            b.change_ethnicity(
                child,
                other,
                basis,
                b.day_between(years_after(child.birth_date, 18), years_after(child.birth_date, 20)),
            )
        children.append(child)
        born += timedelta(days=rng.randint(500, 2000))
    return children


def prior_marriage(
    b: FamilyBuilder, parent: Person, earliest: date, members: list[tuple[Person, str]]
) -> date:
    """Give `parent` an earlier, dissolved marriage with a child; return when they may remarry."""
    rng = b.rng
    ex_sex = "M" if parent.sex == "F" else "F"
    ex = b.person(
        sex=ex_sex,
        birth=parent.birth_date + timedelta(days=rng.randint(-1500, 800)),
        ethnicity=ethnicity(b),
        region=parent.region_code,
    )
    husband, wife = (ex, parent) if ex_sex == "M" else (parent, ex)
    first_start = max(earliest, years_after(ex.birth_date, 22 if ex_sex == "M" else 20))
    first = b.marry(husband, wife, b.day_between(first_start, first_start + timedelta(days=1500)))
    child_born = first.registered_on + timedelta(days=rng.randint(300, 1000))
    divorced = min(
        child_born + timedelta(days=rng.randint(365, 2500)), b.as_of - timedelta(days=60)
    )
    first.divorced_on = max(divorced, first.registered_on + timedelta(days=1))
    child = None
    if child_born < first.divorced_on:
        child_ethnicity = husband.ethnicity if rng.random() < 0.6 else wife.ethnicity
        child = b.person(
            sex=rng.choice("MF"),
            birth=child_born,
            ethnicity=child_ethnicity,
            region=parent.region_code,
            father=husband,
            mother=wife,
        )
        if child.birth_date >= BIRTH_CERTIFICATES_SINCE:
            b.birth_certificate(child, wife, husband)
    ex_members: list[tuple[Person, str]] = [(ex, "户主")]
    if child is not None:
        if parent.sex == "F":
            members.append((child, "继子" if child.sex == "M" else "继女"))
        else:
            ex_members.append((child, "子" if child.sex == "M" else "女"))
    b.household(ex.region_code, ex_members)
    return first.divorced_on + timedelta(days=rng.randint(180, 1200))


def adopt_child(
    b: FamilyBuilder, father: Person, mother: Person, married_on: date, region: str
) -> Person:
    """A child of unknown parents adopted by a married couple."""
    rng = b.rng
    born = b.day_between(married_on, b.as_of - timedelta(days=400))
    child = b.person(sex=rng.choice("MF"), birth=born, ethnicity=ethnicity(b), region=region)
    b.adopt(
        child, father, mother, b.day_between(born + timedelta(days=60), born + timedelta(days=1000))
    )
    return child
