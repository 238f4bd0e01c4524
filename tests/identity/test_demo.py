"""Demo accounts and clients: deterministic, idempotent, private keys 0600."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import func, select

from identity.demo import (
    DEMO_REDIRECT_URI,
    DEMO_WEB_CLIENT_ID,
    DemoCitizen,
    DemoUnit,
    create_demo_accounts,
    demo_password,
    staff_accounts,
)
from identity.models import Account, AccountKind, ClientKind, OAuthClient, identity_metadata
from identity.passwords import DEMO, Passwords
from subgraph.database import Database
from subgraph.settings import sqlite_url
from tests.identity.conftest import CITIZEN, OTHER_CITIZEN, STAFF, UNITS, Provider


def test_demo_password_is_documented_and_derived() -> None:
    assert demo_password(STAFF) == "demo-police.ninghua.officer"
    assert "development only" in (demo_password.__doc__ or "")


def test_staff_logins_are_deterministic() -> None:
    first = [(a.login, a.unit, a.region, a.kind) for a in staff_accounts(UNITS, ["police", "tax"])]
    second = [(a.login, a.unit, a.region, a.kind) for a in staff_accounts(UNITS, ["police", "tax"])]
    assert first == second
    logins = {login: (unit, region, kind) for login, unit, region, kind in first}
    # Given units: the county bureau (lowest code) of each region.
    assert logins["police.ninghua.officer"] == ("350424000000", "350424", AccountKind.STAFF)
    assert logins["police.sanming.officer"][0] == "350400000000"
    assert "police.sanyuan.officer" not in logins  # no police unit given there
    assert logins["police.sanming.supervisor"] == (
        "350400000000",
        "350400",
        AccountKind.SUPERVISOR,
    )
    # No units given for tax: one per Sanming region.
    assert "tax.ninghua.officer" in logins and "tax.jianning.officer" in logins
    assert logins["audit.sanming.auditor"][2] is AccountKind.AUDITOR


async def test_demo_accounts_and_clients(provider: Provider) -> None:
    async with provider.sessions() as session:
        citizen = await session.scalar(select(Account).where(Account.login == CITIZEN))
        assert citizen is not None
        assert citizen.kind is AccountKind.CITIZEN and citizen.id_number == CITIZEN
        assert citizen.display_name == "张三" and citizen.region == "350424"
        assert citizen.password_hash is not None
        assert Passwords(DEMO).verify(citizen.password_hash, demo_password(CITIZEN))
        staff = await session.scalar(select(Account).where(Account.login == STAFF))
        assert staff is not None and staff.agency == "police" and staff.roles == ["officer"]
        web = await session.get(OAuthClient, DEMO_WEB_CLIENT_ID)
        assert web is not None and web.kind is ClientKind.PUBLIC_WEB
        assert web.redirect_uris == [DEMO_REDIRECT_URI] and web.jwks is None
        hall = await session.get(OAuthClient, "hall-system")
        assert hall is not None and hall.kind is ClientKind.AGENCY_SYSTEM
        assert hall.grant_types == ["client_credentials"]
        assert hall.jwks is not None and "d" not in hall.jwks["keys"][0]
        assert hall.jwks["keys"][0]["kid"] == provider.system_key().kid
    for path in provider.key_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_demo_creation_is_idempotent(tmp_path: Path) -> None:
    database = Database(url=sqlite_url(tmp_path / "id.db"), metadata=identity_metadata())
    await database.create_tables()
    citizens = [DemoCitizen(CITIZEN, "张三"), DemoCitizen(OTHER_CITIZEN, "李四")]
    keys = tmp_path / "clients"
    first = await create_demo_accounts(database, citizens=citizens, units=UNITS, key_dir=keys)
    assert first.accounts > 2 and first.clients == 10
    kid_before = (keys / "police-system.pem").read_bytes()
    more = [*citizens, DemoCitizen("350404198506300442", "王五")]
    again = await create_demo_accounts(database, citizens=more, units=UNITS, key_dir=keys)
    assert again.accounts == 1 and again.clients == 0
    assert (keys / "police-system.pem").read_bytes() == kid_before
    units = [DemoUnit("police", "350424510000", "翠江派出所", "350424")]
    await create_demo_accounts(database, citizens=[], units=units, key_dir=keys)
    async with database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Account)) == (
            first.accounts + 1
        )
    await database.dispose()
