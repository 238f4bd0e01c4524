"""The audit subgraph on a test log, asked as any actor, and the auditor who asks it most."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from audit.log import AuditLog
from audit.subgraph import audit_definition
from authz.actor import Actor, ActorKind
from authz.headers import ActorHeaders
from authz.keys import KeySet
from subgraph.app import create_subgraph_app
from subgraph.database import Database
from subgraph.settings import SubgraphSettings
from tests.conftest import ActorAuth

AUDITOR = Actor(subject="auditor-01", kind=ActorKind.AUDITOR, agency="audit", purpose="AUDIT")


class AuditSubgraph:
    """The audit subgraph on a test log, writing its own reads into that log."""

    def __init__(
        self, database: Database, log: AuditLog, keys: KeySet, mint: ActorHeaders, key_file: Path
    ) -> None:
        self.database = database
        self.log = log
        self.keys = keys
        self.mint = mint
        self.key_file = key_file

    async def ask(
        self, actor: Actor, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Post one operation as `actor`; return the answer."""
        settings = SubgraphSettings(
            name="audit",
            database_url=self.database.url.render_as_string(hide_password=False),
            database_schema=self.database.schema,
        )
        app = create_subgraph_app(
            audit_definition(key_files=[self.key_file]),
            settings,
            database=self.database,
            actor_keys=self.keys,
            audit_sink=self.log,
        )
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://audit",
                auth=ActorAuth(self.mint, actor, "audit"),
            ) as http:
                response = await http.post(
                    "/graphql", json={"query": query, "variables": variables}
                )
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result
