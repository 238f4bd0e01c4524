"""The hall subgraph: the catalogue, applications, staff decisions and supervision.

Who may do what is declared, not coded: reads by the `Guard`s of hall/application_schema.py,
writes by `Permit(WRITE, ...)` on each mutation, both decided by hall/policies.csv.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from authz.fields import FieldClass
from hall import models, services
from hall.application_schema import (
    Application,
    ApplicationNotice,
    ApplicationUrging,
    Person,
    Step,
    Verification,
    VerificationCheck,
)
from hall.calendar import default_calendar
from hall.catalogue import service_of, validate_details
from hall.catalogue_schema import CatalogueQuery
from hall.catalogue_types import DeliveryMethod
from hall.delivery_schema import DeliveryMutation, DeliveryQuery
from hall.fee_schema import FeeMutation, FeeQuery
from hall.flag_schema import FlagMutation, FlagQuery
from hall.question_schema import QuestionMutation, QuestionQuery
from hall.queue_order import ApplicationOrder
from hall.rating_schema import RatingMutation, RatingQuery
from hall.states import State
from hall.statistics_schema import StatisticsQuery
from hall.submission import submit
from hall.times import beijing_day, utc_now
from hall.workflow import StepActor
from subgraph.context import call_service, context_of
from subgraph.entities import load_one
from subgraph.errors import BadUserInput
from subgraph.guard import BASIC, PUBLIC, Attr, Guard, Guarded
from subgraph.guard.permit import Permit
from subgraph.idnumber import region_code_of
from subgraph.pagination import Page, page_of
from subgraph.resolvers import mutation, resolver

WRITE = FieldClass.WRITE


# Counts, not records: the listing behind them is limited to the caller's jurisdiction.
@Guarded()
@strawberry.type(description="The caller's view of one unit's open work.")
class UnitWorkload:
    agency: str = strawberry.field(description="The unit's agency.", extensions=[Guard(PUBLIC)])
    unit_code: str = strawberry.field(description="The unit's code.", extensions=[Guard(PUBLIC)])
    open: int = strawberry.field(
        description="Applications awaiting the unit.", extensions=[Guard(PUBLIC)]
    )
    overdue: int = strawberry.field(
        description="Of those, past the promised deadline.", extensions=[Guard(PUBLIC)]
    )


@Guarded(part_of="Application")
@strawberry.type(description="What a submission did.")
class SubmitApplicationPayload:
    application: Application | None = strawberry.field(
        description="The application (the first one, when the key was used before).",
        extensions=[Guard(BASIC)],
    )
    replayed: bool = strawberry.field(
        description="True when this idempotency key had submitted it already.",
        extensions=[Guard(BASIC)],
    )


@Guarded(part_of="Application")
@strawberry.type(description="What a decision did.")
class DecisionPayload:
    application: Application | None = strawberry.field(
        description="The application as decided.", extensions=[Guard(BASIC)]
    )


@Guarded(part_of="Urging")
@strawberry.type(description="What an urging did.")
class UrgePayload:
    urged_at: datetime = strawberry.field(
        description="When the urging was recorded.", extensions=[Guard(BASIC)]
    )
    to_unit: str = strawberry.field(
        description="The unit that was urged.", extensions=[Guard(BASIC)]
    )


@strawberry.input(description="A citizen's application.")
class ApplicationInput:
    service_code: str = strawberry.field(description="Service code from `services`.")
    subject_id_number: str = strawberry.field(
        description="ID number of the person concerned: the applicant or their ward."
    )
    details: JSON = strawberry.field(description="The form's fields, by key (see the guide).")
    delivery: DeliveryMethod = strawberry.field(description="One of the service's options.")
    idempotency_key: str = strawberry.field(
        description="A key the client makes once per application (8 to 64 characters); a "
        "retry with the same key returns the first application instead of a second one."
    )


def _actor(info: Info) -> StepActor:
    actor = context_of(info).actor
    return StepActor(
        subject=actor.subject, kind=actor.kind.value, agency=actor.agency, unit=actor.unit
    )


@strawberry.type(description="Hall lookups: the catalogue, applications, supervision.")
class Query(
    CatalogueQuery, FeeQuery, DeliveryQuery, RatingQuery, QuestionQuery, FlagQuery, StatisticsQuery
):
    @resolver("An application by its number; null if unknown.")
    async def application(
        self, info: Info, number: Annotated[str, strawberry.argument(description="Number.")]
    ) -> Application | None:
        return await load_one(info, models.Application.number, number, Application.from_row)

    @resolver(
        "Applications in the caller's jurisdiction (a citizen's own, a unit's "
        "queue, a supervisor's region), by number."
    )
    async def applications(
        self,
        info: Info,
        state: Annotated[
            State | None, strawberry.argument(description="Only in this state.")
        ] = None,
        service_code: Annotated[
            str | None, strawberry.argument(description="Only of this service.")
        ] = None,
        overdue_only: Annotated[
            bool, strawberry.argument(description="Only open ones past the promised day.")
        ] = False,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
        open_only: Annotated[
            bool,
            strawberry.argument(
                description="Only open ones: submitted, accepted, verified or approved."
            ),
        ] = False,
        order_by: Annotated[
            ApplicationOrder,
            strawberry.argument(description="By number (the default), or by deadline."),
        ] = ApplicationOrder.NUMBER,
    ) -> Page[Application]:
        rows, page_info = await call_service(
            info,
            services.list_applications,
            listing=Application,
            state=state,
            service_code=service_code,
            overdue_on=beijing_day(utc_now()) if overdue_only else None,
            first=first,
            after=after,
            open_only=open_only,
            order=order_by,
        )
        return page_of(rows, page_info, Application.from_row)

    @resolver("Open and overdue applications per unit in the caller's jurisdiction.")
    async def workload(self, info: Info) -> list[UnitWorkload]:
        loads = await call_service(
            info, services.workload, listing=Application, today=beijing_day(utc_now())
        )
        return [
            UnitWorkload(
                agency=load.agency, unit_code=load.unit_code, open=load.open, overdue=load.overdue
            )
            for load in loads
        ]


async def _application(info: Info, arguments: dict[str, Any]) -> Application | None:
    """The application a mutation names by `number`."""
    number = arguments["number"]
    return await load_one(info, models.Application.number, number, Application.from_row)


@strawberry.type(description="Submitting, deciding and supervising applications.")
class Mutation(FeeMutation, DeliveryMutation, RatingMutation, QuestionMutation, FlagMutation):
    @mutation(
        "Submit an application; it is accepted at once by the final-approving unit and "
        "verified automatically.",
        Permit(
            WRITE,
            type_name="Application",
            subject=Attr(lambda args: args.application.subject_id_number),
            region=Attr(lambda args: region_code_of(args.application.subject_id_number)),
        ),
    )
    async def submit_application(
        self, info: Info, application: ApplicationInput
    ) -> SubmitApplicationPayload:
        service = service_of(application.service_code)
        if service is None:
            raise BadUserInput(f"unknown service {application.service_code[:48]!r}")
        if application.delivery.name not in {option.method.value for option in service.delivery}:
            raise BadUserInput(f"{service.code} offers no {application.delivery.name} delivery")
        details = validate_details(service, _mapping(application.details))
        submitted = await call_service(
            info,
            submit,
            service=service,
            calendar=default_calendar(),
            applicant_id=context_of(info).actor.subject,
            subject_id=application.subject_id_number,
            details=details,
            delivery=application.delivery.name,
            idempotency_key=application.idempotency_key,
            now=utc_now(),
        )
        return SubmitApplicationPayload(
            application=Application.from_row(submitted.application), replayed=submitted.replayed
        )

    @mutation(
        "Approve or reject a verified application (staff of the accepting unit); refused if "
        "it changed since `expectedVersion`.",
        Permit(WRITE, type_name="Application", target=_application),
    )
    async def decide_application(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="Application number.")],
        expected_version: Annotated[
            int, strawberry.argument(description="The `version` the decision was made on.")
        ],
        approve: Annotated[bool, strawberry.argument(description="True approves, false rejects.")],
        reason: Annotated[
            str | None,
            strawberry.argument(description="Written reasons; required for a rejection."),
        ] = None,
    ) -> DecisionPayload:
        decided = await call_service(
            info,
            services.decide,
            number=number,
            expected_version=expected_version,
            approve=approve,
            reason=reason,
            actor=_actor(info),
            now=utc_now(),
        )
        return DecisionPayload(application=Application.from_row(decided))

    @mutation(
        "Urge an open application (supervisors): the accepting unit is notified, the urging "
        "recorded.",
        Permit(WRITE, type_name="Urging", target=_application),
    )
    async def urge_application(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="Application number.")],
        message: Annotated[str, strawberry.argument(description="What is urged, and why.")],
    ) -> UrgePayload:
        urging = await call_service(
            info, services.urge, number=number, message=message, actor=_actor(info), now=utc_now()
        )
        return UrgePayload(urged_at=urging.at, to_unit=urging.to_unit)


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadUserInput("`details` must be an object of the form's fields")
    return value


TYPES = [
    Application,
    ApplicationNotice,
    ApplicationUrging,
    DecisionPayload,
    UrgePayload,
    Person,
    SubmitApplicationPayload,
    Step,
    UnitWorkload,
    Verification,
    VerificationCheck,
]
