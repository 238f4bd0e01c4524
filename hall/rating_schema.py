"""Ratings in GraphQL: the applicant rates a closed application; the unit reads its ratings.

`RatingQuery` and `RatingMutation` are inherited by the hall's Query and Mutation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from hall import service_models as rows
from hall.ratings import rate
from hall.service_fields import basic
from hall.targets import filed_application_target
from hall.times import utc_now
from subgraph import convert
from subgraph.context import call_service, context_of
from subgraph.entities import load_one
from subgraph.guard import PUBLIC, WRITE, Guard, Guarded
from subgraph.guard.permit import Permit
from subgraph.resolvers import mutation, resolver


@Guarded(model=rows.Rating, region="region_code", unit="unit_code", subject="rater_id")
@strawberry.type(description="The applicant's satisfaction rating of a closed application.")
class ServiceRating:
    application_number: str = strawberry.field(
        description="The application rated.", extensions=[Guard(PUBLIC)]
    )
    stars: int = basic("1 (very dissatisfied) to 5 (very satisfied).")
    comment: str | None = basic("The applicant's comment, if any.")
    rated_at: datetime = basic("When the rating was given.")
    rater_id: strawberry.Private[str]
    region_code: strawberry.Private[str]
    unit_code: strawberry.Private[str]

    @staticmethod
    def from_row(row: rows.Rating) -> ServiceRating:
        return convert.from_row(ServiceRating, row, rated_at=row.rated_at)


@Guarded(part_of="ServiceRating")
@strawberry.type(description="What rating did.")
class RatePayload:
    rating: ServiceRating | None = basic("The rating, as recorded.")


@strawberry.type(description="Rating lookups.")
class RatingQuery:
    @resolver("The rating of an application; null until its applicant rated it.")
    async def rating(
        self,
        info: Info,
        application_number: Annotated[
            str, strawberry.argument(description="The application's number.")
        ],
    ) -> ServiceRating | None:
        return await load_one(
            info, rows.Rating.application_number, application_number, ServiceRating.from_row
        )


@strawberry.type(description="Rating the service.")
class RatingMutation:
    @mutation(
        "Rate a closed application, once (its applicant only).",
        Permit(WRITE, type_name="ServiceRating", target=filed_application_target),
    )
    async def rate_application(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The application's number.")],
        stars: Annotated[int, strawberry.argument(description="1 to 5 stars.")],
        comment: Annotated[
            str | None, strawberry.argument(description="An optional comment (500 characters).")
        ] = None,
    ) -> RatePayload:
        rating = await call_service(
            info,
            rate,
            number=number,
            rater_id=context_of(info).actor.subject,
            stars=stars,
            comment=comment,
            now=utc_now(),
        )
        return RatePayload(rating=ServiceRating.from_row(rating))
