"""The shapes of the service catalogue: frozen dataclasses that check their own consistency."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

_SERVICE_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,47}$")
_SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# The code of the form every service has: the application form, asking for its fields.
APPLICATION_FORM = "application"


class Agency(StrEnum):
    """An agency of the platform, by the code its subgraph and actor tokens use."""

    POLICE = "police"
    ETHNIC_AFFAIRS = "ethnic_affairs"
    CIVIL_AFFAIRS = "civil_affairs"
    FAMILY_PLANNING = "family_planning"
    TAX = "tax"
    SOCIAL_SECURITY = "social_security"


class Applicant(StrEnum):
    """Who may file an application."""

    SELF = "SELF"
    PARENT_OR_GUARDIAN = "PARENT_OR_GUARDIAN"


class Obtained(StrEnum):
    """How the hall gets a material: shared by the agency holding it, or from the citizen."""

    FETCHED = "FETCHED"
    PROVIDED = "PROVIDED"


class UnitLevel(StrEnum):
    """Which unit of an agency acts, relative to the application."""

    CITY = "CITY"
    COUNTY = "COUNTY"
    STATION = "STATION"


class DeliveryMethod(StrEnum):
    """How the result reaches the citizen."""

    PICKUP = "PICKUP"
    COURIER = "COURIER"
    ELECTRONIC = "ELECTRONIC"


class FieldType(StrEnum):
    """The kind of value an application-form field takes."""

    TEXT = "TEXT"
    NAME = "NAME"
    CHOICE = "CHOICE"
    ETHNIC_GROUP = "ETHNIC_GROUP"
    REGION = "REGION"
    DATE = "DATE"
    BOOLEAN = "BOOLEAN"


@dataclass(frozen=True)
class Label:
    """A text in Chinese and English."""

    zh: str
    en: str


@dataclass(frozen=True)
class Source:
    """Where a fetched material comes from: the owning agency and its record type."""

    agency: Agency
    record_type: str


@dataclass(frozen=True, kw_only=True)
class Material:
    """A material an application needs; a fetched one names its source, a provided one not."""

    code: str
    name: Label
    obtained: Obtained
    source: Source | None = None
    condition: Label | None = None
    original_required: bool = False

    def __post_init__(self) -> None:
        _require(_KEY.match(self.code) is not None, f"material code {self.code!r}")
        fetched = self.obtained is Obtained.FETCHED
        _require(fetched == (self.source is not None), f"{self.code}: a source iff fetched")
        _require(not (fetched and self.original_required), f"{self.code}: nothing to send in")


@dataclass(frozen=True, kw_only=True)
class LegalStep:
    """One step of the legal procedure, with its limit and allowed extension in working days."""

    name: Label
    agency: Agency
    level: UnitLevel
    working_days: int
    extension_days: int = 0


@dataclass(frozen=True, kw_only=True)
class TimeLimit:
    """The legal limit (with its extension) and the hall's promised, shorter one."""

    legal_days: int
    promised_days: int
    extension_days: int = 0

    def __post_init__(self) -> None:
        _require(0 < self.promised_days <= self.legal_days, "0 < promised days <= legal days")
        _require(self.extension_days >= 0, "a non-negative extension")


@dataclass(frozen=True, kw_only=True)
class Account:
    """The account a fee is paid into."""

    code: str
    name: Label
    agency: Agency


@dataclass(frozen=True, kw_only=True)
class Fee:
    """What the citizen pays, in fen, and into which account (none when free)."""

    amount_fen: int = 0
    account: Account | None = None
    basis: Label | None = None

    def __post_init__(self) -> None:
        _require(self.amount_fen >= 0, "a non-negative fee")
        _require((self.amount_fen > 0) == (self.account is not None), "an account iff a fee")


@dataclass(frozen=True, kw_only=True)
class AcceptingUnit:
    """The unit that gives the final approval and accepts directly (top-level acceptance).

    The unit is the agency's at `level` for the applicant's region (CITY, COUNTY) or household
    (STATION); `region_field` names a REGION field of the form whose region counts instead.
    """

    agency: Agency
    level: UnitLevel
    region_field: str | None = None


