"""Settings come from agency-prefixed variables, then shared ones, then defaults."""

from __future__ import annotations

import pytest

from subgraph.settings import SubgraphSettings


def test_defaults_are_a_sqlite_file_under_var() -> None:
    # given no environment, when the police settings are read
    settings = SubgraphSettings.from_env("police", {})
    # then the subgraph uses its own SQLite file and the default limits
    assert settings == SubgraphSettings(
        name="police", database_url="sqlite+aiosqlite:///var/police.db"
    )


def test_agency_prefix_wins_over_shared_variables() -> None:
    # given a shared PostgreSQL URL and a tax-only depth limit
    env = {
        "TONGBAN_DATABASE_URL": "postgresql://db.internal/tongban",
        "TONGBAN_TAX_MAX_DEPTH": "8",
        "TONGBAN_MAX_DEPTH": "20",
    }
    # when the tax settings are read
    settings = SubgraphSettings.from_env("tax", env)
    # then tax gets its own schema on the shared server and its own limit
    assert settings == SubgraphSettings(
        name="tax",
        database_url="postgresql+asyncpg://db.internal/tongban",
        database_schema="tax",
        max_depth=8,
    )


@pytest.mark.parametrize("value", ["deep", "0", "-3"])
def test_bad_numbers_are_refused(value: str) -> None:
    # given a limit that is not a positive whole number, then reading the settings fails
    with pytest.raises(ValueError, match="expected a"):
        SubgraphSettings.from_env("police", {"TONGBAN_MAX_DEPTH": value})
