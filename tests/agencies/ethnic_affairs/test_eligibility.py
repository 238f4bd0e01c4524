"""`Person.ethnicityChangeEligibility` decides over the representation the gateway sends.

Each representation carries the fields the field `@requires`, built here from the test
population as the police and civil affairs hold them; the subgraph adds its own approvals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agencies.population import FamilyUnit
from agencies.population.calendar import years_after
from tests.conftest import AS_OF, GraphQL, SqlLog
from tests.population import persons, scenario, units

HAN, SHE = "01", "22"

ELIGIBILITY = """
query($representations: [_Any!]!, $toCode: String!, $onDate: Date) {
  _entities(representations: $representations) {
    ... on Person {
      idNumber
      ethnicityChangeEligibility(toCode: $toCode, onDate: $onDate) {
        eligible
        basis
        checks {
          code passed summaryZh summaryEn sourceAgency recordType recordReference
        }
      }
    }
  }
}
"""


def household(number: str | None) -> dict[str, str] | None:
    return None if number is None else {"number": number}


def spouse(id_number: str) -> dict[str, str]:
    return {"idNumber": id_number, "ethnicityCode": persons()[id_number].ethnicity}


def marriages_of(id_number: str) -> list[dict[str, Any]]:
    found = sorted(
        (m for u in units() for m in u.marriages if id_number in (m.husband_id, m.wife_id)),
        key=lambda m: (m.registered_on, m.number),
    )
    return [
        {
            "number": m.number,
            "registeredOn": m.registered_on.isoformat(),
            "divorcedOn": None if m.divorced_on is None else m.divorced_on.isoformat(),
            "husband": spouse(m.husband_id),
            "wife": spouse(m.wife_id),
        }
        for m in found
    ]


def parent(id_number: str | None) -> dict[str, Any] | None:
    if id_number is None:
        return None
    person = persons()[id_number]
    return {
        "idNumber": id_number,
        "ethnicityCode": person.ethnicity,
        "household": household(person.household_no),
        "marriages": marriages_of(id_number),
    }


def representation(id_number: str) -> dict[str, Any]:
    """What the gateway sends for a person: the key and every required field."""
    person = persons()[id_number]
    adoptions = [a for u in units() for a in u.adoptions if a.child_id == id_number]
    return {
        "__typename": "Person",
        "idNumber": id_number,
        "birthDate": person.birth_date.isoformat(),
        "ethnicityCode": person.ethnicity,
        "household": household(person.household_no),
        "father": parent(person.father_id),
        "mother": parent(person.mother_id),
        "adoptions": [
            {
                "number": a.number,
                "adoptiveFather": None
                if a.adoptive_father_id is None
                else {"idNumber": a.adoptive_father_id},
                "adoptiveMother": None
                if a.adoptive_mother_id is None
                else {"idNumber": a.adoptive_mother_id},
            }
            for a in adoptions
        ],
    }


def check(
    code: str, passed: bool, zh: str, en: str, agency: str, record: str, reference: str
) -> dict[str, Any]:
    return {
        "code": code,
        "passed": passed,
        "summaryZh": zh,
        "summaryEn": en,
        "sourceAgency": agency,
        "recordType": record,
        "recordReference": reference,
    }


def opening(
    unit: FamilyUnit,
    to_code: str,
    age: tuple[bool, str, str],
    changed: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The checks of the target code, the earlier changes (`changed`, or none) and the age."""
    child = unit.roles["child"]
    current = persons()[child].ethnicity
    return [
        check(
            "TARGET_KNOWN",
            True,
            f"{to_code}为GB 3304民族代码",
            f"{to_code} is a GB 3304 code",
            "ethnic_affairs",
            "EthnicGroup",
            to_code,
        ),
        check(
            "TARGET_DIFFERS",
            True,
            f"现民族成份{current}，拟变更为{to_code}",
            f"registered as {current}, not {to_code}",
            "police",
            "Person",
            child,
        ),
        changed
        or check(
            "NOT_CHANGED_BEFORE",
            True,
            "此前未变更过民族成份",
            "no earlier ethnicity change was approved",
            "ethnic_affairs",
            "Person",
            child,
        ),
        check("AGE", *age, "police", "Person", child),
    ]


