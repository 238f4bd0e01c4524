"""What the police's mutations share: their arguments, their Permit, the person they answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.police import models
from agencies.police.schema import Person
from subgraph.entities import load_one
from subgraph.guard import WRITE, Attr, Permit, id_number_region

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
