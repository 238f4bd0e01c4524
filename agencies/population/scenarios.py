"""Fixed family units holding the edge cases the services must decide correctly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from agencies.population.builder import FamilyBuilder
from agencies.population.calendar import years_after
from agencies.population.codes import HAN, SHE
from agencies.population.records import Person

NINGHUA = "350424"  # 宁化县, home of many She families


def _couple(
    b: FamilyBuilder,
    husband_age: int,
    husband_eth: str,
    wife_age: int,
    wife_eth: str,
    married_years_ago: int,
) -> tuple[Person, Person]:
    husband = b.person(
        sex="M", birth=b.birthday(husband_age, 40), ethnicity=husband_eth, region=NINGHUA
    )
    wife = b.person(sex="F", birth=b.birthday(wife_age, 70), ethnicity=wife_eth, region=NINGHUA)
    b.marry(husband, wife, b.birthday(married_years_ago, 100))
    b.unit.roles.update(father=husband.id_number, mother=wife.id_number)
    return husband, wife


def _child(
    b: FamilyBuilder,
    father: Person | None,
    mother: Person,
    age: int,
    ethnicity: str,
    *,
    days: int = 120,
    registered: bool = True,
) -> Person:
    child = b.person(
        sex="M",
        birth=b.birthday(age, days),
        ethnicity=ethnicity,
        region=NINGHUA,
        father=father,
        mother=mother,
        registered=registered,
    )
    b.birth_certificate(child, mother, father)
    b.unit.roles["child"] = child.id_number
    return child


def remarried_minor(b: FamilyBuilder) -> None:
    """A Han boy of 12 raised by his She mother and She stepfather after a divorce: eligible."""
    ex = b.person(sex="M", birth=b.birthday(40, 10), ethnicity=HAN, region=NINGHUA)
    mother = b.person(sex="F", birth=b.birthday(38, 200), ethnicity=SHE, region=NINGHUA)
    first = b.marry(ex, mother, b.birthday(15, 30))
    child = _child(b, ex, mother, 12, HAN)
    first.divorced_on = b.birthday(6)
    step = b.person(sex="M", birth=b.birthday(41, 5), ethnicity=SHE, region=NINGHUA)
    b.marry(step, mother, b.birthday(4))
    b.household(NINGHUA, [(step, "户主"), (mother, "配偶"), (child, "继子")])
    b.household(NINGHUA, [(ex, "户主")])
    b.unit.roles.update(father=ex.id_number, mother=mother.id_number, step_father=step.id_number)


def intact_mixed_minor(b: FamilyBuilder) -> None:
    """A Han boy of 10 whose Han father and She mother never divorced: not eligible."""
    father, mother = _couple(b, 39, HAN, 37, SHE, 13)
    child = _child(b, father, mother, 10, HAN)
    b.household(NINGHUA, [(father, "户主"), (mother, "配偶"), (child, "子")])


def _adult_of_mixed_parents(age: int, days: int) -> Callable[[FamilyBuilder], None]:
    def build(b: FamilyBuilder) -> None:
        father, mother = _couple(b, age + 27, HAN, age + 25, SHE, age + 2)
        child = _child(b, father, mother, age, HAN, days=days)
        b.household(NINGHUA, [(father, "户主"), (mother, "配偶"), (child, "子")])

    build.__doc__ = f"A Han man of {age} with a Han father and a She mother."
    return build


def changed_once(b: FamilyBuilder) -> None:
    """A man of 20 who already changed from Han to his mother's She at 18: no second change."""
    father, mother = _couple(b, 47, HAN, 45, SHE, 22)
    child = _child(b, father, mother, 20, HAN, days=50)
    b.change_ethnicity(child, SHE, "MOTHER", years_after(child.birth_date, 18) + timedelta(days=90))
    b.household(NINGHUA, [(father, "户主"), (mother, "配偶"), (child, "子")])


def newborn_mixed(b: FamilyBuilder) -> None:
    """A baby of 10 days, not yet registered, of a Han father and a She mother."""
    father, mother = _couple(b, 30, HAN, 28, SHE, 3)
    _child(b, father, mother, 0, HAN, days=10, registered=False)
    b.household(NINGHUA, [(father, "户主"), (mother, "配偶")])


def birth_without_marriage(b: FamilyBuilder) -> None:
    """A baby of 12 days, not yet registered, whose parents have no marriage record."""
    father = b.person(sex="M", birth=b.birthday(27, 15), ethnicity=HAN, region=NINGHUA)
    mother = b.person(sex="F", birth=b.birthday(25, 80), ethnicity=HAN, region=NINGHUA)
    _child(b, father, mother, 0, HAN, days=12, registered=False)
    b.household(NINGHUA, [(mother, "户主")])
    b.household(NINGHUA, [(father, "户主")])
    b.unit.roles.update(father=father.id_number, mother=mother.id_number)


def adopted_minor(b: FamilyBuilder) -> None:
    """A Han girl of 8 adopted by a She couple: may follow an adoptive parent."""
    father, mother = _couple(b, 42, SHE, 40, SHE, 15)
    child = b.person(sex="F", birth=b.birthday(8, 20), ethnicity=HAN, region=NINGHUA)
    b.adopt(child, father, mother, b.birthday(7))
    b.household(NINGHUA, [(father, "户主"), (mother, "配偶"), (child, "养女")])
    b.unit.roles["child"] = child.id_number


def grandparent_guardian(b: FamilyBuilder) -> None:
    """A girl of 9 with no parents on record, whose grandmother is her appointed guardian."""
    grandmother = b.person(sex="F", birth=b.birthday(66, 30), ethnicity=SHE, region=NINGHUA)
    child = b.person(sex="F", birth=b.birthday(9, 200), ethnicity=SHE, region=NINGHUA)
    b.household(NINGHUA, [(grandmother, "户主"), (child, "孙女")])
    b.appoint_guardian(child, grandmother, "GRANDPARENT", b.birthday(6))
    b.unit.roles.update(child=child.id_number, guardian=grandmother.id_number)


SCENARIOS: dict[str, Callable[[FamilyBuilder], None]] = {
    "remarried_minor": remarried_minor,
    "intact_mixed_minor": intact_mixed_minor,
    "adult_19_mixed": _adult_of_mixed_parents(19, 40),
    "adult_21_mixed": _adult_of_mixed_parents(21, 40),
    "changed_once": changed_once,
    "newborn_mixed": newborn_mixed,
    "birth_without_marriage": birth_without_marriage,
    "adopted_minor": adopted_minor,
    "grandparent_guardian": grandparent_guardian,
}
