"""The parts of a service guide in GraphQL: public value types, each made `of` the catalogue's.

Every field is `Guard(PUBLIC)` under a `@Guarded()` without record attributes, which only scope
ALL covers: the hall's policies grant PUBLIC to everyone (`p, *, *, PUBLIC, *, ALL, allow`).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from hall import catalogue_model as model
from hall.catalogue_common import AGENCY_NAMES
from hall.forms import form_url
from subgraph.guard import PUBLIC, Guard, Guarded


def public(description: str) -> Any:
    """A field of public reference data."""
    return strawberry.field(description=description, extensions=[Guard(PUBLIC)])


@strawberry.enum(description="Who may file an application.")
class ApplicantKind(Enum):
    SELF = strawberry.enum_value("SELF", description="The person concerned.")
    PARENT_OR_GUARDIAN = strawberry.enum_value(
        "PARENT_OR_GUARDIAN", description="A parent or guardian, for a minor."
    )


@strawberry.enum(description="How the hall gets a material.")
class MaterialObtained(Enum):
    FETCHED = strawberry.enum_value(
        "FETCHED", description="Shared by the agency holding it: the citizen hands in nothing."
    )
    PROVIDED = strawberry.enum_value("PROVIDED", description="Asked from the citizen.")


@strawberry.enum(description="Which unit of an agency acts, relative to the application.")
class UnitLevel(Enum):
    CITY = strawberry.enum_value("CITY", description="The city-level unit of Sanming.")
    COUNTY = strawberry.enum_value(
        "COUNTY", description="The unit of the applicant's county (or of a region field)."
    )
    STATION = strawberry.enum_value(
        "STATION", description="The police station of the applicant's household."
    )


@strawberry.enum(description="How the result reaches the citizen.")
class DeliveryMethod(Enum):
    PICKUP = strawberry.enum_value("PICKUP", description="Collected at a service window.")
    COURIER = strawberry.enum_value("COURIER", description="Delivered by courier.")
    ELECTRONIC = strawberry.enum_value("ELECTRONIC", description="An electronic document.")


@strawberry.enum(description="The kind of value a form field takes.")
class FormFieldType(Enum):
    TEXT = strawberry.enum_value("TEXT", description="Free text.")
    NAME = strawberry.enum_value("NAME", description="A name in Chinese characters.")
    CHOICE = strawberry.enum_value("CHOICE", description="One code of `choices`.")
    ETHNIC_GROUP = strawberry.enum_value("ETHNIC_GROUP", description="A GB 3304 code.")
    REGION = strawberry.enum_value("REGION", description="A GB/T 2260 code of `choices`.")
    DATE = strawberry.enum_value("DATE", description="A date, YYYY-MM-DD.")
    BOOLEAN = strawberry.enum_value("BOOLEAN", description="True or false.")


@Guarded()
@strawberry.type(description="A government agency of the platform.")
class GovernmentAgency:
    code: str = public("Agency code, e.g. police.")
    name_zh: str = public("Chinese name, e.g. 公安机关.")
    name_en: str = public("English name.")

    @staticmethod
    def of(agency: model.Agency) -> GovernmentAgency:
        """The agency of a catalogue agency code."""
        name = AGENCY_NAMES[agency]
        return GovernmentAgency(code=agency.value, name_zh=name.zh, name_en=name.en)


@Guarded()
@strawberry.type(description="Where a fetched material comes from.")
class MaterialSource:
    agency: GovernmentAgency = public("The agency holding the record.")
    record_type: str = public("The record's GraphQL type, e.g. Marriage.")

    @staticmethod
    def of(source: model.Source) -> MaterialSource:
        """The source of a fetched catalogue material."""
        return MaterialSource(
            agency=GovernmentAgency.of(source.agency), record_type=source.record_type
        )


@Guarded()
@strawberry.type(description="A material an application needs.")
class Material:
    code: str = public("Material code, unique within the service.")
    name_zh: str = public("Chinese name.")
    name_en: str = public("English name.")
    obtained: MaterialObtained = public("Fetched by sharing or provided by the citizen.")
    source: MaterialSource | None = public("Source of a fetched material; null if provided.")
    condition_zh: str | None = public("When it is needed, in Chinese; null if always.")
    condition_en: str | None = public("When it is needed, in English; null if always.")
    original_required: bool = public("Whether the signed original must be sent in.")

    @staticmethod
    def of(material: model.Material) -> Material:
        """The GraphQL view of a catalogue material."""
        source, condition = material.source, material.condition
        return Material(
            code=material.code,
            name_zh=material.name.zh,
            name_en=material.name.en,
            obtained=MaterialObtained(material.obtained.value),
            source=MaterialSource.of(source) if source is not None else None,
            condition_zh=condition.zh if condition is not None else None,
            condition_en=condition.en if condition is not None else None,
            original_required=material.original_required,
        )


@Guarded()
@strawberry.type(description="One step of the legal procedure.")
class LegalStep:
    name_zh: str = public("Chinese name of the step.")
    name_en: str = public("English name of the step.")
    agency: GovernmentAgency = public("The agency taking the step.")
    level: UnitLevel = public("Which of its units.")
    working_days: int = public("Legal limit of the step, in working days.")
    extension_working_days: int = public("Extension the law allows, in working days.")

    @staticmethod
    def of(step: model.LegalStep) -> LegalStep:
        """The GraphQL view of a catalogue step."""
        return LegalStep(
            name_zh=step.name.zh,
            name_en=step.name.en,
            agency=GovernmentAgency.of(step.agency),
            level=UnitLevel(step.level.value),
            working_days=step.working_days,
            extension_working_days=step.extension_days,
        )


@Guarded()
@strawberry.type(description="Time limits of a service, in working days.")
class TimeLimit:
    legal_working_days: int = public("The legal limit (the sum of the steps).")
    extension_working_days: int = public("The extension the law allows.")
    promised_working_days: int = public("The hall's promised, shorter limit.")

    @staticmethod
    def of(limit: model.TimeLimit) -> TimeLimit:
        """The GraphQL view of a catalogue time limit."""
        return TimeLimit(
            legal_working_days=limit.legal_days,
            extension_working_days=limit.extension_days,
            promised_working_days=limit.promised_days,
        )


@Guarded()
@strawberry.type(description="An account fees are paid into.")
class PaymentAccount:
    code: str = public("Account code.")
    name_zh: str = public("Chinese name.")
    name_en: str = public("English name.")
    agency: GovernmentAgency = public("The agency receiving the money.")

    @staticmethod
    def of(account: model.Account) -> PaymentAccount:
        """The GraphQL view of a catalogue account."""
        return PaymentAccount(
            code=account.code,
            name_zh=account.name.zh,
            name_en=account.name.en,
            agency=GovernmentAgency.of(account.agency),
        )


@Guarded()
@strawberry.type(description="What the citizen pays; the hall charges no handling fee.")
class Fee:
    amount_fen: int = public("Amount in fen (1 yuan = 100 fen); 0 if free.")
    account: PaymentAccount | None = public("The receiving account; null if free.")
    basis_zh: str | None = public("What the fee is, in Chinese.")
    basis_en: str | None = public("What the fee is, in English.")

    @staticmethod
    def of(fee: model.Fee) -> Fee:
        """The GraphQL view of a catalogue fee."""
        account, basis = fee.account, fee.basis
        return Fee(
            amount_fen=fee.amount_fen,
            account=PaymentAccount.of(account) if account is not None else None,
            basis_zh=basis.zh if basis is not None else None,
            basis_en=basis.en if basis is not None else None,
        )


@Guarded()
@strawberry.type(description="The unit giving the final approval, which accepts directly.")
class AcceptingUnit:
    agency: GovernmentAgency = public("The agency of the unit.")
    level: UnitLevel = public("The unit's level.")
    region_field: str | None = public(
        "Key of the form field whose region decides the unit; null: the applicant's."
    )

    @staticmethod
    def of(unit: model.AcceptingUnit) -> AcceptingUnit:
        """The GraphQL view of a catalogue accepting unit."""
        return AcceptingUnit(
            agency=GovernmentAgency.of(unit.agency),
            level=UnitLevel(unit.level.value),
            region_field=unit.region_field,
        )


@Guarded()
@strawberry.type(description="One way of receiving the result.")
class DeliveryOption:
    method: DeliveryMethod = public("The delivery method.")
    name_zh: str = public("Chinese name.")
    name_en: str = public("English name.")

    @staticmethod
    def of(option: model.DeliveryOption) -> DeliveryOption:
        """The GraphQL view of a catalogue delivery option."""
        return DeliveryOption(
            method=DeliveryMethod(option.method.value),
            name_zh=option.name.zh,
            name_en=option.name.en,
        )


@Guarded()
@strawberry.type(description="An allowed value of a form field.")
class FieldChoice:
    code: str = public("The value to send.")
    name_zh: str = public("Chinese name.")
    name_en: str = public("English name.")

    @staticmethod
    def of(choice: model.Choice) -> FieldChoice:
        """The GraphQL view of a catalogue choice."""
        return FieldChoice(code=choice.code, name_zh=choice.name.zh, name_en=choice.name.en)


@Guarded()
@strawberry.type(description="A field of an application form: a key of the details.")
class FormField:
    key: str = public("Key of the value in the application's details.")
    name_zh: str = public("Chinese label.")
    name_en: str = public("English label.")
    value_type: FormFieldType = public("The kind of value.")
    required: bool = public("Whether a value must be given.")
    max_length: int | None = public("Most characters of a text; null if not text.")
    multiline: bool = public("Whether a text may span lines.")
    choices: list[FieldChoice] = public("Allowed values; empty if any value of the type.")
    help_zh: str | None = public("Guidance in Chinese.")
    help_en: str | None = public("Guidance in English.")

    @staticmethod
    def of(field: model.FormField) -> FormField:
        """The GraphQL view of a catalogue form field."""
        help_ = field.help
        return FormField(
            key=field.key,
            name_zh=field.name.zh,
            name_en=field.name.en,
            value_type=FormFieldType(field.type.value),
            required=field.required,
            max_length=field.max_length,
            multiline=field.multiline,
            choices=[FieldChoice.of(choice) for choice in field.choices],
            help_zh=help_.zh if help_ is not None else None,
            help_en=help_.en if help_ is not None else None,
        )


@Guarded()
@strawberry.type(description="A printable form of a service.")
class FormLink:
    code: str = public("Form code, unique within the service.")
    title_zh: str = public("Chinese title.")
    title_en: str = public("English title.")
    url: str = public("Where to download it, relative to the platform, e.g. /hall/forms/...")

    @staticmethod
    def of(service: model.Service, form: model.Form) -> FormLink:
        """The link to one form of a catalogue service."""
        return FormLink(
            code=form.code,
            title_zh=form.title.zh,
            title_en=form.title.en,
            url=form_url(service, form),
        )
