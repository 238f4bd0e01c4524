"""Who takes a step, as the workflow records it, from the request's actor."""

from __future__ import annotations

from strawberry.types import Info

from hall.workflow import StepActor
from subgraph.context import context_of


def step_actor(info: Info) -> StepActor:
    """The request's actor as a workflow step's actor."""
    actor = context_of(info).actor
    return StepActor(
        subject=actor.subject, kind=actor.kind.value, agency=actor.agency, unit=actor.unit
    )
