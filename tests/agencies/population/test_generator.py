"""The population is deterministic, exact in size, and realistic where services look."""

from __future__ import annotations

import itertools
from dataclasses import asdict
from datetime import timedelta

from agencies.population import PopulationSpec, generate
from agencies.population.calendar import age_on
from agencies.population.codes import ETHNIC_GROUP_CODES, REGION_BY_CODE
from subgraph.idnumber import birth_date_of, is_valid_id_number, sex_of
from tests.conftest import AS_OF, SPEC


def people(spec: PopulationSpec) -> list:
    return [person for unit in generate(spec) for person in unit.persons]


def test_same_seed_gives_the_same_population() -> None:
    # given one spec, when the population is generated twice, then both runs are equal
    assert [asdict(u) for u in generate(SPEC)] == [asdict(u) for u in generate(SPEC)]


def test_larger_population_extends_the_smaller() -> None:
    # given the same seed, when 400 and 1,000 people are generated
    small = [asdict(u) for u in generate(SPEC)]
    large = [asdict(u) for u in generate(PopulationSpec(people=1_000, seed=7, as_of=AS_OF))]
    # then the larger begins with the smaller's units, except the small's last, short ones
    whole = [u for u in small if u["index"] < len(small) - 16]
    assert large[: len(whole)] == whole


def test_exactly_the_requested_number_is_registered() -> None:
    # given sizes around the scenario threshold, then exactly that many are registered
    counts = [
        sum(u.registered_count for u in generate(PopulationSpec(people=n, seed=3, as_of=AS_OF)))
        for n in (1, 17, 59, 60, 333)
    ]
    assert counts == [1, 17, 59, 60, 333]


def test_id_numbers_are_valid_unique_and_match_the_person() -> None:
    # given a population, then every ID number is valid, unique and encodes birth and sex
    persons = people(PopulationSpec(people=3_000, seed=11, as_of=AS_OF))
    assert all(is_valid_id_number(p.id_number) for p in persons)
    assert len({p.id_number for p in persons}) == len(persons)
    assert all(
        (birth_date_of(p.id_number), sex_of(p.id_number), p.id_number[:6] in REGION_BY_CODE)
        == (p.birth_date, p.sex, True)
        for p in persons
    )


def test_parents_are_older_than_their_children_and_codes_are_known() -> None:
    # given a population, then parents are 15+ years older, and codes come from the catalogues
    persons = people(PopulationSpec(people=3_000, seed=11, as_of=AS_OF))
    by_id = {p.id_number: p for p in persons}
    for child in persons:
        for parent_id in (child.father_id, child.mother_id):
            if parent_id is not None:
                assert age_on(by_id[parent_id].birth_date, child.birth_date) >= 15
        assert child.ethnicity in ETHNIC_GROUP_CODES
        assert child.birth_date <= AS_OF


def test_nobody_is_married_twice_at_once() -> None:
    # given a population with divorces and remarriages
    spans: dict[str, list[tuple]] = {}
    for unit in generate(PopulationSpec(people=3_000, seed=11, as_of=AS_OF)):
        for m in unit.marriages:
            end = m.divorced_on or AS_OF + timedelta(days=1)
            for spouse in (m.husband_id, m.wife_id):
                spans.setdefault(spouse, []).append((m.registered_on, end))
    # then one person's marriages never overlap in time
    for marriages in spans.values():
        ordered = sorted(marriages)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered))
    assert any(len(m) > 1 for m in spans.values())


def test_scenarios_hold_the_edge_cases_services_must_decide() -> None:
    # given the test population, when its scenario units are read
    units = {u.scenario: u for u in generate(SPEC) if u.scenario}
    persons = {p.id_number: p for u in units.values() for p in u.persons}

    def child(name: str):
        return persons[units[name].roles["child"]]

    # then each holds the case it is named after
    facts = {
        "remarried_minor": (
            age_on(child("remarried_minor").birth_date, AS_OF),
            child("remarried_minor").ethnicity,
            [m.divorced_on is not None for m in units["remarried_minor"].marriages],
        ),
        "adult_19_mixed": age_on(child("adult_19_mixed").birth_date, AS_OF),
        "adult_21_mixed": age_on(child("adult_21_mixed").birth_date, AS_OF),
        "changed_once": [(c.from_code, c.to_code) for c in child("changed_once").ethnicity_history],
        "newborn_mixed": (
            child("newborn_mixed").registered,
            len(units["newborn_mixed"].birth_certificates),
        ),
        "birth_without_marriage": (
            units["birth_without_marriage"].marriages,
            child("birth_without_marriage").registered,
        ),
        "adopted_minor": [
            (a.child_id, a.adoptive_father_id) for a in units["adopted_minor"].adoptions
        ],
        "grandparent_guardian": [
            (g.ward_id, g.guardian_id, g.basis) for g in units["grandparent_guardian"].guardianships
        ],
    }
    assert facts == {
        "remarried_minor": (12, "01", [True, False]),
        "adult_19_mixed": 19,
        "adult_21_mixed": 21,
        "changed_once": [("01", "22")],
        "newborn_mixed": (False, 1),
        "birth_without_marriage": ([], False),
        "adopted_minor": [
            (units["adopted_minor"].roles["child"], units["adopted_minor"].roles["father"])
        ],
        "grandparent_guardian": [
            (
                units["grandparent_guardian"].roles["child"],
                units["grandparent_guardian"].roles["guardian"],
                "GRANDPARENT",
            )
        ],
    }
    assert set(units) == {
        "remarried_minor",
        "intact_mixed_minor",
        "adult_19_mixed",
        "adult_21_mixed",
        "changed_once",
        "newborn_mixed",
        "birth_without_marriage",
        "adopted_minor",
        "grandparent_guardian",
    }


def test_she_minority_and_mixed_families_are_present() -> None:
    # given a population of 3,000, then She people and mixed couples appear in it
    units = list(generate(PopulationSpec(people=3_000, seed=11, as_of=AS_OF)))
    persons = {p.id_number: p for u in units for p in u.persons}
    she = sum(p.ethnicity == "22" for p in persons.values())
    mixed = sum(
        persons[m.husband_id].ethnicity != persons[m.wife_id].ethnicity
        for u in units
        for m in u.marriages
    )
    assert she > 0.03 * len(persons) and mixed > 0
