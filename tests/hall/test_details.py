"""Validating an application's details against its service's form: every fault listed at once."""

from __future__ import annotations

from typing import Any

import pytest

from hall.catalogue import InvalidDetails, Service, service_of, validate_details


def service(code: str) -> Service:
    """The catalogue's service with this code."""
    found = service_of(code)
    assert found is not None
    return found


def problems_of(code: str, details: Any) -> list[dict[str, str]]:
    """The problems validating `details` for the service reports (none if it passes)."""
    try:
        validate_details(service(code), details)
    except InvalidDetails as error:
        assert error.extensions is not None
        assert error.extensions["code"] == "BAD_USER_INPUT"
        problems: list[dict[str, str]] = error.extensions["problems"]
        return problems
    return []


def problem(field: str, code: str, message: str) -> dict[str, str]:
    """One problem as the error's extensions list it."""
    return {"field": field, "code": code, "message": message}


@pytest.mark.parametrize(
    ("code", "details"),
    [
        (
            "ETHNICITY_CHANGE_MINOR",
            {"target_ethnic_group": "22", "reason": "随继父民族成份"},
        ),
        (
            "ETHNICITY_CHANGE_ADULT",
            {"target_ethnic_group": "01", "reason": "随母亲"},
        ),
        (
            "NEWBORN_REGISTRATION",
            {"child_name": "雷小明", "ethnic_group": "22", "register_with": "FATHER"},
        ),
        (
            "HOUSEHOLD_TRANSFER",
            {
                "destination_region": "350424",
                "destination_address": "宁化县翠江镇北大路 1 号",
                "reason": "MARRIAGE",
            },
        ),
        ("ID_CARD_REISSUE", {"reason": "LOST", "lost_on": "2026-02-28"}),
        ("NAME_CHANGE", {"new_name": "阿依古丽·买买提", "reason": "随母姓"}),
        ("HOUSEHOLD_CERTIFICATE", {"purpose": "入学", "include_members": True}),
        ("NO_CRIMINAL_RECORD_CERTIFICATE", {"purpose": "EMPLOYMENT", "recipient": "三明学院"}),
        ("HOUSEHOLD_BOOKLET_REISSUE", {"reason": "DAMAGED"}),
    ],
)
def test_good_details_pass_unchanged(code: str, details: dict[str, Any]) -> None:
    # given well-formed details for a service, when validated, then they come back as given
    assert validate_details(service(code), details) == details


def test_text_is_normalised_and_optional_blanks_are_dropped() -> None:
    # given text with surrounding spaces, a decomposed accent, Windows line breaks,
    # and an optional field left null
    details = {
        "target_ethnic_group": "22",
        "reason": "  Andre\u0301 的意见\r\n第二行  ",
    }
    certificate = {"purpose": " 入学 ", "recipient": "   ", "include_members": None}
    # when validated, then text is trimmed, NFC-composed, with \n line breaks; blanks vanish
    assert (
        validate_details(service("ETHNICITY_CHANGE_MINOR"), details),
        validate_details(service("HOUSEHOLD_CERTIFICATE"), certificate),
    ) == (
        {"target_ethnic_group": "22", "reason": "André 的意见\n第二行"},
        {"purpose": "入学"},
    )


def test_every_fault_is_listed_at_once() -> None:
    # given a transfer with an unknown key, a county outside Sanming, no address and a number
    details = {"destination_region": "110101", "reason": 3, "spouse_id": "x"}
    # when validated, then each fault is listed: unknown keys first, then in form order
    assert problems_of("HOUSEHOLD_TRANSFER", details) == [
        problem("spouse_id", "UNKNOWN_FIELD", "the form has no such field"),
        problem("destination_region", "NOT_ALLOWED", "not one of the listed values"),
        problem("destination_address", "MISSING", "required"),
        problem("reason", "WRONG_TYPE", "expected a string"),
    ]


