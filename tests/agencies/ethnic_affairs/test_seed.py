"""Invariants of the seeded ethnic-affairs records against the police register."""

from __future__ import annotations

from sqlalchemy import select

from agencies.ethnic_affairs import models
from agencies.police import models as police
from agencies.population.codes import ETHNIC_GROUPS
from tests.conftest import Platform


async def test_all_56_ethnic_groups_are_seeded_once(platform: Platform) -> None:
    # given the seeded ethnic-affairs database
    async with platform.databases["ethnic_affairs"].engine.connect() as connection:
        # when the catalogue is read
        rows = (await connection.execute(select(models.EthnicGroup.__table__))).all()
    # then it holds the 56 GB 3304 groups, each code once
    codes = [row.code for row in rows]
    assert len(codes) == len(set(codes)) == 56
    assert sorted((row.code, row.name_zh, row.name_en) for row in rows) == list(ETHNIC_GROUPS)


async def test_changed_persons_are_registered_with_their_latest_ethnicity(
    platform: Platform,
) -> None:
    # given every seeded ethnicity change, latest last per person
    async with platform.databases["ethnic_affairs"].engine.connect() as connection:
        changes = (
            await connection.execute(
                select(models.EthnicityChange.__table__).order_by(
                    models.EthnicityChange.decided_on, models.EthnicityChange.number
                )
            )
        ).all()
    latest = {change.person_id: change.to_code for change in changes}
    # when the police register is read for those persons
    async with platform.databases["police"].engine.connect() as connection:
        registered = dict(
            (
                await connection.execute(
                    select(police.Person.id_number, police.Person.ethnicity_code).where(
                        police.Person.id_number.in_(latest)
                    )
                )
            ).all()
        )
    # then each is registered, with the ethnicity of their latest change
    assert changes, "the test population has no ethnicity change"
    assert registered == latest
