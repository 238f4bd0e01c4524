"""One agency's subgraph in its own process (`tongban serve-subgraph`), keys and audit wired."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Mount

from subgraph.app import create_subgraph_app
from subgraph.definition import SubgraphDefinition
from subgraph.settings import SubgraphSettings
from tongban.actor_keys import local_development_actor, standalone_actor_keys
from tongban.audit_sink import PlatformAudit


def create_standalone_subgraph_app(
    definition: SubgraphDefinition,
    settings: SubgraphSettings,
    environ: Mapping[str, str] | None = None,
) -> Starlette:
    """One agency's subgraph in its own process (`tongban serve-subgraph`), keys and audit wired."""
    access_log = PlatformAudit.from_env(environ)
    app = create_subgraph_app(
        definition,
        settings,
        actor_keys=standalone_actor_keys(settings, environ),
        development_actor=local_development_actor(definition.name),
        audit_sink=access_log,
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await access_log.start()
        try:
            async with app.router.lifespan_context(app):
                yield
        finally:
            await access_log.close()

    wrapper = Starlette(routes=[Mount("", app=app)], lifespan=lifespan)
    wrapper.state.audit = access_log
    return wrapper
