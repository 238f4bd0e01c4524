"""Demo accounts and clients derived deterministically from a population (development only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import anyio.to_thread
from joserfc.jwk import ECKey
from sqlalchemy import select

from identity.keys import new_signing_key, public_key, write_private_file
from identity.models import Account, AccountKind, ClientKind, OAuthClient
from identity.passwords import DEMO, Passwords
from subgraph.database import Database
from subgraph.units import bureau_code

CITY = "350400"
DEMO_WEB_CLIENT_ID = "tongban-web"
DEMO_REDIRECT_URI = "http://127.0.0.1:8000/callback"
DEMO_POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:8000/"
DEFAULT_AGENCIES = (
    "police",
    "ethnic_affairs",
    "civil_affairs",
    "family_planning",
    "tax",
    "social_security",
)
# Parts of the platform that call the gateway as systems of their own (the web pages read the
# public catalogue for visitors who have not signed in).
SYSTEM_ONLY_AGENCIES = ("hall", "audit", "web")
# GB/T 2260 codes of Sanming and the pinyin used in demo logins.
REGIONS: dict[str, tuple[str, str]] = {
    "350400": ("sanming", "三明市"),
    "350404": ("sanyuan", "三元区"),
    "350405": ("shaxian", "沙县区"),
    "350481": ("yongan", "永安市"),
    "350421": ("mingxi", "明溪县"),
    "350423": ("qingliu", "清流县"),
    "350424": ("ninghua", "宁化县"),
    "350425": ("datian", "大田县"),
    "350426": ("youxi", "尤溪县"),
    "350428": ("jiangle", "将乐县"),
    "350429": ("taining", "泰宁县"),
    "350430": ("jianning", "建宁县"),
}
AGENCY_NAMES = {
    "police": "公安",
    "ethnic_affairs": "民族宗教事务",
    "civil_affairs": "民政",
    "family_planning": "卫生健康",
    "tax": "税务",
    "social_security": "人力资源和社会保障",
    "hall": "网上办事大厅",
    "audit": "审计",
    "web": "网上办事大厅门户",
}


@dataclass(frozen=True, slots=True)
class DemoCitizen:
    """A person of the population who gets a citizen login."""

    id_number: str
    name: str


@dataclass(frozen=True, slots=True)
class DemoUnit:
    """An agency's unit (e.g. a police station) that staff accounts can belong to."""

    agency: str
    code: str
    name: str
    region: str


@dataclass
class DemoReport:
    """What `create_demo_accounts` added."""

    accounts: int = 0
    clients: int = 0
    key_files: list[Path] = field(default_factory=list)


def demo_password(login: str) -> str:
    """Return the password of a demo account: "demo-" + its login (development only!).

    Examples: citizen `350424199001011234` signs in with `demo-350424199001011234`,
    staff `police.ninghua.officer` with `demo-police.ninghua.officer`.
    """
    return "demo-" + login


def staff_accounts(units: Sequence[DemoUnit], agencies: Sequence[str]) -> list[Account]:
    """Return one officer per agency and region, a supervisor per agency and one auditor."""
    accounts: list[Account] = []
    for agency in agencies:
        own = [unit for unit in units if unit.agency == agency] or _default_units(agency)
        by_region: dict[str, DemoUnit] = {}
        for unit in sorted(own, key=lambda u: u.code):
            by_region.setdefault(unit.region, unit)
        for region, unit in sorted(by_region.items()):
            slug = REGIONS[region][0] if region in REGIONS else region
            accounts.append(
                _staff(f"{agency}.{slug}.officer", AccountKind.STAFF, unit, ["officer"])
            )
        top = by_region.get(CITY) or by_region[min(by_region)]
        accounts.append(
            _staff(f"{agency}.sanming.supervisor", AccountKind.SUPERVISOR, top, ["supervisor"])
        )
    auditor_unit = DemoUnit("audit", bureau_code("audit", CITY), "三明市审计局", CITY)
    accounts.append(_staff("audit.sanming.auditor", AccountKind.AUDITOR, auditor_unit, ["auditor"]))
    return accounts


def citizen_account(citizen: DemoCitizen) -> Account:
    """Return the citizen login of a person: login = ID number."""
    return Account(
        login=citizen.id_number,
        kind=AccountKind.CITIZEN,
        id_number=citizen.id_number,
        display_name=citizen.name,
        roles=[],
        region=citizen.id_number[:6],
        failed_logins=0,
        disabled=False,
    )


