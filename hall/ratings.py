"""Satisfaction ratings (好差评): the applicant rates a closed application once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hall.free_text import clean_text
from hall.models import Application
from hall.service_models import Rating
from hall.states import State
from subgraph.errors import BadUserInput

MIN_STARS, MAX_STARS = 1, 5
MAX_COMMENT = 500


async def rate(
    *,
    session: AsyncSession,
    number: str,
    rater_id: str,
    stars: int,
    comment: str | None,
    now: datetime,
) -> Rating:
    """Record the applicant's rating of a closed application; a second rating is refused."""
    if not MIN_STARS <= stars <= MAX_STARS:
        raise BadUserInput(f"a rating is {MIN_STARS} to {MAX_STARS} stars, not {stars}")
    text = clean_text(comment, what="the comment", max_length=MAX_COMMENT, required=False)
    application = await session.get(Application, number, populate_existing=True)
    if application is None:
        raise BadUserInput(f"no application {number}")
    if application.applicant_id != rater_id:
        raise BadUserInput("only the applicant who filed the application rates it")
    if application.state != State.CLOSED.value:
        raise BadUserInput(f"application {number} is {application.state}; rate it once closed")
    if await session.get(Rating, number) is not None:
        raise BadUserInput(f"application {number} was rated already")
    rating = Rating(
        application_number=number,
        rater_id=rater_id,
        stars=stars,
        comment=text,
        region_code=application.region_code,
        unit_code=application.unit_code,
        rated_at=now,
    )
    session.add(rating)
    try:
        await session.commit()
    except IntegrityError:
        # Rated at the same moment from another tab: the first rating stands.
        await session.rollback()
        raise BadUserInput(f"application {number} was rated already") from None
    return rating
