"""The hall's statistics in GraphQL, for supervisors: aggregates only, computed when asked.

`hallStatistics(regionCode)` is a record of that region: only a caller whose jurisdiction
covers the region reads its fields, and each field counts only the applications inside the
caller's jurisdiction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hall import models, statistics
from hall.service_fields import basic
from hall.service_states import FlagKind, FlagState
from hall.states import State
from hall.statistics import Window
from hall.times import beijing_day, day_start, utc_now
from subgraph.context import call_service
from subgraph.errors import BadUserInput
from subgraph.guard import BASIC, Attr, Guard, Guarded
from subgraph.resolvers import resolver
from subgraph.units import CITY_REGION

MAX_SPAN = timedelta(days=366 * 5)


@Guarded(part_of="HallStatistics")
@strawberry.type(description="A number of applications for one value, such as a service.")
class KeyCount:
    key: str = basic("The value counted, e.g. a service code or a state.")
    count: int = basic("How many applications.")


@Guarded(part_of="HallStatistics")
@strawberry.type(description="The applications of one accepting unit.")
class UnitCount:
    agency: str = basic("The unit's agency.")
    unit_code: str = basic("The unit's code.")
    count: int = basic("How many applications.")


@Guarded(part_of="HallStatistics")
@strawberry.type(description="Supervision flags of one kind in one state.")
class FlagCount:
    kind: FlagKind = basic("The problem flagged.")
    state: FlagState = basic("Where the flags stand.")
    count: int = basic("How many flags.")


@Guarded(part_of="HallStatistics")
@strawberry.type(description="Hours from submission to decision (nearest-rank percentiles).")
class DecisionTimes:
    decided: int = basic("How many applications were decided.")
    median_hours: float | None = basic("The median, in hours; null if none was decided.")
    p90_hours: float | None = basic("The 90th percentile, in hours; null if none.")


@Guarded(part_of="HallStatistics")
@strawberry.type(description="Applications past the promised deadline.")
class OverdueCounts:
    open_overdue: int = basic("Open applications past their promised day today.")
    escalated: int = basic("Applications escalated to supervisors for being late.")


@Guarded(part_of="HallStatistics")
@strawberry.type(description="The applicants' satisfaction ratings.")
class Satisfaction:
    ratings: int = basic("How many ratings were given.")
    average_stars: float | None = basic("Their average, 1 to 5; null without ratings.")


@Guarded(
    region=Attr("region_code", column=models.Application.region_code),
    unit=Attr("unit_code", column=models.Application.unit_code),
    list_class=BASIC,
)
@strawberry.type(description="Aggregates of the hall's applications in a region.")
class HallStatistics:
    region_code: str = basic("The region counted (GB/T 2260), with its counties.")
    submitted_from: date | None = basic("First day of submission counted, if limited.")
    submitted_to: date | None = basic("Last day of submission counted, if limited.")
    unit_code: strawberry.Private[str | None] = None

    def _window(self) -> Window:
        return Window(
            region_code=self.region_code,
            since=day_start(self.submitted_from) if self.submitted_from else None,
            before=day_start(self.submitted_to + timedelta(days=1)) if self.submitted_to else None,
        )

    @resolver("How many different citizens filed applications.", Guard(BASIC))
    async def applicants(self, info: Info) -> int:
        found: int = await _count(info, statistics.applicants, self._window())
        return found

    @resolver("Applications per service code.", Guard(BASIC))
    async def by_service(self, info: Info) -> list[KeyCount]:
        found = await _counts(info, self._window(), models.Application.service_code)
        return [KeyCount(key=key, count=count) for key, count in found]

    @resolver("Applications per state.", Guard(BASIC))
    async def by_state(self, info: Info) -> list[KeyCount]:
        found = await _counts(info, self._window(), models.Application.state)
        order = list(State)
        found.sort(key=lambda row: order.index(State(row[0])))
        return [KeyCount(key=key, count=count) for key, count in found]

    @resolver("Applications per accepting unit.", Guard(BASIC))
    async def by_unit(self, info: Info) -> list[UnitCount]:
        found = await _counts(
            info, self._window(), models.Application.agency, models.Application.unit_code
        )
        return [UnitCount(agency=agency, unit_code=unit, count=n) for agency, unit, n in found]

    @resolver("Hours from submission to decision.", Guard(BASIC))
    async def decision_times(self, info: Info) -> DecisionTimes:
        found = await _count(info, statistics.decision_times, self._window())
        return DecisionTimes(
            decided=found.decided, median_hours=found.median_hours, p90_hours=found.p90_hours
        )

    @resolver("Applications past the promised deadline.", Guard(BASIC))
    async def overdue(self, info: Info) -> OverdueCounts:
        today = beijing_day(utc_now())
        late, escalated = await _count(info, statistics.overdue, self._window(), today=today)
        return OverdueCounts(open_overdue=late, escalated=escalated)

    @resolver("The applicants' satisfaction ratings.", Guard(BASIC))
    async def satisfaction(self, info: Info) -> Satisfaction:
        ratings, average = await _count(info, statistics.satisfaction, self._window())
        return Satisfaction(ratings=ratings, average_stars=average)

    @resolver("Supervision flags per kind and state.", Guard(BASIC))
    async def flags(self, info: Info) -> list[FlagCount]:
        found = await _count(info, statistics.flags_by, self._window())
        return [FlagCount(kind=FlagKind(k), state=FlagState(s), count=n) for k, s, n in found]


async def _count(info: Info, aggregate: Any, window: Window, **arguments: Any) -> Any:
    return await call_service(info, aggregate, listing=HallStatistics, window=window, **arguments)


async def _counts(info: Info, window: Window, *columns: Any) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = await _count(info, statistics.counts_by, window, columns=columns)
    return found


@strawberry.type(description="The hall's statistics.")
class StatisticsQuery:
    @resolver("Aggregates of the hall's applications in a region (supervisors).")
    def hall_statistics(
        self,
        region_code: Annotated[
            str, strawberry.argument(description="GB/T 2260 region; default all of Sanming.")
        ] = CITY_REGION,
        submitted_from: Annotated[
            date | None, strawberry.argument(description="First submission day (Beijing).")
        ] = None,
        submitted_to: Annotated[
            date | None, strawberry.argument(description="Last submission day (Beijing).")
        ] = None,
    ) -> HallStatistics:
        if not (len(region_code) == 6 and region_code.isdigit()):
            raise BadUserInput("regionCode must be a 6-digit GB/T 2260 code")
        if (
            submitted_from
            and submitted_to
            and not (timedelta(0) <= submitted_to - submitted_from <= MAX_SPAN)
        ):
            raise BadUserInput("submittedTo must follow submittedFrom, within five years")
        return HallStatistics(
            region_code=region_code, submitted_from=submitted_from, submitted_to=submitted_to
        )
