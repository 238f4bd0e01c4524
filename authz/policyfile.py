"""Reads and checks an agency's policies.csv (the format is described in authz/enforcer.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from authz.actor import ActorKind
from authz.errors import PolicyError
from authz.fields import FieldClass
from authz.purposes import Purpose
from authz.scope import GRANTABLE, Scope

MAX_FIELD_LENGTH = 255
ANY = "*"

_NAME = r"[a-z][a-z0-9_.-]*"
NAME = re.compile(_NAME)
_KINDS = "|".join(kind.value for kind in ActorKind)
SUBJECT = re.compile(rf"(?:\*|(?:{_KINDS})(?:@{_NAME})?|role:{_NAME}(?:@{_NAME})?)")
TYPE_NAME = re.compile(r"(?:\*|[_A-Za-z][_0-9A-Za-z]*)")
FIELD_CLASSES = frozenset({ANY, *(field_class.value for field_class in FieldClass)})
PURPOSES = frozenset({ANY, *(purpose.value for purpose in Purpose)})
SCOPES = frozenset(scope.value for scope in GRANTABLE)
EFFECTS = frozenset({"allow", "deny"})


@dataclass(frozen=True, kw_only=True)
class PolicyRules:
    """The checked rows of one policies file, as casbin will hold them."""

    p: tuple[tuple[str, str, str, str, str, str], ...]
    g: tuple[tuple[str, str], ...]


def parse_policies(text: str, *, source: str) -> PolicyRules:
    """Parse a policies file, raising PolicyError naming `source` and the line of any fault."""
    p_rows: list[tuple[str, str, str, str, str, str]] = []
    g_rows: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            fields = _split(line)
            if fields[0] == "p":
                p_rows.append(_p_row(fields[1:]))
            elif fields[0] == "g":
                g_rows.append(_g_row(fields[1:]))
            else:
                raise ValueError(f"unknown line type {fields[0]!r}; use p or g")
        except ValueError as error:
            raise PolicyError(f"{source}:{number}: {error}") from None
    return PolicyRules(p=tuple(p_rows), g=tuple(g_rows))


def _split(line: str) -> list[str]:
    if any(char in line for char in "[]()\"'"):
        raise ValueError("brackets and quotes are not allowed (casbin would re-split the line)")
    fields = [field.strip() for field in line.split(",")]
    for field in fields:
        if not field:
            raise ValueError("empty field")
        if len(field) > MAX_FIELD_LENGTH:
            raise ValueError(f"a field is longer than {MAX_FIELD_LENGTH} characters")
    return fields


def _p_row(fields: list[str]) -> tuple[str, str, str, str, str, str]:
    if len(fields) != 6:
        raise ValueError(
            f"a p line has 6 fields (subject, type, field class, purpose, scope, effect), "
            f"not {len(fields)}"
        )
    subject, type_name, field_class, purpose, scope, effect = fields
    _check(SUBJECT.fullmatch(subject) is not None, "subject", subject)
    _check(TYPE_NAME.fullmatch(type_name) is not None, "type", type_name)
    _check(field_class in FIELD_CLASSES, "field class", field_class)
    _check(purpose in PURPOSES, "purpose", purpose)
    _check(effect in EFFECTS, "effect", effect)
    if effect == "allow":
        _check(scope in SCOPES, "scope of an allow", scope)
    else:
        _check(scope in SCOPES or scope == ANY, "scope", scope)
    if effect == "allow" and subject.split("@")[0] == ActorKind.CITIZEN:
        personal = field_class == ANY or FieldClass(field_class).personal
        if personal and scope != Scope.SELF:
            raise ValueError("citizens are granted personal fields with scope SELF only")
    return subject, type_name, field_class, purpose, scope, effect


def _g_row(fields: list[str]) -> tuple[str, str]:
    if len(fields) != 2:
        raise ValueError(f"a g line has 2 fields (member, group), not {len(fields)}")
    member, group = fields
    for subject in fields:
        _check(subject != ANY and SUBJECT.fullmatch(subject) is not None, "subject", subject)
    if member == group:
        raise ValueError("a subject cannot be its own group")
    return member, group


def _check(ok: bool, what: str, value: str) -> None:
    if not ok:
        raise ValueError(f"invalid {what} {value!r}")
