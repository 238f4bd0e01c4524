"""The police's announcement of a name change, recorded alike by every agency it goes to.

Tax, social security and civil affairs keep no registered name of their own (persons are the
police's): each stores the notice, a model with `NameChangeNoticeColumns`, and exposes the
same mutation, named per agency so that the supergraph routes each call to its agency:

    @strawberry.type(description="...")
    class Mutation:
        tax_record_name_change = record_name_change_field(models.NameChangeNotice)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy import Date, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from strawberry.types import Info

from subgraph import convert
from subgraph.columns import UTCDateTime
from subgraph.entities import load_list
from subgraph.execution.checks import NAME_LENGTH, day_in_life, person_name
from subgraph.execution.once import Applied, Executed, apply_once
from subgraph.execution.outcome import ExecutionError, error_field, execute, replayed_field
from subgraph.guard import BASIC, PUBLIC, WRITE, Guard, Guarded, Permit, id_number_region


class NameChangeNoticeColumns(Executed):
    """Columns of a received name-change notice: whose name, the new one, since when."""

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String(18), index=True)
    new_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    effective_on: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


N = TypeVar("N", bound=NameChangeNoticeColumns)


async def record_name_change(
    *,
    session: AsyncSession,
    model: type[N],
    application: str,
    id_number: str,
    new_name: str,
    effective_on: date,
) -> Applied[N]:
    """Store the notice of a person's new name, once per application."""

    async def change() -> N:
        person_name(new_name, argument="newName")
        day_in_life(effective_on, argument="effectiveOn", id_number=id_number)
        notice = model()
        notice.person_id, notice.new_name = id_number, new_name
        notice.effective_on, notice.received_at = effective_on, datetime.now(UTC)
        return notice

    arguments = {"id_number": id_number, "new_name": new_name, "effective_on": effective_on}
    return await apply_once(
        session, model=model, application=application, arguments=arguments, change=change
    )


@Guarded(part_of="Person")
@strawberry.federation.type(
    shareable=True, description="A police name change, as announced to this agency."
)
class NameChangeNotice:
    application: str = strawberry.field(
        description="The hall application the change was executed for.",
        extensions=[Guard(BASIC)],
    )
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )
    new_name: str = strawberry.field(
        description="The registered name from `effectiveOn` on.", extensions=[Guard(BASIC)]
    )
    effective_on: date = strawberry.field(
        description="The day the police registered the new name.", extensions=[Guard(BASIC)]
    )

    @staticmethod
    def from_row(row: NameChangeNoticeColumns) -> NameChangeNotice:
        return convert.from_row(NameChangeNotice, row, id_number=row.person_id)


@Guarded(part_of="Person")
@strawberry.federation.type(
    shareable=True, description="What recording a name change announcement did."
)
class RecordNameChangePayload:
    replayed: bool = replayed_field()
    error: ExecutionError | None = error_field()
    notice: NameChangeNotice | None = strawberry.field(
        description="The notice as stored; null on failure.", extensions=[Guard(BASIC)]
    )

    @staticmethod
    def of(result: Applied[Any] | ExecutionError) -> RecordNameChangePayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return RecordNameChangePayload(replayed=False, error=result, notice=None)
        notice = NameChangeNotice.from_row(result.record)
        return RecordNameChangePayload(replayed=result.replayed, error=None, notice=notice)


def record_name_change_field(model: type[NameChangeNoticeColumns]) -> Any:
    """The mutation recording name-change notices in `model`, authorized for WRITE on Person."""

    async def resolve(
        self: Any,
        info: Info,
        application: Annotated[
            str,
            strawberry.argument(description="The hall application number (idempotency key)."),
        ],
        id_number: Annotated[
            str, strawberry.argument(description="The person's 18-character citizen ID number.")
        ],
        new_name: Annotated[
            str, strawberry.argument(description="The new registered name, as the police has it.")
        ],
        effective_on: Annotated[
            date, strawberry.argument(description="The day the police registered the new name.")
        ],
    ) -> RecordNameChangePayload:
        result = await execute(
            info,
            record_name_change,
            model=model,
            application=application,
            id_number=id_number,
            new_name=new_name,
            effective_on=effective_on,
        )
        return RecordNameChangePayload.of(result)

    return strawberry.mutation(
        resolver=resolve,
        description="Record the police's announcement of a person's new name, once per "
        "application; a repeat answers `replayed`.",
        extensions=[
            Permit(
                WRITE,
                type_name="Person",
                subject="id_number",
                region=id_number_region(),
                case="application",
            )
        ],
    )


def name_changes_field(model: type[NameChangeNoticeColumns], agency: str) -> Any:
    """The Person field listing the name-change notices `agency` received, oldest first."""

    async def resolve(self: Any, info: Info) -> list[NameChangeNotice]:
        rows = await load_list(
            info,
            model.person_id,
            key=self.id_number,
            convert=NameChangeNotice.from_row,
            order_by=[model.effective_on, model.id],
        )
        return list(rows)

    return strawberry.field(
        resolver=resolve,
        description=f"Name changes the police announced to {agency}, oldest first: the last "
        "one is the person's current name.",
        extensions=[Guard(BASIC)],
    )
