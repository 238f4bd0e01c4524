"""The records hall mutations write, loaded by number for their `Permit(target=...)`."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from hall import models
from hall.application_schema import Application
from subgraph.context import context_of
from subgraph.entities import load_one
from subgraph.guard import PUBLIC, Guard, Guarded


@Guarded(region="region_code", unit="unit_code", subject="applicant_id")
@strawberry.type(description="An application as its applicant filed it: only they act on it.")
class FiledApplication:
    number: str = strawberry.field(description="Application number.", extensions=[Guard(PUBLIC)])
    region_code: strawberry.Private[str]
    unit_code: strawberry.Private[str]
    applicant_id: strawberry.Private[str]


async def application_target(info: Info, arguments: dict[str, Any]) -> Application | None:
    """The application a mutation names by `number` (its applicant, subject and unit act)."""
    number = arguments["number"]
    return await load_one(info, models.Application.number, number, Application.from_row)


async def filed_application_target(
    info: Info, arguments: dict[str, Any]
) -> FiledApplication | None:
    """The application a mutation names by `number`, of which only the applicant may act."""
    row = await context_of(info).loaders.one(models.Application.number, arguments["number"])
    if row is None:
        return None
    return FiledApplication(
        number=row.number,
        region_code=row.region_code,
        unit_code=row.unit_code,
        applicant_id=row.applicant_id,
    )
