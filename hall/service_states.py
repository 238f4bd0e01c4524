"""The states and kinds of the hall's records around an application."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(name="FeeOrderState", description="Where a fee order stands.")
class FeeState(StrEnum):
    """Where a fee order stands."""

    PENDING = "PENDING"
    PAID = "PAID"
    CANCELLED = "CANCELLED"


@strawberry.enum(description="Where the delivery of a result stands.")
class DeliveryState(StrEnum):
    """Where the delivery of a result stands."""

    AWAITING_PICKUP = "AWAITING_PICKUP"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"


@strawberry.enum(description="Which way a parcel goes.")
class ShipmentDirection(StrEnum):
    """Which way a parcel goes: the result to the citizen, or originals to the unit."""

    OUTBOUND = "OUTBOUND"
    INBOUND = "INBOUND"


@strawberry.enum(description="Whether a question was answered.")
class QuestionState(StrEnum):
    """Whether a question was answered."""

    OPEN = "OPEN"
    ANSWERED = "ANSWERED"


@strawberry.enum(description="The problem a citizen flags with one click.")
class FlagKind(StrEnum):
    """The problem a citizen flags with one click."""

    ASKED_FOR_FETCHED_MATERIAL = "ASKED_FOR_FETCHED_MATERIAL"
    DELAY = "DELAY"
    CONDUCT = "CONDUCT"


@strawberry.enum(description="Where a supervision flag stands.")
class FlagState(StrEnum):
    """Where a supervision flag stands: open, answered by the supervisor, or resolved."""

    OPEN = "OPEN"
    ANSWERED = "ANSWERED"
    RESOLVED = "RESOLVED"


FLAG_KIND_ZH: dict[FlagKind, str] = {
    FlagKind.ASKED_FOR_FETCHED_MATERIAL: "要求提供可共享获取的材料",
    FlagKind.DELAY: "办理拖延",
    FlagKind.CONDUCT: "工作作风",
}
