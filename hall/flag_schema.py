"""One-click supervision in GraphQL: citizens flag a problem, the city bureau responds.

`FlagQuery` and `FlagMutation` are inherited by the hall's Query and Mutation. Flagging is a
write on `SupervisionFlag` (the citizen's), responding one on `FlagResponse` (the
supervisors'), so a citizen cannot close their own flag.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hall import flags
from hall import service_models as rows
from hall.service_fields import basic
from hall.service_listings import list_flags
from hall.service_states import FlagKind, FlagState
from hall.step_actors import step_actor
from hall.targets import application_target
from hall.times import utc_now
from subgraph import convert
from subgraph.context import call_service, context_of
from subgraph.entities import load_one
from subgraph.guard import PUBLIC, WRITE, Guard, Guarded
from subgraph.guard.permit import Permit
from subgraph.pagination import Page, page_of
from subgraph.resolvers import mutation, resolver


@Guarded(model=rows.SupervisionFlag, region="region_code", unit="unit_code", subject="raiser_id")
@strawberry.type(description="A problem a citizen flagged with one click, and its follow-up.")
class SupervisionFlag:
    number: str = strawberry.field(
        description="Flag number, e.g. JD20261127A1B2C3D4.", extensions=[Guard(PUBLIC)]
    )
    application_number: str = basic("The application flagged.")
    kind: FlagKind = basic("The problem.")
    note: str | None = basic("The citizen's note, if any.")
    agency: str = basic("The agency of the application.")
    unit_code: str = basic("The supervising unit: the agency's city bureau.")
    flagged_unit: str = basic("The unit handling the application.")
    state: FlagState = basic("Open, answered or resolved.")
    raised_at: datetime = basic("When it was flagged.")
    response: str | None = basic("The supervising unit's response; null until given.")
    responded_at: datetime | None = basic("When the response was given.")
    raiser_id: strawberry.Private[str]
    region_code: strawberry.Private[str]

    @staticmethod
    def from_row(row: rows.SupervisionFlag) -> SupervisionFlag:
        return convert.from_row(
            SupervisionFlag,
            row,
            kind=FlagKind(row.kind),
            state=FlagState(row.state),
            raised_at=row.raised_at,
            responded_at=row.responded_at,
        )


@Guarded(part_of="SupervisionFlag")
@strawberry.type(description="What flagging did.")
class FlagPayload:
    flag: SupervisionFlag | None = basic("The flag.")
    replayed: bool = basic("True when an earlier click had raised it already.")


@Guarded(part_of="FlagResponse")
@strawberry.type(description="What responding to a flag did.")
class FlagResponsePayload:
    flag: SupervisionFlag | None = basic("The flag, answered or resolved.")


async def flag_target(info: Info, arguments: dict[str, Any]) -> SupervisionFlag | None:
    """The flag a mutation names by `number`."""
    return await load_one(
        info, rows.SupervisionFlag.number, arguments["number"], SupervisionFlag.from_row
    )


@strawberry.type(description="Supervision flag lookups.")
class FlagQuery:
    @resolver("A supervision flag by its number; null if unknown.")
    async def supervision_flag(
        self, info: Info, number: Annotated[str, strawberry.argument(description="Number.")]
    ) -> SupervisionFlag | None:
        return await flag_target(info, {"number": number})

    @resolver("Flags in the caller's jurisdiction (a citizen's, a bureau's), by number.")
    async def supervision_flags(
        self,
        info: Info,
        state: Annotated[
            FlagState | None, strawberry.argument(description="Only in this state.")
        ] = None,
        kind: Annotated[
            FlagKind | None, strawberry.argument(description="Only of this kind.")
        ] = None,
        first: Annotated[int, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
    ) -> Page[SupervisionFlag]:
        found, page_info = await call_service(
            info,
            list_flags,
            listing=SupervisionFlag,
            state=state,
            kind=kind,
            first=first,
            after=after,
        )
        return page_of(found, page_info, SupervisionFlag.from_row)


@strawberry.type(description="Flagging problems and responding to them.")
class FlagMutation:
    @mutation(
        "Flag a problem with one's application; it goes to the agency's city bureau.",
        Permit(WRITE, type_name="SupervisionFlag", target=application_target),
    )
    async def flag_application(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The application's number.")],
        kind: Annotated[FlagKind, strawberry.argument(description="The problem.")],
        note: Annotated[
            str | None, strawberry.argument(description="An optional note (500 characters).")
        ] = None,
    ) -> FlagPayload:
        raised = await call_service(
            info,
            flags.raise_flag,
            number=number,
            kind=kind,
            raiser_id=context_of(info).actor.subject,
            note=note,
            now=utc_now(),
        )
        return FlagPayload(flag=SupervisionFlag.from_row(raised.flag), replayed=raised.replayed)

    @mutation(
        "Answer an open flag, or record it resolved (the supervising unit), once.",
        Permit(WRITE, type_name="FlagResponse", target=flag_target),
    )
    async def respond_to_flag(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The flag's number.")],
        resolved: Annotated[
            bool, strawberry.argument(description="True: resolved; false: answered only.")
        ],
        response: Annotated[
            str, strawberry.argument(description="The response (2,000 characters).")
        ],
    ) -> FlagResponsePayload:
        flag = await call_service(
            info,
            flags.respond_to_flag,
            number=number,
            resolved=resolved,
            response=response,
            actor=step_actor(info),
            now=utc_now(),
        )
        return FlagResponsePayload(flag=SupervisionFlag.from_row(flag))
