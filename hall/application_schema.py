"""The GraphQL types of applications: the application, its checks, steps and the person stub.

Field classes (the hall's policies.csv grants them):
- PUBLIC: the application number (the key other agencies join on).
- BASIC: the service, state, dates, deadlines, accepting unit, decision reason, steps.
- FAMILY: what the citizen filled in (`details`) and the verification's checks, which name
  family records (parents, marriages, adoptions) of other agencies.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from hall import models, services
from hall.catalogue import service_of
from hall.catalogue_schema import ServiceGuide
from hall.states import LABELS_ZH, OPEN, State
from hall.times import beijing_day, utc_now
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.guard import BASIC, FAMILY, PUBLIC, Guard, Guarded, id_number_region
from subgraph.resolvers import resolver


@Guarded(part_of="Application")
@strawberry.type(description="One verified condition, with the agency and record it rests on.")
class VerificationCheck:
    code: str = strawberry.field(
        description="What was checked, e.g. AGE or MARRIAGE_CHANGED.", extensions=[Guard(FAMILY)]
    )
    passed: bool = strawberry.field(
        description="Whether the condition holds.", extensions=[Guard(FAMILY)]
    )
    required: bool = strawberry.field(
        description="Whether the application needs it to hold (false: evidence only).",
        extensions=[Guard(FAMILY)],
    )
    summary_zh: str = strawberry.field(
        description="What was found, in Chinese.", extensions=[Guard(FAMILY)]
    )
    summary_en: str = strawberry.field(
        description="What was found, in English.", extensions=[Guard(FAMILY)]
    )
    source_agency: str = strawberry.field(
        description="The agency whose record decided it.", extensions=[Guard(FAMILY)]
    )
    record_type: str = strawberry.field(
        description="The type of that record, e.g. Marriage.", extensions=[Guard(FAMILY)]
    )
    record_reference: str | None = strawberry.field(
        description="The record's key (a marriage number, an ID number), if there is one.",
        extensions=[Guard(FAMILY)],
    )


@Guarded(part_of="Application")
@strawberry.type(description="The automatic cross-agency verification of an application.")
class Verification:
    eligible: bool = strawberry.field(
        description="Whether every required check passed.", extensions=[Guard(FAMILY)]
    )
    checks: list[VerificationCheck] = strawberry.field(
        description="Every check, in order.", extensions=[Guard(FAMILY)]
    )
    verified_at: datetime = strawberry.field(
        description="When the verification ran.", extensions=[Guard(FAMILY)]
    )
    errors: list[str] = strawberry.field(
        description="Messages of records that could not be read (then not eligible).",
        extensions=[Guard(FAMILY)],
    )


@Guarded(part_of="Application")
@strawberry.type(description="One step of an application's workflow.")
class Step:
    from_state: State | None = strawberry.field(
        description="The state before.", extensions=[Guard(BASIC)]
    )
    to_state: State = strawberry.field(description="The state after.", extensions=[Guard(BASIC)])
    actor_kind: str = strawberry.field(
        description="CITIZEN, STAFF, SUPERVISOR or SYSTEM.", extensions=[Guard(BASIC)]
    )
    actor_agency: str | None = strawberry.field(
        description="The actor's agency, if any.", extensions=[Guard(BASIC)]
    )
    actor_unit: str | None = strawberry.field(
        description="The actor's unit, if any.", extensions=[Guard(BASIC)]
    )
    at: datetime = strawberry.field(
        description="When the step was taken.", extensions=[Guard(BASIC)]
    )
    reason: str | None = strawberry.field(
        description="Why, as written by the actor.", extensions=[Guard(BASIC)]
    )


@Guarded(part_of="Application")
@strawberry.type(description="An urging of the application: by a supervisor, or automatic.")
class ApplicationUrging:
    at: datetime = strawberry.field(description="When it was urged.", extensions=[Guard(BASIC)])
    by_unit: str | None = strawberry.field(
        description="The urging (supervising) unit.", extensions=[Guard(BASIC)]
    )
    to_unit: str = strawberry.field(description="The unit urged to act.", extensions=[Guard(BASIC)])
    message: str = strawberry.field(description="What was urged.", extensions=[Guard(BASIC)])
    automatic: bool = strawberry.field(
        description="True for the hall's escalation past the deadline.", extensions=[Guard(BASIC)]
    )


@Guarded(part_of="Application")
@strawberry.type(description="A progress notice sent to the applicant (SMS-style).")
class ApplicationNotice:
    event: str = strawberry.field(
        description="The step it announces, e.g. ACCEPTED.", extensions=[Guard(BASIC)]
    )
    text_zh: str = strawberry.field(description="The text sent.", extensions=[Guard(BASIC)])
    created_at: datetime = strawberry.field(
        description="When it was queued.", extensions=[Guard(BASIC)]
    )
    sent_at: datetime | None = strawberry.field(
        description="When the sender accepted it; null while queued.", extensions=[Guard(BASIC)]
    )


@Guarded(
    model=models.Application,
    region="region_code",
    unit="unit_code",
    subject=("applicant_id", "subject_id"),
)
@strawberry.federation.type(keys=["number"], description="An application to the service hall.")
class Application:
    number: str = strawberry.field(
        description="Application number, e.g. SQ20261127A1B2C3D4.", extensions=[Guard(PUBLIC)]
    )
    service_code: str = strawberry.field(
        description="Code of the service applied for.", extensions=[Guard(BASIC)]
    )
    state: State = strawberry.field(
        description="Where the application stands.", extensions=[Guard(BASIC)]
    )
    version: int = strawberry.field(
        description="Changes with every step; send it back with a decision.",
        extensions=[Guard(BASIC)],
    )
    submitted_at: datetime = strawberry.field(
        description="When the citizen submitted.", extensions=[Guard(BASIC)]
    )
    promised_on: date = strawberry.field(
        description="The hall's promised deadline (working days).", extensions=[Guard(BASIC)]
    )
    legal_on: date = strawberry.field(
        description="The legal deadline (working days).", extensions=[Guard(BASIC)]
    )
    agency: str = strawberry.field(
        description="The agency that accepts and finally approves.", extensions=[Guard(BASIC)]
    )
    unit_code: str = strawberry.field(
        description="The accepting (final-approving) unit.", extensions=[Guard(BASIC)]
    )
    delivery: str = strawberry.field(
        description="How the result reaches the citizen.", extensions=[Guard(BASIC)]
    )
    decision_reason: str | None = strawberry.field(
        description="The written reason of the decision.", extensions=[Guard(BASIC)]
    )
    details: JSON = strawberry.field(
        description="What the citizen filled in on the form.", extensions=[Guard(FAMILY)]
    )
    region_code: strawberry.Private[str]
    applicant_id: strawberry.Private[str]
    subject_id: strawberry.Private[str]
    verification_record: strawberry.Private[dict[str, Any] | None]
    verified_at: strawberry.Private[datetime | None]

    @resolver("State name in Chinese.", Guard(BASIC))
    def state_zh(self) -> str:
        return LABELS_ZH[State(self.state)]

    @resolver("Whether the promised deadline passed with the application still open.", Guard(BASIC))
    def overdue(self) -> bool:
        today = beijing_day(utc_now())
        return State(self.state) in OPEN and self.promised_on < today

    @resolver("The service's guide.", Guard(BASIC))
    def service(self) -> ServiceGuide | None:
        found = service_of(self.service_code)
        return None if found is None else ServiceGuide.of(found)

    @resolver("The automatic verification; null until it ran.", Guard(FAMILY))
    def verification(self) -> Verification | None:
        record = self.verification_record
        if record is None or self.verified_at is None:
            return None
        return Verification(
            eligible=bool(record["eligible"]),
            checks=[VerificationCheck(**check) for check in record["checks"]],
            verified_at=self.verified_at,
            errors=[str(error.get("message", "")) for error in record.get("errors", ())],
        )

    @resolver("Every step so far, oldest first.", Guard(BASIC))
    async def steps(self, info: Info) -> list[Step]:
        rows = await load_list(
            info,
            models.Transition.application_number,
            key=self.number,
            convert=lambda row: row,
            order_by=[models.Transition.id],
        )
        return [
            Step(
                from_state=None if row.from_state is None else State(row.from_state),
                to_state=State(row.to_state),
                actor_kind=row.actor_kind,
                actor_agency=row.actor_agency,
                actor_unit=row.actor_unit,
                at=row.at,
                reason=row.reason,
            )
            for row in rows
        ]

    @resolver("Urgings of the application, oldest first (the unit's to-do).", Guard(BASIC))
    async def urgings(self, info: Info) -> list[ApplicationUrging]:
        rows = await load_list(
            info,
            models.Urging.application_number,
            key=self.number,
            convert=lambda row: convert.from_row(ApplicationUrging, row),
            order_by=[models.Urging.id],
        )
        return list(rows)

    @resolver("Notices sent (or queued) to the applicant, oldest first.", Guard(BASIC))
    async def notices(self, info: Info) -> list[ApplicationNotice]:
        rows = await load_list(
            info,
            models.Notice.application_number,
            key=self.number,
            convert=lambda row: convert.from_row(ApplicationNotice, row),
            order_by=[models.Notice.id],
        )
        return list(rows)

    @resolver("Who submitted (a parent or guardian for a minor).", Guard(BASIC))
    def applicant(self) -> Person:
        return Person(id_number=self.applicant_id)

    @resolver("The person the application is about.", Guard(BASIC))
    def subject(self) -> Person:
        return Person(id_number=self.subject_id)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> Application | None:
        return await load_one(info, models.Application.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.Application) -> Application:
        return convert.from_row(
            Application,
            row,
            state=State(row.state),
            verification_record=row.verification,
        )


@Guarded(region=id_number_region(), subject="id_number")
@strawberry.federation.type(keys=["idNumber"], description="A person in the household register.")
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )

    @resolver("Applications about this person or filed by them, by number.", Guard(BASIC))
    async def applications(self, info: Info) -> list[Application]:
        rows = await call_service(
            info, services.applications_of, listing=Application, person_id=self.id_number
        )
        return [Application.from_row(row) for row in rows]

    @classmethod
    def resolve_reference(cls, idNumber: str) -> Person:
        return cls(id_number=idNumber)
