"""The ethnic-affairs Mutation: the decision the online service hall's approval records.

It runs once per hall application (subgraph/execution): a repeat answers `replayed`, a reuse
with other arguments a CONFLICT error, and only the hall's system may call it (WRITE on
EthnicityChange, see policies.csv).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.ethnic_affairs import executions, models
from agencies.ethnic_affairs.schema import EthnicityChange
from subgraph.execution import Applied, ExecutionError, error_field, execute, replayed_field
from subgraph.guard import BASIC, WRITE, Guard, Guarded, Permit, id_number_region


@Guarded(part_of="EthnicityChange")
@strawberry.type(description="What recording an approval did.")
class RecordEthnicityChangeApprovalPayload:
    replayed: bool = replayed_field()
    error: ExecutionError | None = error_field()
    change: EthnicityChange | None = strawberry.field(
        description="The approved change, with its approval number; null on failure.",
        extensions=[Guard(BASIC)],
    )

    @classmethod
    def of(
        cls, result: Applied[models.EthnicityChange] | ExecutionError
    ) -> RecordEthnicityChangeApprovalPayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls(replayed=False, error=result, change=None)
        return cls(
            replayed=result.replayed, error=None, change=EthnicityChange.from_row(result.record)
        )


@strawberry.type(description="Ethnic-affairs decisions executed for the online service hall.")
class Mutation:
    @strawberry.mutation(
        description="Record the city bureau's approval of an ethnicity change.",
        extensions=[
            Permit(
                WRITE,
                type_name="EthnicityChange",
                subject="id_number",
                region=id_number_region(),
                case="application",
            )
        ],
    )
    async def record_ethnicity_change_approval(
        self,
        info: Info,
        application: Annotated[
            str, strawberry.argument(description="The hall application number (idempotency key).")
        ],
        id_number: Annotated[str, strawberry.argument(description="The person's ID number.")],
        from_code: Annotated[str, strawberry.argument(description="GB 3304 code before.")],
        to_code: Annotated[str, strawberry.argument(description="GB 3304 code after.")],
        basis: Annotated[
            str,
            strawberry.argument(
                description="Whose ethnicity is followed: FATHER, MOTHER, STEP_PARENT or "
                "ADOPTIVE_PARENT."
            ),
        ],
        applied_on: Annotated[date, strawberry.argument(description="Day of the application.")],
        decided_on: Annotated[date, strawberry.argument(description="Day of the approval.")],
    ) -> RecordEthnicityChangeApprovalPayload:
        result = await execute(
            info,
            executions.record_approval,
            application=application,
            id_number=id_number,
            from_code=from_code,
            to_code=to_code,
            basis=basis,
            applied_on=applied_on,
            decided_on=decided_on,
        )
        return RecordEthnicityChangeApprovalPayload.of(result)
