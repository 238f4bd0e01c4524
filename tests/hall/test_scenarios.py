"""The service rules over the synthetic population's edge cases, from submission to the records.

Each scenario is decided by the hall's verification (one gateway query, the rule computed by
the owning agency), then by the accepting unit's officer, and ends in every agency's records.
"""

from __future__ import annotations

from typing import Any

from tests.hall.flow import HAN, REGISTERED_ETHNICITY, SHE, Hall, check, scenario

CHANGE = {"reason": "申请变更民族成份"}
UNCHANGED_HAN: dict[str, Any] = {
    "ethnicityCode": HAN,
    "ethnicityHistory": [],
    "ethnicityChanges": [],
}


def common_checks(person: str, target: str) -> list[dict[str, object]]:
    """The checks every ethnicity change starts with, all passed."""
    return [
        check("TARGET_KNOWN", "ethnic_affairs", "EthnicGroup", target),
        check("TARGET_DIFFERS", "police", "Person", person),
        check("NOT_CHANGED_BEFORE", "ethnic_affairs", "Person", person),
        check("AGE", "police", "Person", person),
    ]


def approval(number: str) -> str:
    """The approval number ethnic affairs gives an application it approves."""
    return f"MZ350400-{number[2:6]}-{number[-8:]}"


def changed(number: str, basis: str) -> dict[str, Any]:
    """A Han person's records after an approved change to She."""
    return {
        "ethnicityCode": SHE,
        "ethnicityHistory": [
            {"fromCode": HAN, "toCode": SHE, "basis": basis, "approvalNumber": approval(number)}
        ],
        "ethnicityChanges": [
            {
                "number": approval(number),
                "basis": basis,
                "status": "APPROVED",
                "fromGroup": {"code": HAN},
                "toGroup": {"code": SHE},
            }
        ],
    }


async def _registered(hall: Hall, person: str, number: str) -> dict[str, Any]:
    body = await hall.as_hall_system(REGISTERED_ETHNICITY, {"id": person}, case=number)
    registered: dict[str, Any] = body["data"]["person"]
    return registered


async def test_a_minor_after_a_remarriage_becomes_she_in_every_agency(hall: Hall) -> None:
    # Given the She mother of the remarried-minor scenario, whose Han son of 12 lives with her
    # and his She stepfather
    unit = scenario("remarried_minor")
    mother, child = unit.roles["mother"], unit.roles["child"]
    divorced = unit.marriages[0].number

    # When she applies for him to follow her ethnicity, the hall verifies it automatically,
    # the city ethnic-affairs officer approves, and the hall executes and delivers it
    submitted = await hall.submit(
        mother,
        service="ETHNICITY_CHANGE_MINOR",
        subject=child,
        details={"target_ethnic_group": SHE, **CHANGE},
    )
    number = submitted["data"]["submitApplication"]["application"]["number"]
    await hall.work()
    verification = (await hall.read(number))["verification"]
    approved = await hall.decide(number, approve=True, reason="符合条件")
    await hall.work()
    application = await hall.read(number)

    # Then the city bureau accepted it, every check came from its agency and record, each
    # step is on record, and police and ethnic affairs hold the change
    assert (submitted["data"]["submitApplication"]["replayed"], application["unitCode"]) == (
        False,
        "MZ350400",
    )
    assert verification == {
        "eligible": True,
        "checks": [
            check("APPLICANT", "police", "Person", child),
            *common_checks(child, SHE),
            check("MARRIAGE_CHANGED", "civil_affairs", "Marriage", divorced),
            check("RAISING_PARENT_DIFFERS", "police", "Person", mother),
            check("TARGET_IS_PARENTS", "police", "Person", mother),
            check("ELIGIBLE", "ethnic_affairs", "Person", child),
        ],
    }
    assert approved["data"]["decideApplication"]["application"]["state"] == "APPROVED"
    assert [(s["fromState"], s["toState"], s["actorKind"]) for s in application["steps"]] == [
        (None, "SUBMITTED", "CITIZEN"),
        ("SUBMITTED", "ACCEPTED", "SYSTEM"),
        ("ACCEPTED", "VERIFIED", "SYSTEM"),
        ("VERIFIED", "APPROVED", "STAFF"),
        ("APPROVED", "EXECUTED", "SYSTEM"),
        ("EXECUTED", "DELIVERED", "SYSTEM"),
        ("DELIVERED", "CLOSED", "SYSTEM"),
    ]
    assert await _registered(hall, child, number) == changed(number, "MOTHER")