def web_client(
    redirect_uri: str = DEMO_REDIRECT_URI,
    post_logout_redirect_uri: str = DEMO_POST_LOGOUT_REDIRECT_URI,
) -> OAuthClient:
    """Return the public web client: authorization code with PKCE, refresh tokens, sign-out."""
    return OAuthClient(
        client_id=DEMO_WEB_CLIENT_ID,
        kind=ClientKind.PUBLIC_WEB,
        display_name="通办网上办事大厅 Tongban web",
        redirect_uris=[redirect_uri],
        post_logout_redirect_uris=[post_logout_redirect_uri],
        jwks=None,
        scopes=["openid", "profile", "gateway"],
        grant_types=["authorization_code", "refresh_token"],
        agency=None,
        roles=[],
        disabled=False,
    )


def system_client(agency: str, key: ECKey) -> OAuthClient:
    """Return an agency system client that authenticates with private_key_jwt."""
    return OAuthClient(
        client_id=f"{agency}-system",
        kind=ClientKind.AGENCY_SYSTEM,
        display_name=f"{AGENCY_NAMES.get(agency, agency)}系统 {agency} system",
        redirect_uris=[],
        post_logout_redirect_uris=[],
        jwks={"keys": [public_key(key).as_dict(private=False)]},
        scopes=["gateway"],
        grant_types=["client_credentials"],
        agency=agency,
        roles=["system"],
        disabled=False,
    )


def system_client_key(key_dir: Path, client_id: str) -> ECKey:
    """Load the private key of an agency system client, creating it (0600) on first use."""
    path = key_dir / f"{client_id}.pem"
    if not path.exists():
        write_private_file(path, new_signing_key().as_pem(private=True))
    pem = path.read_bytes()
    key = ECKey.import_key(pem)
    return ECKey.import_key(pem, {"kid": key.thumbprint(), "alg": "ES256", "use": "sig"})


async def create_demo_accounts(
    database: Database,
    *,
    citizens: Iterable[DemoCitizen],
    units: Sequence[DemoUnit] = (),
    key_dir: Path,
    agencies: Sequence[str] = DEFAULT_AGENCIES,
    redirect_uri: str = DEMO_REDIRECT_URI,
    post_logout_redirect_uri: str = DEMO_POST_LOGOUT_REDIRECT_URI,
    passwords: Passwords | None = None,
) -> DemoReport:
    """Add the demo accounts and clients that do not exist yet (idempotent)."""
    # Passwords follow `demo_password`, hashed with cheap argon2id parameters; the first
    # sign-in rehashes them with the strong ones.
    hasher = passwords or Passwords(DEMO)
    report = DemoReport()
    wanted = [*staff_accounts(units, agencies), *map(citizen_account, citizens)]
    async with database.sessions() as session:
        existing = set(await session.scalars(select(Account.login)))
        fresh = [a for a in dict((a.login, a) for a in wanted).values() if a.login not in existing]

        def hash_all() -> None:
            for account in fresh:
                account.password_hash = hasher.hash(demo_password(account.login))

        await anyio.to_thread.run_sync(hash_all)
        session.add_all(fresh)
        report.accounts = len(fresh)
        clients = [web_client(redirect_uri, post_logout_redirect_uri)]
        for agency in [*agencies, *SYSTEM_ONLY_AGENCIES]:
            key = system_client_key(key_dir, f"{agency}-system")
            report.key_files.append(key_dir / f"{agency}-system.pem")
            clients.append(system_client(agency, key))
        for client in clients:
            stored = await session.get(OAuthClient, client.client_id)
            if stored is None:
                session.add(client)
                report.clients += 1
            else:
                stored.jwks = client.jwks
                stored.redirect_uris = client.redirect_uris
                stored.post_logout_redirect_uris = client.post_logout_redirect_uris
        await session.commit()
    return report


def _staff(login: str, kind: AccountKind, unit: DemoUnit, roles: list[str]) -> Account:
    place = REGIONS[unit.region][1] if unit.region in REGIONS else unit.name
    agency = AGENCY_NAMES.get(unit.agency, unit.agency)
    title = {"officer": "工作人员", "supervisor": "督办", "auditor": "审计员"}[roles[0]]
    return Account(
        login=login,
        kind=kind,
        id_number=None,
        display_name=f"{place}{agency}{title}",
        agency=unit.agency,
        unit=unit.code,
        roles=roles,
        region=unit.region,
        failed_logins=0,
        disabled=False,
    )


def _default_units(agency: str) -> list[DemoUnit]:
    """One unit per region (the city first) for an agency whose units were not given."""
    name = AGENCY_NAMES.get(agency, agency)
    return [
        DemoUnit(agency, bureau_code(agency, code), f"{place}{name}局", code)
        for code, (_, place) in REGIONS.items()
    ]