@dataclass(frozen=True)
class Choice:
    """One allowed value of a CHOICE (or listed REGION) field."""

    code: str
    name: Label


@dataclass(frozen=True, kw_only=True)
class FormField:
    """A field of a form: the key of the value in an application's details, type and limits."""

    key: str
    name: Label
    type: FieldType
    required: bool = True
    max_length: int | None = None
    multiline: bool = False
    choices: tuple[Choice, ...] = ()
    help: Label | None = None

    def __post_init__(self) -> None:
        _require(_KEY.match(self.key) is not None, f"field key {self.key!r}")
        textual = self.type in (FieldType.TEXT, FieldType.NAME)
        _require(textual == (self.max_length is not None), f"{self.key}: a length iff text")
        _require(textual or not self.multiline, f"{self.key}: only text spans lines")
        listed = self.type in (FieldType.CHOICE, FieldType.REGION)
        _require(listed == bool(self.choices), f"{self.key}: choices iff CHOICE or REGION")


@dataclass(frozen=True, kw_only=True)
class Form:
    """A printable form: its fields, the signatures it needs, and a note for the citizen."""

    code: str
    title: Label
    fields: tuple[FormField, ...]
    signatures: tuple[Label, ...] = ()
    note: Label | None = None

    def __post_init__(self) -> None:
        _require(_SLUG.match(self.code) is not None, f"form code {self.code!r}")
        _require(_unique(f.key for f in self.fields), f"{self.code}: unique field keys")


@dataclass(frozen=True, kw_only=True)
class DeliveryOption:
    """One way of receiving the result."""

    method: DeliveryMethod
    name: Label


@dataclass(frozen=True, kw_only=True)
class Service:
    """A service of the hall and its guide."""

    code: str
    name: Label
    agency: Agency
    summary: Label
    applicants: tuple[Applicant, ...]
    applicant_rule: Label
    materials: tuple[Material, ...]
    time_limit: TimeLimit
    steps: tuple[LegalStep, ...]
    fee: Fee
    accepting: AcceptingUnit
    executing: Agency
    delivery: tuple[DeliveryOption, ...]
    fields: tuple[FormField, ...]
    forms: tuple[Form, ...]
    notified: tuple[Agency, ...] = ()

    def __post_init__(self) -> None:
        code = self.code
        _require(_SERVICE_CODE.match(code) is not None, f"service code {code!r}")
        _require(bool(self.applicants) and bool(self.delivery), f"{code}: applicants, delivery")
        _require(_unique(m.code for m in self.materials), f"{code}: unique materials")
        _require(_unique(f.key for f in self.fields), f"{code}: unique field keys")
        _require(_unique(f.code for f in self.forms), f"{code}: unique form codes")
        _require(_unique(d.method for d in self.delivery), f"{code}: unique delivery methods")
        fetched = {m.code for m in self.materials if m.obtained is Obtained.FETCHED}
        _require(not fetched & {f.key for f in self.fields}, f"{code}: fetched, not asked")
        _require(
            sum(s.working_days for s in self.steps) == self.time_limit.legal_days
            and sum(s.extension_days for s in self.steps) == self.time_limit.extension_days,
            f"{code}: the legal limit is the sum of the steps",
        )
        application = self.form(APPLICATION_FORM)
        _require(
            application is not None and application.fields == self.fields,
            f"{code}: an application form asking for the service's fields",
        )
        region_field = self.accepting.region_field
        if region_field is not None:
            _require(
                any(f.key == region_field and f.type is FieldType.REGION for f in self.fields),
                f"{code}: the accepting unit's region field is a REGION field",
            )

    @property
    def originals_required(self) -> bool:
        """Whether any original must be sent in (by courier or at a window)."""
        return any(material.original_required for material in self.materials)

    def form(self, code: str) -> Form | None:
        """Return the service's form with this code, if it has one."""
        return next((form for form in self.forms if form.code == code), None)


def _unique(values: Iterable[Hashable]) -> bool:
    listed = list(values)
    return len(listed) == len(set(listed))


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(f"inconsistent catalogue entry: {what}")