async def test_an_adult_of_19_takes_the_mothers_ethnicity(hall: Hall) -> None:
    # Given a Han man of 19 whose mother is She
    unit = scenario("adult_19_mixed")
    adult, mother = unit.roles["child"], unit.roles["mother"]
    # When he applies himself, is verified, approved and executed
    number = await hall.submitted_number(
        adult,
        service="ETHNICITY_CHANGE_ADULT",
        subject=adult,
        details={"target_ethnic_group": SHE, **CHANGE},
    )
    await hall.work()
    verification = (await hall.read(number))["verification"]
    await hall.decide(number, approve=True, reason="符合条件")
    await hall.work()
    # Then every check passed on its record, and police and ethnic affairs hold the change
    assert verification == {
        "eligible": True,
        "checks": [
            check("APPLICANT", "police", "Person", adult),
            *common_checks(adult, SHE),
            check("TARGET_IS_PARENTS", "police", "Person", mother),
            check("ELIGIBLE", "ethnic_affairs", "Person", adult),
        ],
    }
    assert ((await hall.read(number))["state"], await _registered(hall, adult, number)) == (
        "CLOSED",
        changed(number, "MOTHER"),
    )


async def test_an_adult_of_21_is_refused_and_nothing_changes(hall: Hall) -> None:
    # Given a Han man of 21 whose mother is She
    unit = scenario("adult_21_mixed")
    adult, mother = unit.roles["child"], unit.roles["mother"]
    # When he applies, and the officer cannot approve what failed verification
    number = await hall.submitted_number(
        adult,
        service="ETHNICITY_CHANGE_ADULT",
        subject=adult,
        details={"target_ethnic_group": SHE, **CHANGE},
    )
    await hall.work()
    verification = (await hall.read(number))["verification"]
    refused = await hall.decide(number, approve=True, reason="同意")
    rejected = await hall.decide(number, approve=False, reason="年满十八周岁已超过两年")
    await hall.work()
    # Then the age check failed on his police record, approval was refused, the rejection
    # stands with its reason, and his records are untouched
    assert verification == {
        "eligible": False,
        "checks": [
            check("APPLICANT", "police", "Person", adult),
            check("TARGET_KNOWN", "ethnic_affairs", "EthnicGroup", SHE),
            check("TARGET_DIFFERS", "police", "Person", adult),
            check("NOT_CHANGED_BEFORE", "ethnic_affairs", "Person", adult),
            check("AGE", "police", "Person", adult, passed=False),
            check("TARGET_IS_PARENTS", "police", "Person", mother),
            check("ELIGIBLE", "ethnic_affairs", "Person", adult, passed=False),
        ],
    }
    assert refused["data"]["decideApplication"] is None
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["BAD_USER_INPUT"]
    assert rejected["data"]["decideApplication"]["application"]["state"] == "REJECTED"
    # (then closed by the hall, the rejection and its reason kept)
    application = await hall.read(number)
    assert (application["state"], application["decisionReason"]) == (
        "CLOSED",
        "年满十八周岁已超过两年",
    )
    assert await _registered(hall, adult, number) == UNCHANGED_HAN