def raised_by_she_mother(unit: FamilyUnit) -> list[dict[str, Any]]:
    """The minor's Han differs from the She of the mother raising them, and 22 is hers."""
    mother = unit.roles["mother"]
    return [
        check(
            "RAISING_PARENT_DIFFERS",
            True,
            "子女民族成份01与抚养子女的母亲的22不同",
            "the child's ethnicity 01 differs from 22 of the mother raising the child",
            "police",
            "Person",
            mother,
        ),
        check(
            "TARGET_IS_PARENTS",
            True,
            "22为抚养子女的母亲的民族成份",
            "22 is the ethnicity of the mother raising the child",
            "police",
            "Person",
            mother,
        ),
    ]


def minor(name: str) -> dict[str, Any]:
    """The expected decision for a minor of the scenarios asking for She."""
    unit = scenario(name)
    age = _age(unit.roles["child"])
    head = opening(unit, SHE, (True, f"{age}周岁，未成年", f"aged {age}, a minor"))
    if name == "remarried_minor":
        first = unit.marriages[0]
        divorce = check(
            "MARRIAGE_CHANGED",
            True,
            f"父母婚姻（{first.number}）已于{first.divorced_on}登记离婚",
            f"the parents' marriage {first.number} ended in divorce on {first.divorced_on}",
            "civil_affairs",
            "Marriage",
            first.number,
        )
        return {
            "eligible": True,
            "basis": "MOTHER",
            "checks": [*head, divorce, *raised_by_she_mother(unit)],
        }
    if name == "adopted_minor":
        (adoption,) = unit.adoptions
        adopted = check(
            "ADOPTED",
            True,
            f"已登记收养（{adoption.number}）",
            f"the adoption {adoption.number} is registered",
            "civil_affairs",
            "Adoption",
            adoption.number,
        )
        target = check(
            "TARGET_IS_PARENTS",
            True,
            "22为养父的民族成份",
            "22 is the ethnicity of the adoptive father",
            "police",
            "Person",
            unit.roles["father"],
        )
        return {"eligible": True, "basis": "ADOPTIVE_PARENT", "checks": [*head, adopted, target]}
    (marriage,) = unit.marriages
    not_adopted = check(
        "ADOPTED",
        False,
        "未查到收养登记",
        "no adoption of the applicant is registered",
        "civil_affairs",
        "Person",
        unit.roles["child"],
    )
    unchanged = check(
        "MARRIAGE_CHANGED",
        False,
        f"父母婚姻（{marriage.number}）存续，抚养子女的父母未再婚",
        f"the parents' marriage {marriage.number} stands and no raising parent remarried",
        "civil_affairs",
        "Marriage",
        marriage.number,
    )
    return {
        "eligible": False,
        "basis": None,
        "checks": [*head, not_adopted, unchanged, *raised_by_she_mother(unit)],
    }


def adult(name: str, to_code: str, *, eligible: bool) -> dict[str, Any]:
    """The expected decision for an adult of the scenarios asking for a parent's ethnicity."""
    unit = scenario(name)
    child = persons()[unit.roles["child"]]
    age = _age(child.id_number)
    twentieth = years_after(child.birth_date, 20)
    if age < 20:
        age_check = (
            True,
            f"{age}周岁，在年满18周岁后两年内（{twentieth}前）",
            f"aged {age}, within two years after turning 18 (before {twentieth})",
        )
    else:
        age_check = (
            False,
            f"{age}周岁，年满18周岁后的两年已于{twentieth}届满",
            f"aged {age}: the two years after turning 18 ended on {twentieth}",
        )
    changed = None
    if unit.ethnicity_changes:
        (change,) = unit.ethnicity_changes
        changed = check(
            "NOT_CHANGED_BEFORE",
            False,
            f"已于{change.decided_on}批准变更民族成份，只能变更一次",
            f"a change was approved on {change.decided_on}; only one is allowed",
            "ethnic_affairs",
            "EthnicityChange",
            change.number,
        )
    role, zh, en = ("mother", "母亲", "mother") if to_code == SHE else ("father", "父亲", "father")
    target = check(
        "TARGET_IS_PARENTS",
        True,
        f"{to_code}为{zh}的民族成份",
        f"{to_code} is the ethnicity of the {en}",
        "police",
        "Person",
        unit.roles[role],
    )
    return {
        "eligible": eligible,
        "basis": "MOTHER" if eligible else None,
        "checks": [*opening(unit, to_code, age_check, changed), target],
    }