def test_the_error_names_the_service_and_counts_the_problems() -> None:
    # given details missing both fields of a name change, when validated
    with pytest.raises(InvalidDetails) as raised:
        validate_details(service("NAME_CHANGE"), {})
    # then the message names the service and the number of problems
    assert (raised.value.message, len(raised.value.problems)) == (
        "the details of a NAME_CHANGE application are not valid (2 problems)",
        2,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (22, problem("target_ethnic_group", "WRONG_TYPE", "expected a string")),
        ("00", problem("target_ethnic_group", "NOT_ALLOWED", "not a GB 3304 code (01 to 56)")),
        ("57", problem("target_ethnic_group", "NOT_ALLOWED", "not a GB 3304 code (01 to 56)")),
        ("2", problem("target_ethnic_group", "NOT_ALLOWED", "not a GB 3304 code (01 to 56)")),
        # Arabic-Indic digits and a trailing line break are not the two ASCII digits.
        ("٢٢", problem("target_ethnic_group", "NOT_ALLOWED", "not a GB 3304 code (01 to 56)")),
        ("22\n", problem("target_ethnic_group", "NOT_ALLOWED", "not a GB 3304 code (01 to 56)")),
    ],
)
def test_an_ethnic_group_is_a_gb3304_code(value: object, expected: dict[str, str]) -> None:
    # given a target group that is not one of the 56 codes, when validated, then it is refused
    details = {"target_ethnic_group": value, "reason": "理由"}
    assert problems_of("ETHNICITY_CHANGE_ADULT", details) == [expected]


@pytest.mark.parametrize(
    ("parent", "expected"),
    [
        ("STEP_PARENT", problem("register_with", "NOT_ALLOWED", "not one of the listed values")),
        ("father", problem("register_with", "NOT_ALLOWED", "not one of the listed values")),
        (["FATHER"], problem("register_with", "WRONG_TYPE", "expected a string")),
    ],
)
def test_a_choice_is_one_of_the_listed_codes(parent: object, expected: dict[str, str]) -> None:
    # given a newborn to be registered with a parent the form does not list, a lower-case
    # code, or a list
    details = {"child_name": "雷小明", "ethnic_group": "22", "register_with": parent}
    # when validated, then the choice is refused
    assert problems_of("NEWBORN_REGISTRATION", details) == [expected]


@pytest.mark.parametrize(
    ("lost_on", "expected"),
    [
        ("2026-02-30", problem("lost_on", "BAD_FORMAT", "expected a date as YYYY-MM-DD")),
        ("2026/02/01", problem("lost_on", "BAD_FORMAT", "expected a date as YYYY-MM-DD")),
        ("20260201", problem("lost_on", "BAD_FORMAT", "expected a date as YYYY-MM-DD")),
        ("２０２６-０２-０１", problem("lost_on", "BAD_FORMAT", "expected a date as YYYY-MM-DD")),
        (20260201, problem("lost_on", "WRONG_TYPE", "expected a string")),
    ],
)
def test_a_date_is_a_real_iso_date(lost_on: object, expected: dict[str, str]) -> None:
    # given a lost card's date that is not a real YYYY-MM-DD date, then it is refused
    assert problems_of("ID_CARD_REISSUE", {"reason": "LOST", "lost_on": lost_on}) == [expected]


@pytest.mark.parametrize("flag", ["true", 1, 0])
def test_a_boolean_is_true_or_false(flag: object) -> None:
    # given a yes/no field sent as a string or a number, then it is refused
    assert problems_of("HOUSEHOLD_CERTIFICATE", {"purpose": "入学", "include_members": flag}) == [
        problem("include_members", "WRONG_TYPE", "expected true or false")
    ]


