"""Each agency's federation SDL matches its reviewed snapshot.

Run with TONGBAN_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from subgraph.schema import build_schema, federation_sdl
from subgraph.settings import SubgraphSettings
from tongban.agencies import AGENCY_NAMES, definition_of

SNAPSHOTS = Path(__file__).with_name("snapshots")


@pytest.mark.parametrize("name", AGENCY_NAMES)
async def test_sdl_matches_snapshot(name: str) -> None:
    # given an agency's schema, when its federation SDL is printed
    sdl = federation_sdl(definition_of(name)) + "\n"
    snapshot = SNAPSHOTS / f"{name}.graphql"
    if os.environ.get("TONGBAN_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(sdl, encoding="utf-8")
    # then it is exactly the reviewed snapshot
    assert sdl == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", AGENCY_NAMES)
async def test_every_field_has_a_description(name: str) -> None:
    # given an agency's schema, then every field outside federation's own has a description
    schema = build_schema(
        definition_of(name),
        SubgraphSettings(name=name, database_url="sqlite+aiosqlite:///:memory:"),
    )._schema
    missing = [
        f"{type_name}.{field_name}"
        for type_name, graphql_type in schema.type_map.items()
        if not type_name.startswith("_") and hasattr(graphql_type, "fields")
        for field_name, field in graphql_type.fields.items()
        if not field_name.startswith("_") and not field.description
    ]
    assert missing == []
