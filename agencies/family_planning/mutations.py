"""Family planning's Mutation: the link of a birth certificate the hall's approval drives.

It runs once per hall application (subgraph/execution): a repeat answers `replayed`, a reuse
with other arguments a CONFLICT error, and only the hall's system may call it (WRITE on
BirthCertificate, see policies.csv).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from agencies.family_planning import links, models
from agencies.family_planning.schema import BirthCertificate
from subgraph.context import call_service
from subgraph.entities import load_one
from subgraph.errors import BadUserInput
from subgraph.execution import Applied, ExecutionError, error_field, execute, replayed_field
from subgraph.guard import BASIC, WRITE, Guard, Guarded, Permit
from subgraph.idnumber import is_valid_id_number


@Guarded(region="region_code", subject="child_id")
@strawberry.type(description="A birth certificate a link writes: its county and its child.")
class CertificateToLink:
    """What the kit authorizes a link against; never served.

    The county is null for an unknown certificate: only the hall's system may link at all,
    and it is told so by a typed error, so refusing it here would hide nothing.
    """

    region_code: strawberry.Private[str | None]
    child_id: strawberry.Private[str]


async def certificate_to_link(info: Info, arguments: dict[str, Any]) -> CertificateToLink:
    """The certificate a link names, with the child it links; BadUserInput for a malformed one."""
    child_id = arguments["child_id"]
    if not is_valid_id_number(child_id):
        raise BadUserInput("`childId` is not a valid 18-character citizen ID number")
    # Read directly, not through the request's loader: it would keep the certificate unlinked.
    region = await call_service(info, links.certificate_region, number=arguments["number"])
    return CertificateToLink(region_code=region, child_id=child_id)


@Guarded(part_of="BirthCertificate")
@strawberry.type(description="What linking a birth certificate to its child did.")
class LinkBirthCertificatePayload:
    replayed: bool = replayed_field()
    error: ExecutionError | None = error_field()
    linked_on: date | None = strawberry.field(
        description="The day the certificate was linked; null on failure.",
        extensions=[Guard(BASIC)],
    )
    number: strawberry.Private[str | None]

    @strawberry.field(
        description="The certificate as it stands now, registered with its child; null on failure.",
        extensions=[Guard(BASIC)],
    )
    async def certificate(self, info: Info) -> BirthCertificate | None:
        return await load_one(
            info, models.BirthCertificate.number, self.number, BirthCertificate.from_row
        )

    @classmethod
    def of(
        cls, result: Applied[models.CertificateLink] | ExecutionError
    ) -> LinkBirthCertificatePayload:
        """The payload of an execution's result."""
        if isinstance(result, ExecutionError):
            return cls(replayed=False, error=result, linked_on=None, number=None)
        return cls(
            replayed=result.replayed,
            error=None,
            linked_on=result.record.linked_on,
            number=result.record.certificate_number,
        )


@strawberry.type(description="Family-planning records executed for the online service hall.")
class Mutation:
    @strawberry.mutation(
        description="Link a birth certificate to the child the police registered (the ID "
        "number registerNewborn allocated): the certificate becomes registered.",
        extensions=[
            Permit(
                WRITE,
                type_name="BirthCertificate",
                target=certificate_to_link,
                case="application",
            )
        ],
    )
    async def link_birth_certificate(
        self,
        info: Info,
        application: Annotated[
            str,
            strawberry.argument(description="The hall application number (idempotency key)."),
        ],
        number: Annotated[
            str, strawberry.argument(description="Number of the birth medical certificate.")
        ],
        child_id: Annotated[
            str,
            strawberry.argument(description="The child's citizen ID number, as allocated."),
        ],
    ) -> LinkBirthCertificatePayload:
        result = await execute(
            info,
            links.link_birth_certificate,
            application=application,
            number=number,
            child_id=child_id,
        )
        return LinkBirthCertificatePayload.of(result)
