"""The police's Mutation: registrations the online service hall's approvals drive.

It inherits the issuances (an ID card, a household transfer, a certificate) of
issuance_mutations.py.

Each runs once per hall application (subgraph/execution): a repeat answers `replayed`, a
reuse with other arguments a CONFLICT error, and only the hall's system may call them (WRITE
on Person, see policies.csv).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.police import executions, models
from agencies.police.issuance_mutations import IssuanceMutation
from agencies.police.mutation_arguments import (
    CHANGE,
    Application,
    EffectiveOn,
    IdNumber,
    PersonChangePayload,
    permit,
    registered,
)
from agencies.police.newborns import Newborn, register_newborn
from agencies.police.schema import EthnicityRecord, NameRecord, Person, Sex
from subgraph.execution import Applied, ExecutionError, execute
from subgraph.guard import BASIC, SENSITIVE, Attr, Guard, Guarded
from subgraph.idnumber import region_code_of

# A newborn has no ID number yet: the region is the county of the household it joins, whose
# number begins with the county's code (agencies/population/builder.py).
HOUSEHOLD_REGION = Attr(lambda arguments: region_code_of(arguments.household_number))


@Guarded(part_of="Person")
@strawberry.type(description="What registering an ethnicity change did.")
class RegisterEthnicityChangePayload(PersonChangePayload):
    change: EthnicityRecord | None = strawberry.field(
        default=None, description=CHANGE, extensions=[Guard(SENSITIVE)]
    )

    @classmethod
    def of(
        cls, result: Applied[models.EthnicityRecord] | ExecutionError
    ) -> RegisterEthnicityChangePayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls.failed(result)
        return cls.applied(result, change=EthnicityRecord.from_row(result.record))


@Guarded(part_of="Person")
@strawberry.type(description="What registering a name change did.")
class ChangeNamePayload(PersonChangePayload):
    change: NameRecord | None = strawberry.field(
        default=None, description=CHANGE, extensions=[Guard(SENSITIVE)]
    )

    @classmethod
    def of(cls, result: Applied[models.NameRecord] | ExecutionError) -> ChangeNamePayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls.failed(result)
        return cls.applied(result, change=NameRecord.from_row(result.record))


@Guarded(part_of="Person")
@strawberry.type(description="What registering a newborn did.")
class RegisterNewbornPayload(PersonChangePayload):
    birth_certificate_number: str | None = strawberry.field(
        default=None,
        description="The birth certificate registered; null on failure.",
        extensions=[Guard(BASIC)],
    )

    @strawberry.field(
        description="The child as registered, with the citizen ID number the police allocated "
        "(the same on a replay); null on failure.",
        extensions=[Guard(BASIC)],
    )
    async def person(self, info: Info) -> Person | None:
        return await registered(info, self.person_id)

    @classmethod
    def of(
        cls, result: Applied[models.BirthRegistration] | ExecutionError
    ) -> RegisterNewbornPayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls.failed(result)
        return cls.applied(result, birth_certificate_number=result.record.birth_certificate_number)


@strawberry.type(description="Police registrations executed for the online service hall.")
class Mutation(IssuanceMutation):
    @strawberry.mutation(
        description="Register an approved change of ethnicity, with its history entry.",
        extensions=[permit("id_number")],
    )
    async def register_ethnicity_change(
        self,
        info: Info,
        application: Application,
        id_number: IdNumber,
        to_code: Annotated[
            str, strawberry.argument(description="GB 3304 code of the new ethnicity.")
        ],
        basis: Annotated[
            str,
            strawberry.argument(
                description="Whose ethnicity is followed: FATHER, MOTHER, STEP_PARENT or "
                "ADOPTIVE_PARENT."
            ),
        ],
        approval_number: Annotated[
            str, strawberry.argument(description="The ethnic-affairs approval number.")
        ],
        effective_on: EffectiveOn,
    ) -> RegisterEthnicityChangePayload:
        result = await execute(
            info,
            executions.register_ethnicity_change,
            application=application,
            id_number=id_number,
            to_code=to_code,
            basis=basis,
            approval_number=approval_number,
            effective_on=effective_on,
        )
        return RegisterEthnicityChangePayload.of(result)

    @strawberry.mutation(
        description="Register a person's new name, with its history entry.",
        extensions=[permit("id_number")],
    )
    async def change_name(
        self,
        info: Info,
        application: Application,
        id_number: IdNumber,
        new_name: Annotated[
            str, strawberry.argument(description="The new name, at most 40 characters.")
        ],
        effective_on: EffectiveOn,
    ) -> ChangeNamePayload:
        result = await execute(
            info,
            executions.change_name,
            application=application,
            id_number=id_number,
            new_name=new_name,
            effective_on=effective_on,
        )
        return ChangeNamePayload.of(result)

    @strawberry.mutation(
        description="Register a newborn, with its birth certificate, in a parent's household; "
        "the police allocate its citizen ID number (the payload's person.idNumber).",
        extensions=[permit("mother_id", "father_id", region=HOUSEHOLD_REGION)],
    )
    async def register_newborn(
        self,
        info: Info,
        application: Application,
        birth_certificate_number: Annotated[
            str, strawberry.argument(description="Number of the birth medical certificate.")
        ],
        name: Annotated[str, strawberry.argument(description="The child's name.")],
        sex: Annotated[Sex, strawberry.argument(description="The child's sex.")],
        birth_date: Annotated[
            date, strawberry.argument(description="Date of birth, as the certificate states it.")
        ],
        ethnicity_code: Annotated[
            str,
            strawberry.argument(description="GB 3304 code: the father's or the mother's."),
        ],
        mother_id: Annotated[str, strawberry.argument(description="The mother's ID number.")],
        household_number: Annotated[
            str,
            strawberry.argument(description="The household (a parent's) the child joins."),
        ],
        father_id: Annotated[
            str | None,
            strawberry.argument(description="The father's ID number; null if not stated."),
        ] = None,
    ) -> RegisterNewbornPayload:
        newborn = Newborn(
            birth_certificate_number=birth_certificate_number,
            name=name,
            sex=sex.value,
            birth_date=birth_date,
            ethnicity_code=ethnicity_code,
            father_id=father_id,
            mother_id=mother_id,
            household_number=household_number,
        )
        result = await execute(info, register_newborn, application=application, newborn=newborn)
        return RegisterNewbornPayload.of(result)
