"""The social-security subgraph: insurance enrolments, employers, and the insured person."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from sqlalchemy import case
from strawberry.types import Info

from agencies.social_security import models, services
from subgraph import convert
from subgraph.context import call_service, context_of
from subgraph.entities import load_list, load_one
from subgraph.execution.name_change import name_changes_field, record_name_change_field
from subgraph.guard import BASIC, PUBLIC, Guard, Guarded, id_number_region
from subgraph.pagination import Page, page_of

# One shared ordering, so that `insurance` and `employer` of every person share one loader.
SCHEME_ORDER = {"PENSION": 0, "MEDICAL": 1, "UNEMPLOYMENT": 2}
INSURANCE_ORDER = (
    case(SCHEME_ORDER, value=models.InsuranceEnrolment.scheme),
    models.InsuranceEnrolment.starts_on,
    models.InsuranceEnrolment.number,
)


@strawberry.enum(description="A social insurance scheme.")
class InsuranceScheme(Enum):
    PENSION = strawberry.enum_value("PENSION", description="Basic old-age pension insurance.")
    MEDICAL = strawberry.enum_value("MEDICAL", description="Basic medical insurance.")
    UNEMPLOYMENT = strawberry.enum_value("UNEMPLOYMENT", description="Unemployment insurance.")


@strawberry.enum(description="Where an insurance enrolment stands.")
class EnrolmentStatus(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Contributions are being paid.")
    RECEIVING = strawberry.enum_value("RECEIVING", description="The insured receives benefits.")
    SUSPENDED = strawberry.enum_value("SUSPENDED", description="Contributions are interrupted.")


@Guarded()
@strawberry.federation.type(
    keys=["code"], description="An employer that pays social insurance for its staff."
)
class Employer:
    code: str = strawberry.field(
        description="18-character unified social credit code (GB 32100).",
        extensions=[Guard(PUBLIC)],
    )
    name: str = strawberry.field(
        description="Registered name of the employer.", extensions=[Guard(PUBLIC)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the employer's county.", extensions=[Guard(PUBLIC)]
    )

    @strawberry.field(
        description="Number of distinct persons with an active enrolment paid by the employer.",
        extensions=[Guard(PUBLIC)],
    )
    async def enrolled_count(self, info: Info) -> int:
        return await context_of(info).loaders.batched(services.insured_counts, self.code)

    @classmethod
    async def resolve_reference(cls, info: Info, code: str) -> Employer | None:
        return await load_one(info, models.Employer.code, code, cls.from_row)

    @staticmethod
    def from_row(row: models.Employer) -> Employer:
        return convert.from_row(Employer, row)


@Guarded(model=models.InsuranceEnrolment, region="region_code", subject="person_id")
@strawberry.federation.type(
    keys=["number"], description="A person's enrolment in one social insurance scheme."
)
class InsuranceEnrolment:
    number: str = strawberry.field(description="Enrolment number.", extensions=[Guard(PUBLIC)])
    scheme: InsuranceScheme = strawberry.field(
        description="Pension, medical or unemployment.", extensions=[Guard(BASIC)]
    )
    starts_on: date = strawberry.field(
        description="First day of the enrolment.", extensions=[Guard(BASIC)]
    )
    contribution_months: int = strawberry.field(
        description="Months of contributions paid.", extensions=[Guard(BASIC)]
    )
    status: EnrolmentStatus = strawberry.field(
        description="Active, receiving or suspended.", extensions=[Guard(BASIC)]
    )
    region_code: str = strawberry.field(
        description="GB/T 2260 code of the insuring county.", extensions=[Guard(BASIC)]
    )
    person_id: strawberry.Private[str]
    employer_code: strawberry.Private[str | None]

    @strawberry.field(
        description="The insured person (resolved by the police).", extensions=[Guard(BASIC)]
    )
    def person(self) -> Person:
        return Person(id_number=self.person_id)

    @strawberry.field(
        description="The employer paying the contributions; null if self-paid.",
        extensions=[Guard(BASIC)],
    )
    async def employer(self, info: Info) -> Employer | None:
        return await load_one(info, models.Employer.code, self.employer_code, Employer.from_row)

    @classmethod
    async def resolve_reference(cls, info: Info, number: str) -> InsuranceEnrolment | None:
        return await load_one(info, models.InsuranceEnrolment.number, number, cls.from_row)

    @staticmethod
    def from_row(row: models.InsuranceEnrolment) -> InsuranceEnrolment:
        return convert.from_row(
            InsuranceEnrolment,
            row,
            scheme=InsuranceScheme(row.scheme),
            status=EnrolmentStatus(row.status),
        )


async def enrolments_of(info: Info, person_id: str) -> list[InsuranceEnrolment]:
    """Load a person's enrolments in the shared order, batched with the other persons'."""
    return await load_list(
        info,
        models.InsuranceEnrolment.person_id,
        key=person_id,
        convert=InsuranceEnrolment.from_row,
        order_by=INSURANCE_ORDER,
    )


@Guarded(region=id_number_region(), subject="id_number")
@strawberry.federation.type(
    keys=["idNumber"], description="A person of the household register (owned by the police)."
)
class Person:
    id_number: str = strawberry.field(
        description="18-character citizen ID number (GB 11643).", extensions=[Guard(PUBLIC)]
    )
    social_security_name_changes = name_changes_field(models.NameChangeNotice, "social security")

    @strawberry.field(
        description="Insurance enrolments: pension, medical, unemployment, each oldest first.",
        extensions=[Guard(BASIC)],
    )
    async def insurance(self, info: Info) -> list[InsuranceEnrolment]:
        return await enrolments_of(info, self.id_number)

    @strawberry.field(
        description="The employer paying the person's active pension; null if there is none.",
        extensions=[Guard(BASIC)],
    )
    async def employer(self, info: Info) -> Employer | None:
        codes = [
            enrolment.employer_code
            for enrolment in await enrolments_of(info, self.id_number)
            if enrolment.scheme is InsuranceScheme.PENSION
            and enrolment.status is EnrolmentStatus.ACTIVE
            and enrolment.employer_code is not None
        ]
        latest = codes[-1] if codes else None
        return await load_one(info, models.Employer.code, latest, Employer.from_row)

    @classmethod
    def resolve_reference(cls, idNumber: str) -> Person:
        return cls(id_number=idNumber)


@strawberry.type(description="Social-security lookups for staff.")
class Query:
    @strawberry.field(description="An employer by unified social credit code; null if unknown.")
    async def employer(self, info: Info, code: str) -> Employer | None:
        return await load_one(info, models.Employer.code, code, Employer.from_row)

    @strawberry.field(description="An insurance enrolment by its number; null if unknown.")
    async def insurance_enrolment(self, info: Info, number: str) -> InsuranceEnrolment | None:
        return await load_one(
            info, models.InsuranceEnrolment.number, number, InsuranceEnrolment.from_row
        )

    @strawberry.field(description="Employers, optionally of one county, by code.")
    async def employers(
        self, info: Info, region_code: str | None = None, first: int = 20, after: str | None = None
    ) -> Page[Employer]:
        rows, page_info = await call_service(
            info, services.list_employers, region_code=region_code, first=first, after=after
        )
        return page_of(rows, page_info, Employer.from_row)

    @strawberry.field(description="The enrolments an employer pays for, by enrolment number.")
    async def enrolments_of_employer(
        self, info: Info, code: str, first: int = 20, after: str | None = None
    ) -> Page[InsuranceEnrolment]:
        rows, page_info = await call_service(
            info,
            services.enrolments_of_employer,
            listing=InsuranceEnrolment,
            code=code,
            first=first,
            after=after,
        )
        return page_of(rows, page_info, InsuranceEnrolment.from_row)


@strawberry.type(description="Social-security records changed for the online service hall.")
class Mutation:
    social_security_record_name_change = record_name_change_field(models.NameChangeNotice)


TYPES = [Employer, InsuranceEnrolment, Person]