async def test_a_second_change_is_refused(hall: Hall) -> None:
    # Given a man of 20 who changed from Han to his mother's She at 18
    unit = scenario("changed_once")
    adult, father = unit.roles["child"], unit.roles["father"]
    earlier = unit.ethnicity_changes[0].number
    # When he applies to take his father's Han back
    number = await hall.submitted_number(
        adult,
        service="ETHNICITY_CHANGE_ADULT",
        subject=adult,
        details={"target_ethnic_group": HAN, **CHANGE},
    )
    await hall.work()
    verification = (await hall.read(number))["verification"]
    await hall.decide(number, approve=False, reason="民族成份只能变更一次")
    # Then the earlier approval (and his age) refuse it, and his records keep the first change
    assert verification == {
        "eligible": False,
        "checks": [
            check("APPLICANT", "police", "Person", adult),
            check("TARGET_KNOWN", "ethnic_affairs", "EthnicGroup", HAN),
            check("TARGET_DIFFERS", "police", "Person", adult),
            check("NOT_CHANGED_BEFORE", "ethnic_affairs", "EthnicityChange", earlier, passed=False),
            check("AGE", "police", "Person", adult, passed=False),
            check("TARGET_IS_PARENTS", "police", "Person", father),
            check("ELIGIBLE", "ethnic_affairs", "Person", adult, passed=False),
        ],
    }
    registered = await _registered(hall, adult, number)
    assert (registered["ethnicityCode"], [c["number"] for c in registered["ethnicityChanges"]]) == (
        SHE,
        [earlier],
    )


async def test_a_minor_whose_parents_never_divorced_is_refused(hall: Hall) -> None:
    # Given a Han boy of 10 whose Han father and She mother are still married
    unit = scenario("intact_mixed_minor")
    child, mother = unit.roles["child"], unit.roles["mother"]
    marriage = unit.marriages[0].number
    # When his mother applies for him to become She
    number = await hall.submitted_number(
        mother,
        service="ETHNICITY_CHANGE_MINOR",
        subject=child,
        details={"target_ethnic_group": SHE, **CHANGE},
    )
    await hall.work()
    verification = (await hall.read(number))["verification"]
    await hall.decide(number, approve=False, reason="父母婚姻状况未改变")
    # Then neither an adoption nor a change of the marriage allows it, and nothing changes
    assert verification == {
        "eligible": False,
        "checks": [
            check("APPLICANT", "police", "Person", child),
            *common_checks(child, SHE),
            check("ADOPTED", "civil_affairs", "Person", child, passed=False),
            check("MARRIAGE_CHANGED", "civil_affairs", "Marriage", marriage, passed=False),
            check("RAISING_PARENT_DIFFERS", "police", "Person", mother),
            check("TARGET_IS_PARENTS", "police", "Person", mother),
            check("ELIGIBLE", "ethnic_affairs", "Person", child, passed=False),
        ],
    }
    assert await _registered(hall, child, number) == UNCHANGED_HAN


async def test_an_adopted_minor_takes_an_adoptive_parents_ethnicity(hall: Hall) -> None:
    # Given a Han girl of 8 adopted by a She couple
    unit = scenario("adopted_minor")
    child, father, mother = unit.roles["child"], unit.roles["father"], unit.roles["mother"]
    adoption = unit.adoptions[0].number
    # When her adoptive mother applies, and it is approved
    number = await hall.submitted_number(
        mother,
        service="ETHNICITY_CHANGE_MINOR",
        subject=child,
        details={"target_ethnic_group": SHE, **CHANGE},
    )
    await hall.work()
    verification = (await hall.read(number))["verification"]
    await hall.decide(number, approve=True, reason="随养父母")
    await hall.work()
    # Then the adoption decided it and she is She in police and ethnic affairs
    assert verification == {
        "eligible": True,
        "checks": [
            check("APPLICANT", "police", "Person", child),
            *common_checks(child, SHE),
            check("ADOPTED", "civil_affairs", "Adoption", adoption),
            check("TARGET_IS_PARENTS", "police", "Person", father),
            check("ELIGIBLE", "ethnic_affairs", "Person", child),
        ],
    }
    assert await _registered(hall, child, number) == changed(number, "ADOPTIVE_PARENT")
