"""The policies file format: what loads, and what is refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from authz.errors import PolicyError
from authz.policyfile import parse_policies

SIX = "a p line has 6 fields (subject, type, field class, purpose, scope, effect), not"


def test_example_file_loads_every_line() -> None:
    rules = parse_policies(Path(__file__).with_name("policies.csv").read_text(), source="x")
    assert (len(rules.p), len(rules.g)) == (17, 3)
    assert rules.p[0] == (
        "STAFF@police",
        "Person",
        "BASIC",
        "HOUSEHOLD_ADMINISTRATION",
        "REGION",
        "allow",
    )


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("p, staff, police, Person, read", f"{SIX} 4"),
        ("p, STAFF, Person, BASIC, AUDIT, ALL, allow, extra", f"{SIX} 7"),
        ("p, STAFF, Person, BASIC, AUDIT, ALL", f"{SIX} 5"),
        (
            "p, keyMatch(r.sub), Person, BASIC, AUDIT, ALL, allow",
            "brackets and quotes are not allowed (casbin would re-split the line)",
        ),
        (
            'p, "STAFF, AUDITOR", Person, BASIC, AUDIT, ALL, allow',
            "brackets and quotes are not allowed (casbin would re-split the line)",
        ),
        ("p, STAFF, , BASIC, AUDIT, ALL, allow", "empty field"),
        (
            f"p, STAFF, {'P' * 256}, BASIC, AUDIT, ALL, allow",
            "a field is longer than 255 characters",
        ),
        ("p, staff, Person, BASIC, AUDIT, ALL, allow", "invalid subject 'staff'"),
        ("p, role:Chief, Person, BASIC, AUDIT, ALL, allow", "invalid subject 'role:Chief'"),
        ("p, STAFF, Per-son, BASIC, AUDIT, ALL, allow", "invalid type 'Per-son'"),
        ("p, STAFF, Person, SECRET, AUDIT, ALL, allow", "invalid field class 'SECRET'"),
        ("p, STAFF, Person, BASIC, FISHING, ALL, allow", "invalid purpose 'FISHING'"),
        ("p, STAFF, Person, BASIC, AUDIT, *, allow", "invalid scope of an allow '*'"),
        ("p, STAFF, Person, BASIC, AUDIT, CITY, deny", "invalid scope 'CITY'"),
        ("p, STAFF, Person, BASIC, AUDIT, ALL, permit", "invalid effect 'permit'"),
        (
            "p, CITIZEN, Person, BASIC, *, ALL, allow",
            "citizens are granted personal fields with scope SELF only",
        ),
        (
            "p, CITIZEN, Person, *, *, REGION, allow",
            "citizens are granted personal fields with scope SELF only",
        ),
        ("g, role:chief@police", "a g line has 2 fields (member, group), not 1"),
        ("g, *, STAFF", "invalid subject '*'"),
        ("g, STAFF, STAFF", "a subject cannot be its own group"),
        ("m, STAFF, Person", "unknown line type 'm'; use p or g"),
    ],
)
def test_malformed_lines_are_refused_with_their_line(line: str, error: str) -> None:
    text = f"# police\n\n{line}\n"
    with pytest.raises(PolicyError) as refused:
        parse_policies(text, source="police/policies.csv")
    assert str(refused.value) == f"police/policies.csv:3: {error}"


def test_citizens_may_read_public_data_everywhere() -> None:
    rules = parse_policies("p, CITIZEN, PoliceUnit, PUBLIC, *, ALL, allow", source="x")
    assert rules.p[0][4] == "ALL"
