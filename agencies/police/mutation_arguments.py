"""What the police's mutations share: arguments, Permit, and the payload's common part."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from agencies.police import models
from agencies.police.schema import Person
from subgraph.entities import load_one
from subgraph.execution import Applied, ExecutionError, error_field, replayed_field
from subgraph.guard import BASIC, WRITE, Attr, Guard, Guarded, Permit, id_number_region

Application = Annotated[
    str, strawberry.argument(description="The hall application number (idempotency key).")
]
IdNumber = Annotated[
    str, strawberry.argument(description="The person's 18-character citizen ID number.")
]
EffectiveOn = Annotated[
    date, strawberry.argument(description="The day the change takes effect (today at the latest).")
]
PERSON = "The person as registered now; null on failure."
CHANGE = "The history entry of the change; null on failure."


def permit(*subjects: str, region: Attr | None = None) -> Permit:
    """WRITE on Person for the application declared as the case, about these arguments.

    The region is the county of the first subject's ID number unless `region` says otherwise.
    """
    return Permit(
        WRITE,
        type_name="Person",
        subject=subjects,
        region=region or id_number_region(subjects[0]),
        case="application",
    )


async def registered(info: Info, person_id: str | None) -> Person | None:
    """The person a registration changed, as registered now."""
    return await load_one(info, models.Person.id_number, person_id, Person.from_row)


P = TypeVar("P", bound="PersonChangePayload")


@Guarded(part_of="Person")
@strawberry.type(description="What a change to a person's registration did.")
class PersonChangePayload:
    """The part every police payload shares: replay flag, error, the person as now."""

    replayed: bool = replayed_field()
    error: ExecutionError | None = error_field()
    person_id: strawberry.Private[str | None]

    @strawberry.field(description=PERSON, extensions=[Guard(BASIC)])
    async def person(self, info: Info) -> Person | None:
        return await registered(info, self.person_id)

    @classmethod
    def failed(cls: type[P], error: ExecutionError) -> P:
        """The payload of a change that was not made."""
        return cls(replayed=False, error=error, person_id=None)

    @classmethod
    def applied(cls: type[P], result: Applied[Any], **fields: Any) -> P:
        """The payload of a change made (or replayed), with its own fields."""
        return cls(
            replayed=result.replayed, error=None, person_id=result.record.person_id, **fields
        )
