"""An ethnicity change from the citizen's submission to the police register, in one pass."""

from __future__ import annotations

from tests.hall.flow import (
    APPLICATION,
    DECIDE,
    ETHNIC_AFFAIRS_CITY_OFFICER,
    REGISTERED_ETHNICITY,
    SHE,
    Hall,
    check,
    scenario,
)


async def test_a_minor_after_a_remarriage_becomes_she_in_every_agency(hall: Hall) -> None:
    # Given the She mother of the remarried-minor scenario, whose Han son of 12 lives with her
    # and his She stepfather
    unit = scenario("remarried_minor")
    mother, child = unit.roles["mother"], unit.roles["child"]
    divorced = unit.marriages[0].number

    # When she applies for him to follow her ethnicity, the hall verifies it automatically,
    # the city ethnic-affairs officer approves, and the hall executes the approval
    submitted = await hall.submit(
        mother,
        service="ETHNICITY_CHANGE_MINOR",
        subject=child,
        details={"target_ethnic_group": SHE, "basis": "MOTHER", "reason": "随母亲"},
    )
    number = submitted["data"]["submitApplication"]["application"]["number"]
    await hall.work()
    verified = await hall.staff(
        ETHNIC_AFFAIRS_CITY_OFFICER, APPLICATION, {"number": number}, case=number
    )
    version = verified["data"]["application"]["version"]
    approved = await hall.staff(
        ETHNIC_AFFAIRS_CITY_OFFICER,
        DECIDE,
        {"number": number, "version": version, "approve": True, "reason": "符合条件"},
        case=number,
    )
    await hall.work()
    closed = await hall.staff(
        ETHNIC_AFFAIRS_CITY_OFFICER, APPLICATION, {"number": number}, case=number
    )
    registered = await hall.as_hall_system(REGISTERED_ETHNICITY, {"id": child}, case=number)

    # Then the submission was accepted by the city bureau, every check came from its agency
    # and record, the decision moved it to EXECUTED, and police and ethnic affairs hold it
    assert submitted["data"]["submitApplication"]["replayed"] is False
    assert verified["data"]["application"]["verification"] == {
        "eligible": True,
        "checks": [
            check("APPLICANT", "police", "Person", child),
            check("TARGET_KNOWN", "ethnic_affairs", "EthnicGroup", SHE),
            check("TARGET_DIFFERS", "police", "Person", child),
            check("NOT_CHANGED_BEFORE", "ethnic_affairs", "Person", child),
            check("AGE", "police", "Person", child),
            check("MARRIAGE_CHANGED", "civil_affairs", "Marriage", divorced),
            check("RAISING_PARENT_DIFFERS", "police", "Person", mother),
            check("TARGET_IS_PARENTS", "police", "Person", mother),
            check("ELIGIBLE", "ethnic_affairs", "Person", child),
        ],
    }
    assert approved["data"]["decideApplication"]["application"]["state"] == "APPROVED"
    application = closed["data"]["application"]
    assert (application["state"], application["agency"], application["unitCode"]) == (
        "EXECUTED",
        "ethnic_affairs",
        "MZ350400",
    )
    assert [(s["fromState"], s["toState"], s["actorKind"]) for s in application["steps"]] == [
        (None, "SUBMITTED", "CITIZEN"),
        ("SUBMITTED", "ACCEPTED", "SYSTEM"),
        ("ACCEPTED", "VERIFIED", "SYSTEM"),
        ("VERIFIED", "APPROVED", "STAFF"),
        ("APPROVED", "EXECUTED", "SYSTEM"),
    ]
    approval = f"MZ350400-{number[2:6]}-{number[-8:]}"
    assert registered == {
        "data": {
            "person": {
                "ethnicityCode": SHE,
                "ethnicityHistory": [
                    {"fromCode": "01", "toCode": SHE, "basis": "MOTHER", "approvalNumber": approval}
                ],
                "ethnicityChanges": [
                    {
                        "number": approval,
                        "basis": "MOTHER",
                        "status": "APPROVED",
                        "fromGroup": {"code": "01"},
                        "toGroup": {"code": SHE},
                    }
                ],
            }
        }
    }