def _age(id_number: str) -> int:
    born = persons()[id_number].birth_date
    return AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))


async def resolve(graphql: GraphQL, names: list[str], to_code: str) -> dict[str, Any]:
    representations = [representation(scenario(name).roles["child"]) for name in names]
    return await graphql(
        "ethnic_affairs",
        ELIGIBILITY,
        {"representations": representations, "toCode": to_code, "onDate": AS_OF.isoformat()},
    )


@pytest.mark.parametrize(
    ("name", "to_code", "expected"),
    [
        ("remarried_minor", SHE, lambda: minor("remarried_minor")),
        ("intact_mixed_minor", SHE, lambda: minor("intact_mixed_minor")),
        ("adopted_minor", SHE, lambda: minor("adopted_minor")),
        ("adult_19_mixed", SHE, lambda: adult("adult_19_mixed", SHE, eligible=True)),
        ("adult_21_mixed", SHE, lambda: adult("adult_21_mixed", SHE, eligible=False)),
        ("changed_once", HAN, lambda: adult("changed_once", HAN, eligible=False)),
    ],
)
async def test_scenario_person(
    graphql: GraphQL, name: str, to_code: str, expected: Callable[[], dict[str, Any]]
) -> None:
    # given a person of the scenarios, represented as the gateway would send them
    # when ethnic affairs decides on a change to `to_code` on the population's day
    result = await resolve(graphql, [name], to_code)
    # then the decision follows the measures, every check naming its record
    child = scenario(name).roles["child"]
    assert result == {
        "data": {"_entities": [{"idNumber": child, "ethnicityChangeEligibility": expected()}]}
    }


async def test_several_persons_share_one_query_per_table(graphql: GraphQL, sql: SqlLog) -> None:
    # given three scenario persons in one _entities call
    names = ["remarried_minor", "changed_once", "adult_19_mixed"]
    sql.reset()
    # when their eligibility for Han is decided
    result = await resolve(graphql, names, HAN)
    # then every person is answered, from one SELECT of approvals and one of the catalogue
    answered = [e["ethnicityChangeEligibility"]["eligible"] for e in result["data"]["_entities"]]
    assert (answered, len(sql.selects("ethnic_affairs"))) == ([False, False, False], 2)


async def test_a_representation_without_its_requirement_is_refused(graphql: GraphQL) -> None:
    # given a representation whose mother arrived without her marriages (as if refused)
    child = scenario("remarried_minor").roles["child"]
    incomplete = representation(child)
    incomplete["mother"]["marriages"] = None
    # when the eligibility is asked for
    result = await graphql(
        "ethnic_affairs",
        ELIGIBILITY,
        {"representations": [incomplete], "toCode": SHE, "onDate": AS_OF.isoformat()},
    )
    # then no decision is made on missing records: the field is null with a typed error
    assert result == {
        "data": {"_entities": [{"idNumber": child, "ethnicityChangeEligibility": None}]},
        "errors": [
            {
                "message": "ethnicityChangeEligibility needs Person.mother.marriages in the "
                "representation (its @requires): missing, or null because the caller may "
                "not read it",
                "locations": [{"line": 6, "column": 7}],
                "path": ["_entities", 0, "ethnicityChangeEligibility"],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ],
    }
