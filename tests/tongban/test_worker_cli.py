"""`tongban worker`: runs the hall's queue from its own process, and says what is wrong."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hall.calendar import default_calendar
from hall.catalogue import service_of
from hall.models import Job
from hall.submission import submit
from identity.keys import new_signing_key, write_private_file
from subgraph.database import Database
from subgraph.settings import SubgraphSettings
from tongban.agencies import hall_definition
from tongban.cli import main

ADULT = "350424200701010011"


@pytest.fixture
def hall_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hall's SQLite file and a client key in a fresh folder; no gateway listening."""
    monkeypatch.delenv("TONGBAN_DATABASE_URL", raising=False)
    monkeypatch.setenv("TONGBAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TONGBAN_HALL_GATEWAY_URL", "http://127.0.0.1:9/graphql")
    monkeypatch.setenv("TONGBAN_HALL_TOKEN_URL", "http://127.0.0.1:9/identity/token")
    key = tmp_path / "hall-system.pem"
    write_private_file(key, new_signing_key().as_pem(private=True))
    monkeypatch.setenv("TONGBAN_HALL_CLIENT_KEY", str(key))
    return tmp_path


def _hall_database() -> Database:
    settings = SubgraphSettings.from_env("hall")
    return hall_definition().database(settings.database_url, settings.database_schema)


async def _submit_one() -> str:
    """Submit an application, which queues its verification."""
    database = _hall_database()
    service = service_of("ETHNICITY_CHANGE_ADULT")
    assert service is not None
    try:
        await database.create_tables()
        async with database.sessions() as session:
            submitted = await submit(
                session=session,
                service=service,
                calendar=default_calendar(),
                applicant_id=ADULT,
                subject_id=ADULT,
                details={"target_ethnic_group": "22", "basis": "MOTHER", "reason": "随母亲"},
                delivery="ELECTRONIC",
                idempotency_key="worker-cli-0001",
                now=datetime.now(UTC),
            )
            return submitted.application.number
    finally:
        await database.dispose()


async def _jobs() -> list[tuple[str, int, bool]]:
    database = _hall_database()
    try:
        async with database.sessions() as session:
            jobs = (await session.scalars(select(Job))).all()
            return [(job.key, job.attempts, job.done_at is None) for job in jobs]
    finally:
        await database.dispose()


def test_one_round_runs_a_due_job_and_keeps_it_for_later_when_the_gateway_is_down(
    hall_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a submitted application, its verification queued, and no gateway answering
    number = asyncio.run(_submit_one())
    # When one round of the worker runs
    status = main(["worker", "--once"])
    # Then the job was tried, failed, and waits for its next attempt, the acceptance notice
    # went out, and the round says so
    assert (status, capsys.readouterr().out) == (
        0,
        "jobs 1 (failed 1), notices 1, escalated 0\n",
    )
    assert asyncio.run(_jobs()) == [(number, 1, True)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["worker", "--interval", "0"], "--interval must be between 0.05 and 60 seconds"),
        (["worker", "--interval", "nan"], "--interval must be between 0.05 and 60 seconds"),
    ],
)
def test_bad_options_exit_2_with_a_reason(
    hall_env: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    # When the worker is started with an impossible interval
    with pytest.raises(SystemExit) as exit_:
        main(arguments)
    # Then it exits 2 and says why
    assert (exit_.value.code, capsys.readouterr().err) == (2, f"tongban: error: {message}\n")


def test_a_missing_client_key_is_named(
    hall_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given a client key path where no key is
    missing = hall_env / "nowhere.pem"
    monkeypatch.setenv("TONGBAN_HALL_CLIENT_KEY", str(missing))
    # When the worker starts
    with pytest.raises(SystemExit) as exit_:
        main(["worker", "--once"])
    # Then it refuses, naming the path
    assert (exit_.value.code, capsys.readouterr().err) == (
        2,
        f"tongban: error: the hall's client key {missing} does not exist\n",
    )