@pytest.mark.parametrize("name", ["明", "Li Ming", "李明2", "李·", "·李明", "李  明", "李明<b>"])
def test_a_name_is_chinese_characters(name: str) -> None:
    # given a new name that is one character, Latin, has digits, stray dots, spaces or markup
    details = {"new_name": name, "reason": "理由"}
    # when validated, then it is refused
    assert problems_of("NAME_CHANGE", details) == [
        problem("new_name", "BAD_FORMAT", "a name is two or more Chinese characters")
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "理由\x00",  # NUL
        "理由\u202e由理",  # right-to-left override
        "理\u200b由",  # zero-width space
        "理由\x1b[31m",  # terminal escape
        "理由\ud800",  # lone surrogate
        "理由\t更多",  # tab
    ],
)
def test_control_and_invisible_characters_are_refused(hostile: str) -> None:
    # given a reason with a control, format or lone surrogate character
    details = {"target_ethnic_group": "22", "reason": hostile}
    # when validated, then it is refused
    assert problems_of("ETHNICITY_CHANGE_ADULT", details) == [
        problem("reason", "BAD_CHARACTERS", "holds control or invisible formatting characters")
    ]


def test_a_line_break_is_refused_in_a_single_line_field() -> None:
    # given an address split over two lines (the address is a single-line field)
    details = {"destination_region": "350424", "destination_address": "宁化县\n翠江镇"}
    # when validated, then it is refused (a multi-line reason would accept it)
    assert problems_of("HOUSEHOLD_TRANSFER", {**details, "reason": "HOUSING"}) == [
        problem(
            "destination_address",
            "BAD_CHARACTERS",
            "holds control or invisible formatting characters",
        )
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script>",
        "'; DROP TABLE application; --",
        "{{7*7}} ${jndi:ldap://x} %s%n",
        "../../etc/passwd",
    ],
)
def test_markup_and_injection_text_is_kept_verbatim(hostile: str) -> None:
    # given a reason made of markup or injection attempts (printable text, within the limit)
    details = {"target_ethnic_group": "22", "reason": hostile}
    # when validated, then it is kept as given: it is data, escaped wherever it is shown
    assert validate_details(service("ETHNICITY_CHANGE_ADULT"), details) == details


def test_text_longer_than_the_field_allows_is_refused() -> None:
    # given a reason of a million characters (the field allows 500)
    details = {"target_ethnic_group": "22", "reason": "长" * 1_000_000}
    # when validated, then it is refused as too long
    assert problems_of("ETHNICITY_CHANGE_ADULT", details) == [
        problem("reason", "TOO_LONG", "longer than 500 characters")
    ]


def test_text_of_exactly_the_limit_passes() -> None:
    # given a reason of exactly 500 characters, then it passes
    details = {"target_ethnic_group": "22", "reason": "长" * 500}
    assert validate_details(service("ETHNICITY_CHANGE_ADULT"), details) == details


def test_too_many_keys_are_refused_in_one_problem() -> None:
    # given details with a thousand keys, when validated
    details = {f"k{i}": i for i in range(1000)}
    # then one problem says so, instead of a thousand
    assert problems_of("HOUSEHOLD_BOOKLET_REISSUE", details) == [
        problem("", "TOO_MANY_FIELDS", "more than 32 fields")
    ]


def test_an_unknown_key_is_shown_cut_short() -> None:
    # given an unknown key of ten thousand characters
    details = {"reason": "LOST", "x" * 10_000: 1}
    # when validated, then the problem shows its first 40 characters only
    assert problems_of("HOUSEHOLD_BOOKLET_REISSUE", details) == [
        problem("x" * 40 + "…", "UNKNOWN_FIELD", "the form has no such field")
    ]


@pytest.mark.parametrize("details", [["reason", "LOST"], "reason=LOST", None, 7])
def test_details_that_are_not_an_object_are_refused(details: object) -> None:
    # given details that are a list, a string, null or a number, then they are refused
    assert problems_of("HOUSEHOLD_BOOKLET_REISSUE", details) == [
        problem("", "NOT_AN_OBJECT", "not an object")
    ]
