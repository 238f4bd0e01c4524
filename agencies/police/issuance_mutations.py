"""The police's mutations that issue something for the hall: a card, a household, a certificate.

The police's Mutation inherits them; like its registrations, each runs once per hall
application and only the hall's system may call it (WRITE on Person).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from agencies.police import models
from agencies.police.certificates import issue_certificate
from agencies.police.idcards import reissue_id_card
from agencies.police.issuance_types import (
    HouseholdTransfer,
    IdCardLossReason,
    PoliceCertificate,
    PoliceCertificateKind,
)
from agencies.police.mutation_arguments import Application, IdNumber, PersonChangePayload, permit
from agencies.police.schema import IdCard
from agencies.police.transfers import transfer_household
from subgraph.entities import load_one
from subgraph.execution import Applied, ExecutionError, execute
from subgraph.guard import SENSITIVE, Guard, Guarded


@Guarded(part_of="Person")
@strawberry.type(description="What reissuing an identity card did.")
class ReissueIdCardPayload(PersonChangePayload):
    serial: strawberry.Private[str | None] = None

    @strawberry.field(
        description="The new card: serial, issue day, validity; null on failure.",
        extensions=[Guard(SENSITIVE)],
    )
    async def card(self, info: Info) -> IdCard | None:
        return await load_one(info, models.IdCard.serial, self.serial, IdCard.from_row)

    @classmethod
    def of(cls, result: Applied[models.IdCardReissue] | ExecutionError) -> ReissueIdCardPayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls.failed(result)
        return cls.applied(result, serial=result.record.serial)


@Guarded(part_of="Person")
@strawberry.type(description="What transferring a household registration did.")
class TransferHouseholdPayload(PersonChangePayload):
    transfer: HouseholdTransfer | None = strawberry.field(
        default=None,
        description="The transfer, with its two documents; null on failure.",
        extensions=[Guard(SENSITIVE)],
    )

    @classmethod
    def of(
        cls, result: Applied[models.HouseholdTransfer] | ExecutionError
    ) -> TransferHouseholdPayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls.failed(result)
        return cls.applied(result, transfer=HouseholdTransfer.from_row(result.record))


@Guarded(part_of="Person")
@strawberry.type(description="What issuing a certificate did.")
class IssueCertificatePayload(PersonChangePayload):
    certificate: PoliceCertificate | None = strawberry.field(
        default=None,
        description="The certificate issued; null on failure.",
        extensions=[Guard(SENSITIVE)],
    )

    @classmethod
    def of(
        cls, result: Applied[models.PoliceCertificate] | ExecutionError
    ) -> IssueCertificatePayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls.failed(result)
        return cls.applied(result, certificate=PoliceCertificate.from_row(result.record))


@strawberry.type(description="Cards, households and certificates issued for the hall.")
class IssuanceMutation:
    @strawberry.mutation(
        description="Reissue a lost or stolen identity card: the valid card takes the reason as "
        "its status, and the county bureau issues a new one, valid by the holder's age.",
        extensions=[permit("id_number")],
    )
    async def reissue_id_card(
        self,
        info: Info,
        application: Application,
        id_number: IdNumber,
        reason: Annotated[
            IdCardLossReason, strawberry.argument(description="Whether it was lost or stolen.")
        ],
        lost_on: Annotated[
            date | None,
            strawberry.argument(description="The day it was lost, if known (today at the latest)."),
        ] = None,
    ) -> ReissueIdCardPayload:
        result = await execute(
            info,
            reissue_id_card,
            application=application,
            id_number=id_number,
            reason=reason.value,
            lost_on=lost_on,
        )
        return ReissueIdCardPayload.of(result)

    @strawberry.mutation(
        description="Transfer a person's household registration to another county of Sanming: "
        "they head a new household there; the permit to move in and the transfer certificate "
        "are numbered.",
        extensions=[permit("id_number")],
    )
    async def transfer_household(
        self,
        info: Info,
        application: Application,
        id_number: IdNumber,
        destination_region: Annotated[
            str, strawberry.argument(description="GB/T 2260 code of the county moved to.")
        ],
        destination_address: Annotated[
            str, strawberry.argument(description="The address moved to, at most 200 characters.")
        ],
    ) -> TransferHouseholdPayload:
        result = await execute(
            info,
            transfer_household,
            application=application,
            id_number=id_number,
            destination_region=destination_region,
            destination_address=destination_address,
        )
        return TransferHouseholdPayload.of(result)

    @strawberry.mutation(
        description="Issue a certificate (or a new household booklet) to a person, from the "
        "county bureau of their registered county.",
        extensions=[permit("id_number")],
    )
    async def issue_certificate(
        self,
        info: Info,
        application: Application,
        id_number: IdNumber,
        kind: Annotated[
            PoliceCertificateKind, strawberry.argument(description="What is to be issued.")
        ],
    ) -> IssueCertificatePayload:
        result = await execute(
            info, issue_certificate, application=application, id_number=id_number, kind=kind.value
        )
        return IssueCertificatePayload.of(result)
