"""Questions answered by the responsible unit; one-click flags routed to the city bureau."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import pytest_asyncio

from hall.models import Notice
from hall.service_models import Question, SupervisionFlag
from hall.times import utc
from tests.hall.flow import Hall
from tests.hall.service_flow import (
    Resident,
    as_citizen,
    hall_rows,
    police_bureau,
    police_officer,
    residents,
    submitted,
)
from web.citizen_operations import (
    CITIZEN_ASK_ABOUT_APPLICATION,
    CITIZEN_ASK_QUESTION,
    CITIZEN_FLAG_APPLICATION,
    CITIZEN_FLAGS,
    CITIZEN_QUESTIONS,
)

POLICE_SUPERVISOR = "police.sanming.supervisor"
CITY_POLICE = "350400000000"
OPEN_QUESTIONS = """
query Open { serviceQuestions(state: OPEN) { items { number unitCode text } } }
"""
ANSWER = """
mutation Answer($number: String!, $answer: String!) {
  answerQuestion(number: $number, answer: $answer) {
    question { number state answer }
  }
}
"""
OPEN_FLAGS = """
query Flags { supervisionFlags(state: OPEN) { items { number applicationNumber kind unitCode } } }
"""
RESPOND = """
mutation Respond($number: String!, $resolved: Boolean!, $response: String!) {
  respondToFlag(number: $number, resolved: $resolved, response: $response) {
    flag { number state response }
  }
}
"""


def by_region() -> list[Resident]:
    """One resident per county, so each test's unit has its own questions."""
    seen: dict[str, Resident] = {}
    for resident in residents():
        seen.setdefault(resident.region, resident)
    return list(seen.values())


def _errors(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["message"], e["extensions"]["code"]) for e in body["errors"]]


async def _question(hall: Hall, number: str) -> Question:
    return next(q for q in await hall_rows(hall, Question) if q.number == number)


async def test_a_question_on_a_service_is_answered_by_the_unit_that_would_accept_it(
    hall: Hall,
) -> None:
    # Given a citizen asking how the ID-card reissue works for them
    citizen = by_region()[0]
    officer = police_officer(citizen.region)
    asked = await as_citizen(
        hall,
        citizen.id_number,
        CITIZEN_ASK_QUESTION,
        {
            "serviceCode": "ID_CARD_REISSUE",
            "subjectIdNumber": citizen.id_number,
            "text": "补领身份证需要本人到场拍照吗？",
        },
    )
    number = asked["data"]["askQuestion"]["question"]["number"]

    # When the county police's officer looks at the open questions and answers it
    queue = await hall.staff(officer, OPEN_QUESTIONS, {})
    answered = await hall.staff(
        officer, ANSWER, {"number": number, "answer": "不需要，照片取自已有记录。"}, case=number
    )
    mine = await as_citizen(hall, citizen.id_number, CITIZEN_QUESTIONS, {})

    # Then it went to the county bureau, which answered it, and the citizen reads the answer
    question = await _question(hall, number)
    assert asked == {
        "data": {
            "askQuestion": {
                "question": {
                    "number": number,
                    "serviceCode": "ID_CARD_REISSUE",
                    "applicationNumber": None,
                    "agency": "police",
                    "unitCode": police_bureau(citizen.region),
                    "text": "补领身份证需要本人到场拍照吗？",
                    "state": "OPEN",
                }
            }
        }
    }
    assert queue == {
        "data": {
            "serviceQuestions": {
                "items": [
                    {
                        "number": number,
                        "unitCode": police_bureau(citizen.region),
                        "text": "补领身份证需要本人到场拍照吗？",
                    }
                ]
            }
        }
    }
    assert answered == {
        "data": {
            "answerQuestion": {
                "question": {
                    "number": number,
                    "state": "ANSWERED",
                    "answer": "不需要，照片取自已有记录。",
                }
            }
        }
    }
    assert question.answered_at is not None
    assert mine["data"]["serviceQuestions"]["items"] == [
        {
            "number": number,
            "serviceCode": "ID_CARD_REISSUE",
            "applicationNumber": None,
            "unitCode": police_bureau(citizen.region),
            "text": "补领身份证需要本人到场拍照吗？",
            "askedAt": utc(question.asked_at).isoformat(),
            "state": "ANSWERED",
            "answer": "不需要，照片取自已有记录。",
            "answeredAt": utc(question.answered_at).isoformat(),
        }
    ]


