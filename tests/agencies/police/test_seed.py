"""The police's seeded records are consistent with each other and with the ID numbers."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from agencies.police.models import Household, IdCard, Person
from subgraph.idnumber import birth_date_of, is_valid_id_number, sex_of
from tests.conftest import SPEC, Platform


async def test_every_registered_person_has_a_matching_valid_id(platform: Platform) -> None:
    # given the seeded police register
    async with platform.databases["police"].sessions() as session:
        persons = (await session.scalars(select(Person))).all()
    # then there are exactly as many as asked, and each ID encodes birth date and sex
    assert len(persons) == SPEC.people
    assert all(
        (is_valid_id_number(p.id_number), birth_date_of(p.id_number), sex_of(p.id_number))
        == (True, p.birth_date, p.sex)
        for p in persons
    )


async def test_parents_are_at_least_15_years_older(platform: Platform) -> None:
    # given each registered child and parent
    parent = aliased(Person)
    async with platform.databases["police"].sessions() as session:
        pairs = (
            await session.execute(
                select(Person.birth_date, parent.birth_date).join(
                    parent,
                    (parent.id_number == Person.father_id) | (parent.id_number == Person.mother_id),
                )
            )
        ).all()
    # then no parent is younger than 15 years more than the child
    assert pairs and all((child - elder).days >= 15 * 365 for child, elder in pairs)


async def test_households_have_their_head_as_a_member(platform: Platform) -> None:
    # given the households, then each head is registered in that very household
    async with platform.databases["police"].sessions() as session:
        orphans = await session.scalar(
            select(func.count())
            .select_from(Household)
            .outerjoin(
                Person,
                (Person.id_number == Household.head_id) & (Person.household_no == Household.number),
            )
            .where(Person.id_number.is_(None))
        )
    assert orphans == 0


async def test_adults_hold_a_card_and_cards_belong_to_persons(platform: Platform) -> None:
    # given persons of 16 and more, then each has at least one identity card
    async with platform.databases["police"].sessions() as session:
        adults_without = await session.scalar(
            select(func.count())
            .select_from(Person)
            .where(Person.birth_date <= SPEC.as_of.replace(year=SPEC.as_of.year - 16))
            .where(~select(IdCard.serial).where(IdCard.person_id == Person.id_number).exists())
        )
    assert adults_without == 0
