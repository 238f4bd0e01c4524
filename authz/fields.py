"""The catalogue of field classes: what kind of data a field holds, and whether it is sensitive.

Five classes are read (declared on fields by the kit's `Guard`); `WRITE` is the class of changes
to records (declared on mutation fields by the kit's `Permit`). A policy line's `*` field class
never grants a class that is `named_only` (WRITE): only a line naming it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldClass(StrEnum):
    """A class of fields; the kit declares one per field, policies grant per class."""

    PUBLIC = "PUBLIC"
    BASIC = "BASIC"
    CONTACT = "CONTACT"
    FAMILY = "FAMILY"
    SENSITIVE = "SENSITIVE"
    WRITE = "WRITE"

    @property
    def sensitive(self) -> bool:
        """Whether non-citizens need a declared case for this class (to read it, or to write)."""
        return INFO[self].sensitive

    @property
    def personal(self) -> bool:
        """Whether fields of this class describe a data subject (citizens then see SELF only)."""
        return INFO[self].personal

    @property
    def named_only(self) -> bool:
        """Whether only a policy line naming this class grants it (a `*` allow does not)."""
        return INFO[self].named_only


@dataclass(frozen=True, kw_only=True)
class FieldClassInfo:
    """Labels and handling of one field class."""

    zh: str
    en: str
    personal: bool
    sensitive: bool
    named_only: bool = False


INFO: dict[FieldClass, FieldClassInfo] = {
    FieldClass.PUBLIC: FieldClassInfo(
        zh="公开信息", en="Public reference data", personal=False, sensitive=False
    ),
    FieldClass.BASIC: FieldClassInfo(
        zh="基本身份信息", en="Basic identity", personal=True, sensitive=False
    ),
    FieldClass.CONTACT: FieldClassInfo(
        zh="住址与联系方式", en="Address and contact", personal=True, sensitive=False
    ),
    FieldClass.FAMILY: FieldClassInfo(
        zh="家庭关系", en="Family relations", personal=True, sensitive=False
    ),
    FieldClass.SENSITIVE: FieldClassInfo(
        zh="敏感个人信息", en="Sensitive personal information", personal=True, sensitive=True
    ),
    # Sensitive, so a non-citizen needs a declared case (for the hall: the application).
    FieldClass.WRITE: FieldClassInfo(
        zh="记录变更",
        en="Changes to records",
        personal=True,
        sensitive=True,
        named_only=True,
    ),
}


def field_class_of(name: str) -> FieldClass:
    """Return the field class of a name; raise ValueError for one not in the catalogue."""
    try:
        return FieldClass(name)
    except ValueError:
        raise ValueError(f"unknown field class {name!r}") from None