async def test_a_question_on_an_application_is_answered_once_by_its_unit_only(
    hall: Hall,
) -> None:
    # Given a citizen's question on their household certificate
    citizen, elsewhere = by_region()[1], by_region()[2]
    application = await submitted(
        hall, citizen.id_number, "HOUSEHOLD_CERTIFICATE", {"purpose": "入学"}, delivery="PICKUP"
    )
    asked = await as_citizen(
        hall,
        citizen.id_number,
        CITIZEN_ASK_ABOUT_APPLICATION,
        {"number": application, "text": "可以委托家人领取吗？"},
    )
    number = asked["data"]["askAboutApplication"]["question"]["number"]
    reply = {"number": number, "answer": "可以，凭委托书领取。"}

    # When another county's officer answers it, then its unit's officer twice
    stranger = await hall.staff(police_officer(elsewhere.region), ANSWER, reply, case=number)
    first = await hall.staff(police_officer(citizen.region), ANSWER, reply, case=number)
    second = await hall.staff(police_officer(citizen.region), ANSWER, reply, case=number)

    # Then only the unit's first answer stands, and the citizen is told of it
    notices = [
        (n.event, n.recipient_id, n.text_zh)
        for n in await hall_rows(hall, Notice)
        if n.event == f"ANSWERED {number}"
    ]
    assert _errors(stranger) == [
        (f"case {number} is not assigned to your unit.", "CASE_NOT_ASSIGNED")
    ]
    assert first["data"]["answerQuestion"]["question"]["state"] == "ANSWERED"
    assert _errors(second) == [
        (f"question {number} is not open (answered already?)", "BAD_USER_INPUT")
    ]
    assert notices == [
        (
            f"ANSWERED {number}",
            citizen.id_number,
            f"您关于申请{application}的咨询（{number}）已答复：可以，凭委托书领取。",
        )
    ]


async def test_a_flag_goes_to_the_city_bureau_which_resolves_it(hall: Hall) -> None:
    # Given a citizen's application handled by their county's police
    citizen = by_region()[3]
    application = await submitted(
        hall, citizen.id_number, "HOUSEHOLD_CERTIFICATE", {"purpose": "就业"}, delivery="PICKUP"
    )
    click = {"number": application, "kind": "DELAY", "note": "窗口说要等两周"}

    # When the citizen flags a delay twice, the county officer and then the city's supervisor
    # respond
    flagged = await as_citizen(hall, citizen.id_number, CITIZEN_FLAG_APPLICATION, click)
    again = await as_citizen(hall, citizen.id_number, CITIZEN_FLAG_APPLICATION, click)
    number = flagged["data"]["flagApplication"]["flag"]["number"]
    queue = await hall.staff(POLICE_SUPERVISOR, OPEN_FLAGS, {})
    answer = {"number": number, "resolved": True, "response": "已督促县局当日办结。"}
    county = await hall.staff(police_officer(citizen.region), RESPOND, answer, case=number)
    resolved = await hall.staff(POLICE_SUPERVISOR, RESPOND, answer, case=number)
    mine = await as_citizen(hall, citizen.id_number, CITIZEN_FLAGS, {})

    # Then one flag went to the city bureau, which alone resolved it, and the citizen sees it
    flag = next(f for f in await hall_rows(hall, SupervisionFlag) if f.number == number)
    shown = {
        "number": number,
        "applicationNumber": application,
        "kind": "DELAY",
        "note": "窗口说要等两周",
        "unitCode": CITY_POLICE,
        "flaggedUnit": police_bureau(citizen.region),
        "state": "OPEN",
    }
    assert (flagged, again) == (
        {"data": {"flagApplication": {"replayed": False, "flag": shown}}},
        {"data": {"flagApplication": {"replayed": True, "flag": shown}}},
    )
    assert queue == {
        "data": {
            "supervisionFlags": {
                "items": [
                    {
                        "number": number,
                        "applicationNumber": application,
                        "kind": "DELAY",
                        "unitCode": CITY_POLICE,
                    }
                ]
            }
        }
    }
    assert _errors(county) == [
        (f"case {number} is not assigned to your unit.", "CASE_NOT_ASSIGNED")
    ]
    assert resolved == {
        "data": {
            "respondToFlag": {
                "flag": {"number": number, "state": "RESOLVED", "response": "已督促县局当日办结。"}
            }
        }
    }
    assert flag.responded_at is not None
    assert mine["data"]["supervisionFlags"]["items"] == [
        {
            "number": number,
            "applicationNumber": application,
            "kind": "DELAY",
            "note": "窗口说要等两周",
            "unitCode": CITY_POLICE,
            "state": "RESOLVED",
            "raisedAt": utc(flag.raised_at).isoformat(),
            "response": "已督促县局当日办结。",
            "respondedAt": utc(flag.responded_at).isoformat(),
        }
    ]


