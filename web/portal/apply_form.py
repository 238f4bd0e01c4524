"""A service's application form: its fields by value type, checked as the hall checks details."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web.forms import Form
from web.portal.checks import (
    FormState,
    Problem,
    check_choice,
    check_date,
    check_ethnic_group,
    check_name,
    check_text,
    clean,
)

PREFIX = "f-"
CHECKED = "true"
DEFAULT_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Field:
    """One field of a service's form, as the guide describes it."""

    key: str
    value_type: str
    required: bool
    max_length: int
    multiline: bool
    choices: tuple[str, ...]
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        """The field's name in the posted form (kept apart from the portal's own fields)."""
        return PREFIX + self.key

    @classmethod
    def of(cls, spec: dict[str, Any]) -> Field:
        """The field of a guide's `formFields` entry."""
        return cls(
            key=str(spec["key"]),
            value_type=str(spec.get("valueType")),
            required=bool(spec.get("required")),
            max_length=int(spec.get("maxLength") or DEFAULT_MAX_LENGTH),
            multiline=bool(spec.get("multiline")),
            choices=tuple(str(c["code"]) for c in spec.get("choices") or []),
            spec=spec,
        )

    def check(self, value: str) -> Problem | None:
        """What is wrong with a posted value, if anything."""
        kind = self.value_type
        if kind == "NAME":
            return check_name(value, required=self.required, max_length=self.max_length)
        if kind in ("CHOICE", "REGION"):
            return check_choice(value, self.choices, required=self.required)
        if kind == "ETHNIC_GROUP":
            return check_ethnic_group(value, required=self.required)
        if kind == "DATE":
            return check_date(value, required=self.required)
        if kind == "BOOLEAN":
            return check_choice(value, (CHECKED,), required=False)
        return check_text(
            value, required=self.required, max_length=self.max_length, multiline=self.multiline
        )

    def detail(self, value: str) -> object:
        """The value as the hall's details take it (None: leave the key out)."""
        if self.value_type == "BOOLEAN":
            return value == CHECKED
        text = clean(value)
        return text or None


def fields_of(guide: dict[str, Any]) -> list[Field]:
    """The fields of a service's form, in order."""
    return [Field.of(spec) for spec in guide.get("formFields") or [] if isinstance(spec, dict)]


def read_details(form: Form, fields: list[Field], state: FormState) -> dict[str, object]:
    """Check every field of the posted form into `state`; return the details to send."""
    details: dict[str, object] = {}
    for field in fields:
        raw = form.get(field.name)
        state.check(field.name, raw, field.check(raw))
        value = field.detail(raw)
        if value is not None:
            details[field.key] = value
    return details
