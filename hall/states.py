"""The workflow of an application: its states and which step may follow which."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(name="ApplicationState", description="Where an application stands.")
class State(StrEnum):
    """Where an application stands."""

    SUBMITTED = "SUBMITTED"
    ACCEPTED = "ACCEPTED"
    VERIFIED = "VERIFIED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    EXECUTED = "EXECUTED"
    DELIVERED = "DELIVERED"
    CLOSED = "CLOSED"


NEXT: dict[State, frozenset[State]] = {
    State.SUBMITTED: frozenset({State.ACCEPTED}),
    State.ACCEPTED: frozenset({State.VERIFIED, State.REJECTED}),
    State.VERIFIED: frozenset({State.APPROVED, State.REJECTED}),
    State.APPROVED: frozenset({State.EXECUTED}),
    State.EXECUTED: frozenset({State.DELIVERED}),
    State.DELIVERED: frozenset({State.CLOSED}),
    State.REJECTED: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
}
# States in which the accepting unit still owes the citizen a decision or a result.
OPEN = frozenset({State.SUBMITTED, State.ACCEPTED, State.VERIFIED, State.APPROVED})
DONE = frozenset({State.EXECUTED, State.DELIVERED, State.CLOSED, State.REJECTED})

LABELS_ZH: dict[State, str] = {
    State.SUBMITTED: "已提交",
    State.ACCEPTED: "已受理",
    State.VERIFIED: "已核验",
    State.APPROVED: "已批准",
    State.REJECTED: "不予批准",
    State.EXECUTED: "已办结",
    State.DELIVERED: "已送达",
    State.CLOSED: "已归档",
}


def may_follow(current: State, wanted: State) -> bool:
    """Whether the workflow allows moving from `current` to `wanted`."""
    return wanted in NEXT[current]
