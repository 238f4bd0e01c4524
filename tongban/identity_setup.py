"""The embedded identity provider of the platform: its settings, its demo accounts, and the
gateway's authenticator that trusts it (and refuses the access tokens it revoked).

On a first start with a demo population the provider gets the demo accounts: every
registered person of the police register (login = ID number), staff and supervisors of every
agency, the auditor, the web client and the agency system clients.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.routing import Mount

from agencies.police.models import Person
from agencies.population.codes import police_units
from gateway.auth.authenticate import Authenticator, LookupUnavailable, RevocationCheck
from gateway.auth.config import AuthConfig, IssuerConfig
from gateway.engine import Engine
from identity.demo import (
    AGENCY_NAMES,
    DEFAULT_AGENCIES,
    REGIONS,
    DemoCitizen,
    DemoUnit,
    create_demo_accounts,
)
from identity.denylist import AccessDenylist
from identity.settings import ISSUER_PATH, IdentitySettings
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.units import bureau_code
from tongban.cases import case_resolver
from tongban.guardianship import wards_resolver

logger = logging.getLogger("tongban")

# Where the embedded identity provider is mounted (the issuer's path).
IDENTITY_PATH = ISSUER_PATH


def platform_identity_settings(
    data_dir: Path, environ: Mapping[str, str] | None = None
) -> IdentitySettings:
    """The embedded provider's settings (TONGBAN_IDENTITY_*, TONGBAN_*), under `data_dir`.

    With the same environment and data dir, `tongban token` reads the same database and keys.
    """
    env = dict(os.environ if environ is None else environ)
    env["TONGBAN_IDENTITY_DATA_DIR"] = str(data_dir)
    return IdentitySettings.from_env(env)


def demo_units() -> list[DemoUnit]:
    """The units demo staff belong to: the police's real organs, one bureau per region elsewhere.

    Codes follow subgraph/units.py (the tax bureau's units are its tax offices, `1` + county +
    `00`, as on its taxpayers).
    """
    units = [DemoUnit("police", u.code, u.name, u.region_code) for u in police_units()]
    for agency in DEFAULT_AGENCIES:
        if agency == "police":
            continue
        for region, (_, place) in REGIONS.items():
            code = bureau_code(agency, region)
            units.append(DemoUnit(agency, code, f"{place}{AGENCY_NAMES[agency]}局", region))
    return units


async def registered_citizens(police: Database) -> list[DemoCitizen]:
    """Every person of the police register, as a citizen login (login = ID number)."""
    async with police.sessions() as session:
        rows = await session.execute(select(Person.id_number, Person.name))
        return [DemoCitizen(id_number, name) for id_number, name in rows]


async def prepare_identity(
    settings: IdentitySettings,
    database: Database,
    agencies: Sequence[tuple[SubgraphDefinition, Database]],
    *,
    demo_people: int,
) -> None:
    """Create the provider's tables and, with a demo population, its demo accounts once."""
    await database.create_tables()
    if not demo_people or settings.is_production or not await database.is_empty():
        return
    police = next((db for d, db in agencies if d.name == "police"), None)
    citizens = await registered_citizens(police) if police is not None else []
    # The web pages live at the platform's root, on the issuer's scheme, host and port.
    issuer = urlsplit(settings.issuer)
    origin = f"{issuer.scheme}://{issuer.netloc}"
    report = await create_demo_accounts(
        database,
        citizens=citizens,
        units=demo_units(),
        key_dir=settings.client_key_dir,
        redirect_uri=f"{origin}/callback",
        post_logout_redirect_uri=f"{origin}/",
    )
    logger.info(
        "first start: %d demo accounts and %d clients (password: demo-<login>)",
        report.accounts,
        report.clients,
    )


def platform_authenticator(
    settings: IdentitySettings, identity_app: Starlette, engine: Engine
) -> Authenticator:
    """Trust the embedded provider (keys, revocations: in process); resolve wards; check cases."""
    path = urlsplit(settings.issuer).path.rstrip("/")
    keys_app = Starlette(routes=[Mount(path, app=identity_app)]) if path else identity_app
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=keys_app))
    issuer = IssuerConfig(
        settings.issuer, settings.audience, jwks_url=settings.endpoint("/jwks.json")
    )
    return Authenticator(
        AuthConfig(issuers=(issuer,)),
        client=client,
        wards=wards_resolver(engine),
        cases=case_resolver(engine),
        revoked=revocation_check(identity_app.state.access_denylist),
    )


def revocation_check(denylist: AccessDenylist) -> RevocationCheck:
    """Ask the provider's denylist; while its database cannot answer, calls are refused (503)."""

    async def is_revoked(jti: str) -> bool:
        try:
            return await denylist.is_revoked(jti)
        except (SQLAlchemyError, OSError) as error:
            raise LookupUnavailable("the revoked access tokens could not be read") from error

    return is_revoked
