"""Delivery in GraphQL: how a result reaches the citizen, its parcels and their tracking.

`DeliveryQuery` and `DeliveryMutation` are inherited by the hall's Query and Mutation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from hall import service_models as rows
from hall.application_schema import Application
from hall.catalogue_types import DeliveryMethod
from hall.delivery import mark_collected
from hall.service_fields import basic
from hall.service_states import DeliveryState, ShipmentDirection
from hall.step_actors import step_actor
from hall.targets import application_target
from hall.times import utc_now
from subgraph import convert
from subgraph.context import call_service
from subgraph.entities import load_list, load_one
from subgraph.guard import BASIC, CONTACT, PUBLIC, WRITE, Guard, Guarded
from subgraph.guard.permit import Permit
from subgraph.resolvers import mutation, resolver


@Guarded(part_of="Shipment")
@strawberry.type(description="One scan of a parcel, as the carrier reported it.")
class TrackingEvent:
    code: str = basic("COLLECTED, IN_TRANSIT, OUT_FOR_DELIVERY or DELIVERED.")
    description_zh: str = basic("What happened, in Chinese.")
    at: datetime = basic("When it happened.")


@Guarded(model=rows.Shipment, region="region_code", unit="unit_code", subject="applicant_id")
@strawberry.type(description="A parcel of an application: the result, or originals sent in.")
class Shipment:
    tracking_number: str = strawberry.field(
        description="The carrier's tracking number, e.g. SF012345678901.",
        extensions=[Guard(PUBLIC)],
    )
    application_number: str = basic("The application the parcel belongs to.")
    direction: ShipmentDirection = basic("OUTBOUND: the result; INBOUND: originals.")
    state: str = basic("BOOKED, or the code of the carrier's latest scan.")
    address: str = strawberry.field(
        description="The citizen's registered address the parcel goes to or comes from.",
        extensions=[Guard(CONTACT)],
    )
    booked_at: datetime = basic("When the hall booked the parcel.")
    delivered_at: datetime | None = basic("When the carrier delivered it; null until then.")
    applicant_id: strawberry.Private[str]
    region_code: strawberry.Private[str]
    unit_code: strawberry.Private[str]

    @resolver("The carrier's scans so far, oldest first.", Guard(BASIC))
    async def events(self, info: Info) -> list[TrackingEvent]:
        return await load_list(
            info,
            rows.ShipmentEvent.tracking_number,
            key=self.tracking_number,
            convert=lambda row: convert.from_row(TrackingEvent, row, at=row.at),
            order_by=[rows.ShipmentEvent.seq],
        )

    @staticmethod
    def from_row(row: rows.Shipment) -> Shipment:
        return convert.from_row(
            Shipment,
            row,
            direction=ShipmentDirection(row.direction),
            booked_at=row.booked_at,
            delivered_at=row.delivered_at,
        )


@Guarded(model=rows.Delivery, region="region_code", unit="unit_code", subject="applicant_id")
@strawberry.type(description="How an executed application's result reaches the citizen.")
class Delivery:
    application_number: str = strawberry.field(
        description="The application delivered.", extensions=[Guard(PUBLIC)]
    )
    method: DeliveryMethod = basic("Electronic, by courier, or at the window.")
    state: DeliveryState = basic("Waiting at the window, shipped, or delivered.")
    document_reference: str | None = basic("The electronic document's reference, if any.")
    tracking_number: str | None = basic("The parcel's tracking number, if shipped.")
    prepared_at: datetime = basic("When the result was ready to go.")
    delivered_at: datetime | None = basic("When the citizen received it; null until then.")
    applicant_id: strawberry.Private[str]
    region_code: strawberry.Private[str]
    unit_code: strawberry.Private[str]

    @staticmethod
    def from_row(row: rows.Delivery) -> Delivery:
        return convert.from_row(
            Delivery,
            row,
            method=DeliveryMethod[row.method],
            state=DeliveryState(row.state),
            prepared_at=row.prepared_at,
            delivered_at=row.delivered_at,
        )


@Guarded(part_of="Delivery")
@strawberry.type(description="What marking a result collected did.")
class CollectedPayload:
    application: Application | None = basic("The application, now delivered.")


@strawberry.type(description="Delivery lookups.")
class DeliveryQuery:
    @resolver("How an application's result reaches the citizen; null before it is executed.")
    async def delivery(
        self,
        info: Info,
        application_number: Annotated[
            str, strawberry.argument(description="The application's number.")
        ],
    ) -> Delivery | None:
        return await load_one(
            info, rows.Delivery.application_number, application_number, Delivery.from_row
        )

    @resolver("An application's parcels (result and originals) in the caller's jurisdiction.")
    async def shipments(
        self,
        info: Info,
        application_number: Annotated[
            str, strawberry.argument(description="The application's number.")
        ],
    ) -> list[Shipment]:
        return await load_list(
            info,
            rows.Shipment.application_number,
            key=application_number,
            convert=Shipment.from_row,
            order_by=[rows.Shipment.booked_at, rows.Shipment.tracking_number],
        )


@strawberry.type(description="Handing over results.")
class DeliveryMutation:
    @mutation(
        "Record that the citizen collected the result at the window (staff of the unit).",
        Permit(WRITE, type_name="Delivery", target=application_target),
    )
    async def mark_collected(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The application's number.")],
    ) -> CollectedPayload:
        collected = await call_service(
            info, mark_collected, number=number, actor=step_actor(info), now=utc_now()
        )
        return CollectedPayload(application=Application.from_row(collected))
