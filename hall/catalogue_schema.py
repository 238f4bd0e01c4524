"""The catalogue in GraphQL: `CatalogueQuery`, which the hall's Query inherits.

Browsing the service guides (public reference data, see hall/catalogue_types.py) and counting
working days in Asia/Shanghai with the hall's calendar (hall/calendar.py).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated

import strawberry

from hall import calendar, catalogue
from hall import catalogue_model as model
from hall.catalogue_types import (
    AcceptingUnit,
    ApplicantKind,
    DeliveryOption,
    Fee,
    FormField,
    FormLink,
    GovernmentAgency,
    LegalStep,
    Material,
    TimeLimit,
    public,
)
from subgraph.errors import BadUserInput
from subgraph.guard import Guarded
from subgraph.resolvers import resolver

MAX_SPAN_DAYS = 400


@Guarded()
@strawberry.type(description="A service of the hall and its guide.")
class ServiceGuide:
    code: str = public("Stable service code, e.g. ETHNICITY_CHANGE_MINOR.")
    name_zh: str = public("Chinese name.")
    name_en: str = public("English name.")
    summary_zh: str = public("What the service does, in Chinese.")
    summary_en: str = public("What the service does, in English.")
    agency: GovernmentAgency = public("The agency owning the service.")
    applicants: list[ApplicantKind] = public("Who may apply.")
    applicant_rule_zh: str = public("Who may apply and when, in Chinese.")
    applicant_rule_en: str = public("Who may apply and when, in English.")
    materials: list[Material] = public("Required materials, fetched or provided.")
    time_limit: TimeLimit = public("Legal and promised limits.")
    legal_steps: list[LegalStep] = public("The steps of the legal procedure, in order.")
    fee: Fee = public("The fee.")
    accepting_unit: AcceptingUnit = public("The unit giving the final approval.")
    executing_agency: GovernmentAgency = public("The agency carrying out the decision.")
    notified_agencies: list[GovernmentAgency] = public("Agencies told of the result.")
    delivery_options: list[DeliveryOption] = public("Ways of receiving the result.")
    originals_required: bool = public("Whether any original must be sent in.")
    form_fields: list[FormField] = public("The fields of the application form.")
    forms: list[FormLink] = public("Printable forms.")

    @staticmethod
    def of(service: model.Service) -> ServiceGuide:
        """The guide of a catalogue service."""
        return ServiceGuide(
            code=service.code,
            name_zh=service.name.zh,
            name_en=service.name.en,
            summary_zh=service.summary.zh,
            summary_en=service.summary.en,
            agency=GovernmentAgency.of(service.agency),
            applicants=[ApplicantKind(applicant.value) for applicant in service.applicants],
            applicant_rule_zh=service.applicant_rule.zh,
            applicant_rule_en=service.applicant_rule.en,
            materials=[Material.of(material) for material in service.materials],
            time_limit=TimeLimit.of(service.time_limit),
            legal_steps=[LegalStep.of(step) for step in service.steps],
            fee=Fee.of(service.fee),
            accepting_unit=AcceptingUnit.of(service.accepting),
            executing_agency=GovernmentAgency.of(service.executing),
            notified_agencies=[GovernmentAgency.of(agency) for agency in service.notified],
            delivery_options=[DeliveryOption.of(option) for option in service.delivery],
            originals_required=service.originals_required,
            form_fields=[FormField.of(field) for field in service.fields],
            forms=[FormLink.of(service, form) for form in service.forms],
        )


@strawberry.type(description="Browsing the service catalogue and counting working days.")
class CatalogueQuery:
    @resolver("Every service of the hall, in catalogue order.")
    def services(self) -> list[ServiceGuide]:
        return list(_guides().values())

    @resolver("A service by its code; null if unknown.")
    def service(
        self,
        code: Annotated[
            str, strawberry.argument(description="Service code, e.g. ETHNICITY_CHANGE_MINOR.")
        ],
    ) -> ServiceGuide | None:
        return _guides().get(code)

    @resolver(
        "Working days after `from` up to and including `to` (negative if `to` is earlier), in "
        "Asia/Shanghai; spans of at most 400 days."
    )
    def working_days(
        self,
        start: Annotated[date, strawberry.argument(name="from", description="First day.")],
        end: Annotated[date, strawberry.argument(name="to", description="Last day.")],
    ) -> int:
        _require_span(start, end)
        try:
            return calendar.working_days_between(start, end)
        except calendar.OutsideCalendar as error:
            raise BadUserInput(str(error)) from None

    @resolver(
        "The deadline: the n-th working day after `from` (`from` itself for 0), in "
        "Asia/Shanghai; at most 400 days later."
    )
    def deadline(
        self,
        start: Annotated[date, strawberry.argument(name="from", description="Day it starts.")],
        working_days: Annotated[
            int, strawberry.argument(description="Working days allowed, 0 or more.")
        ],
    ) -> date:
        if not 0 <= working_days <= MAX_SPAN_DAYS:
            raise BadUserInput(f"working days must be between 0 and {MAX_SPAN_DAYS}")
        try:
            day = calendar.add_working_days(start, working_days)
        except calendar.OutsideCalendar as error:
            raise BadUserInput(str(error)) from None
        _require_span(start, day)
        return day


def _require_span(start: date, end: date) -> None:
    if abs((end - start).days) > MAX_SPAN_DAYS:
        raise BadUserInput(f"a span of more than {MAX_SPAN_DAYS} days")


@cache
def _guides() -> dict[str, ServiceGuide]:
    """The guides of the catalogue, built once, by code in catalogue order."""
    return {service.code: ServiceGuide.of(service) for service in catalogue.all_services()}
