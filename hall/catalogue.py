"""The service catalogue of the hall: every service's guide, by code, and its forms.

Each `Service` (hall/catalogue_model.py) states who may apply, the materials (fetched by
sharing or provided by the citizen), legal and promised limits in working days, the legal
steps, the fee and its account, the accepting unit, the delivery options and its forms; the
fields of its application form validate an application's details (`validate_details`).
"""

from __future__ import annotations

from hall.catalogue_certificates import (
    HOUSEHOLD_BOOKLET_REISSUE,
    HOUSEHOLD_CERTIFICATE,
    ID_CARD_REISSUE,
    NO_CRIMINAL_RECORD_CERTIFICATE,
)
from hall.catalogue_common import AGENCY_NAMES, APPLICANT_NAMES, LEVEL_NAMES, SANMING_COUNTIES
from hall.catalogue_ethnicity import ETHNICITY_CHANGE_ADULT, ETHNICITY_CHANGE_MINOR
from hall.catalogue_model import (
    APPLICATION_FORM,
    AcceptingUnit,
    Account,
    Agency,
    Applicant,
    Choice,
    DeliveryMethod,
    DeliveryOption,
    Fee,
    FieldType,
    Form,
    FormField,
    Label,
    LegalStep,
    Material,
    Obtained,
    Service,
    Source,
    TimeLimit,
    UnitLevel,
)
from hall.catalogue_registration import HOUSEHOLD_TRANSFER, NAME_CHANGE, NEWBORN_REGISTRATION
from hall.details import DetailProblem, InvalidDetails, validate_details

SERVICES: tuple[Service, ...] = (
    ETHNICITY_CHANGE_MINOR,
    ETHNICITY_CHANGE_ADULT,
    NEWBORN_REGISTRATION,
    HOUSEHOLD_TRANSFER,
    ID_CARD_REISSUE,
    NAME_CHANGE,
    HOUSEHOLD_CERTIFICATE,
    NO_CRIMINAL_RECORD_CERTIFICATE,
    HOUSEHOLD_BOOKLET_REISSUE,
)
_BY_CODE: dict[str, Service] = {service.code: service for service in SERVICES}
if len(_BY_CODE) != len(SERVICES):
    raise ValueError("two services of the catalogue share a code")


def all_services() -> tuple[Service, ...]:
    """Every service of the hall, in catalogue order."""
    return SERVICES


def service_of(code: str) -> Service | None:
    """Return the service with this code, or None if the catalogue has none."""
    return _BY_CODE.get(code)


def find_form(service_code: str, form_code: str) -> tuple[Service, Form] | None:
    """Return a service and one of its forms by their codes, or None if either is unknown."""
    service = _BY_CODE.get(service_code)
    form = service.form(form_code) if service is not None else None
    return None if service is None or form is None else (service, form)


__all__ = [
    "AGENCY_NAMES",
    "APPLICANT_NAMES",
    "APPLICATION_FORM",
    "LEVEL_NAMES",
    "SANMING_COUNTIES",
    "SERVICES",
    "AcceptingUnit",
    "Account",
    "Agency",
    "Applicant",
    "Choice",
    "DeliveryMethod",
    "DeliveryOption",
    "DetailProblem",
    "Fee",
    "FieldType",
    "Form",
    "FormField",
    "InvalidDetails",
    "Label",
    "LegalStep",
    "Material",
    "Obtained",
    "Service",
    "Source",
    "TimeLimit",
    "UnitLevel",
    "all_services",
    "find_form",
    "service_of",
    "validate_details",
]
