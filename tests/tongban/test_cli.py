"""`tongban seed` fills every agency, refuses to mix populations, and rejects bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from tongban.agencies import AGENCY_NAMES
from tongban.cli import main


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every agency at SQLite files in a fresh folder."""
    monkeypatch.delenv("TONGBAN_DATABASE_URL", raising=False)
    monkeypatch.setenv("TONGBAN_DATA_DIR", str(tmp_path))
    return tmp_path


def test_seed_writes_every_agency(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # given empty agency databases, when 80 people are seeded
    status = main(["seed", "--people", "80", "--seed", "5", "--as-of", "2026-11-01", "--quiet"])
    # then it succeeds, reports every agency, and each has its SQLite file
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("seeded 80 people in ")
    assert [line.split(":")[0].strip() for line in out.splitlines()[1:]] == list(AGENCY_NAMES)
    assert sorted(p.name for p in data_dir.glob("*.db")) == sorted(f"{n}.db" for n in AGENCY_NAMES)


def test_seed_refuses_to_mix_populations_unless_reset(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a seeded platform
    assert main(["seed", "--people", "70", "--quiet"]) == 0
    capsys.readouterr()
    # when it is seeded again, without and then with --reset
    refused = main(["seed", "--people", "70", "--quiet"])
    message = capsys.readouterr().err
    replaced = main(["seed", "--people", "75", "--quiet", "--reset"])
    # then the first is refused with advice, the second replaces the population
    assert (refused, replaced) == (1, 0)
    assert "already holds data; pass --reset to replace it" in message
    assert "seeded 75 people" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["seed", "--people", "0"], "argument --people: expected a number greater than 0, got 0"),
        (["seed", "--people", "many"], "argument --people: expected a whole number, got 'many'"),
        (["seed", "--people", "5", "--as-of", "yesterday"], "argument --as-of: invalid"),
        (["serve-subgraph", "border_control", "--port", "9000"], "argument name: invalid choice"),
        (["serve", "--port", "-1"], "argument --port: expected a number greater than 0"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_bad_options_exit_2_with_a_reason(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a malformed command line, when tongban runs, then it exits 2 and says why
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert (exited.value.code, message in capsys.readouterr().err) == (2, True)


def test_bad_environment_is_reported_not_raised(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a limit in the environment that is not a number
    monkeypatch.setenv("TONGBAN_MAX_DEPTH", "deep")
    # when a command reads the settings, then it exits 2 with the reason
    with pytest.raises(SystemExit) as exited:
        main(["seed", "--people", "5", "--quiet"])
    assert (exited.value.code, capsys.readouterr().err) == (
        2,
        "tongban: error: expected a whole number, got 'deep'\n",
    )