Variables = Callable[[str, str, str, str], dict[str, Any]]


@pytest_asyncio.fixture(scope="module")
async def applications(hall: Hall) -> tuple[str, str, str, str]:
    """A citizen, their own application, another citizen's, and that citizen."""
    citizen, owner = by_region()[4], by_region()[5]
    certificate = {"purpose": "入学"}
    own = await submitted(
        hall, citizen.id_number, "HOUSEHOLD_CERTIFICATE", certificate, delivery="PICKUP"
    )
    others = await submitted(
        hall, owner.id_number, "HOUSEHOLD_CERTIFICATE", certificate, delivery="PICKUP"
    )
    return citizen.id_number, own, others, owner.id_number


@pytest.mark.parametrize(
    ("document", "variables", "errors"),
    [
        (
            CITIZEN_ASK_QUESTION,
            lambda me, own, others, owner: {
                "serviceCode": "ID_CARD_REISSUE",
                "subjectIdNumber": me,
                "text": "问" * 1_001,
            },
            [("the question is longer than 1000 characters (1001)", "BAD_USER_INPUT")],
        ),
        (
            CITIZEN_ASK_QUESTION,
            lambda me, own, others, owner: {
                "serviceCode": "ID_CARD_REISSUE",
                "subjectIdNumber": me,
                "text": " \n\t ",
            },
            [("the question is empty", "BAD_USER_INPUT")],
        ),
        (
            CITIZEN_ASK_QUESTION,
            lambda me, own, others, owner: {
                "serviceCode": "NO_SUCH_SERVICE",
                "subjectIdNumber": me,
                "text": "有这个业务吗？",
            },
            [("unknown service 'NO_SUCH_SERVICE'", "BAD_USER_INPUT")],
        ),
        (
            CITIZEN_ASK_QUESTION,
            lambda me, own, others, owner: {
                "serviceCode": "ID_CARD_REISSUE",
                "subjectIdNumber": owner,
                "text": "帮别人问问",
            },
            [("not allowed to write ServiceQuestion (askQuestion)", "FORBIDDEN")],
        ),
        (
            CITIZEN_ASK_ABOUT_APPLICATION,
            lambda me, own, others, owner: {"number": others, "text": "这是谁的申请？"},
            [("not allowed to write ServiceQuestion (askAboutApplication)", "FORBIDDEN")],
        ),
        (
            CITIZEN_FLAG_APPLICATION,
            lambda me, own, others, owner: {"number": others, "kind": "CONDUCT"},
            [("not allowed to write SupervisionFlag (flagApplication)", "FORBIDDEN")],
        ),
        (
            CITIZEN_FLAG_APPLICATION,
            lambda me, own, others, owner: {"number": own, "kind": "DELAY", "note": "慢" * 501},
            [("the note is longer than 500 characters (501)", "BAD_USER_INPUT")],
        ),
    ],
)
async def test_hostile_questions_and_flags_are_refused_and_nothing_filed(
    hall: Hall,
    applications: tuple[str, str, str, str],
    document: str,
    variables: Variables,
    errors: list[tuple[str, str]],
) -> None:
    # Given a citizen, their application, and another citizen and their application
    citizen, own, others, owner = applications
    before = (len(await hall_rows(hall, Question)), len(await hall_rows(hall, SupervisionFlag)))

    # When the citizen sends a malformed or hostile question or flag
    refused = await as_citizen(hall, citizen, document, variables(citizen, own, others, owner))

    # Then it is refused with the reason and nothing is filed
    after = (len(await hall_rows(hall, Question)), len(await hall_rows(hall, SupervisionFlag)))
    assert (list(refused["data"].values()), _errors(refused), after) == ([None], errors, before)
