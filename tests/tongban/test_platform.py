"""`tongban serve` mounts every agency, seeds demo data once, and lists the subgraphs."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Generator
from pathlib import Path

import httpx
import pytest

from agencies.population import PopulationSpec, generate
from subgraph.actors import ActorHeaders
from subgraph.settings import SubgraphSettings
from tests.conftest import staff
from tongban.agencies import AGENCY_NAMES, agency_definitions
from tongban.platform import actor_key_set, create_platform_app

PAGE = '{ searchPersons(regionCode: "350424", first: 1) { items { idNumber } } }'


class SubgraphStaffAuth(httpx.Auth):
    """Signs each direct call of `/subgraphs/<name>/...` as that agency's staff."""

    def __init__(self, mint: ActorHeaders) -> None:
        self.mint = mint

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        parts = request.url.path.strip("/").split("/")
        if parts[0] == "subgraphs" and len(parts) > 2:
            request.headers.update(self.mint.headers(staff(parts[1]), parts[1]))
        yield request


@contextlib.asynccontextmanager
async def platform_client(data_dir: Path, demo_people: int) -> AsyncIterator[httpx.AsyncClient]:
    """Start the platform app (its lifespan included) on SQLite files in `data_dir`.

    Direct calls of a subgraph carry an actor token minted with the platform's key.
    """
    env = {"TONGBAN_DATA_DIR": str(data_dir)}
    definitions = agency_definitions()
    settings = [SubgraphSettings.from_env(d.name, env) for d in definitions]
    app = create_platform_app(definitions, settings, demo_people=demo_people)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        auth = SubgraphStaffAuth(app.state.actor_headers)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://tongban", auth=auth
        ) as client:
            yield client


async def test_landing_page_lists_every_subgraph(tmp_path: Path) -> None:
    # given the platform on empty SQLite files, when it starts and its page is read
    async with platform_client(tmp_path, demo_people=100) as client:
        page = await client.get("/")
    # then every agency's GraphQL endpoint is linked
    links = [f'href="/subgraphs/{name}/graphql"' for name in AGENCY_NAMES]
    assert (page.status_code, [link in page.text for link in links]) == (
        200,
        [True] * len(AGENCY_NAMES),
    )


async def test_first_start_seeds_demo_data_and_later_starts_keep_it(tmp_path: Path) -> None:
    # given a first start with 100 demo people
    async with platform_client(tmp_path, demo_people=100) as client:
        first = (await client.post("/subgraphs/police/graphql", json={"query": PAGE})).json()
    # when the platform starts again, asked for 300
    async with platform_client(tmp_path, demo_people=300) as client:
        again = (await client.post("/subgraphs/police/graphql", json={"query": PAGE})).json()
        health = (await client.get("/subgraphs/police/health")).json()
    # then the same population is served, not a second one
    assert first == again
    assert len(first["data"]["searchPersons"]["items"]) == 1
    assert health == {"status": "ok", "subgraph": "police"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("command", [["serve", "--demo-people", "60"], ["serve-subgraph", "tax"]])
def test_server_process_answers_over_http(tmp_path: Path, command: list[str]) -> None:
    # given `tongban serve` (or one subgraph alone) started as a real process, and the actor
    # key it finds under its data dir
    mint = ActorHeaders(actor_key_set(tmp_path))
    port = free_port()
    env = {**os.environ, "TONGBAN_DATA_DIR": str(tmp_path)}
    env.pop("TONGBAN_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tongban", *command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    path = "/subgraphs/tax/graphql" if command[0] == "serve" else "/graphql"
    try:
        # when it is up and asked over HTTP for its service SDL
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.post(
                    base + path,
                    json={"query": "{ _service { sdl } }"},
                    headers=mint.headers(staff("tax"), "tax"),
                )
                break
            except httpx.ConnectError:
                assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "server did not start within 30 s"
                time.sleep(0.2)
        # then it answers with the tax subgraph's SDL
        assert answer.status_code == 200
        assert "type Taxpayer" in answer.json()["data"]["_service"]["sdl"]
    finally:
        process.terminate()
        process.wait(timeout=10)


CROSS_AGENCY = """
query($id: String!) {
  person(idNumber: $id) {
    name
    household { members { idNumber } }
    marriages { number husband { name } }
    birthCertificatesAsParent { number }
    taxpayer { taxpayerNumber }
    insurance { number }
  }
}
"""


async def test_gateway_answers_a_cross_agency_query(tmp_path: Path) -> None:
    # given the platform on its demo population, and the remarried mother of its scenarios
    spec = PopulationSpec(people=100)
    units = list(generate(spec))
    unit = next(u for u in units if u.scenario == "remarried_minor")
    mother = next(p for p in unit.persons if p.id_number == unit.roles["mother"])
    household = sorted(
        p.id_number
        for u in units
        for p in u.persons
        if p.household_no == mother.household_no and p.registered
    )
    # when a client asks the gateway for her records across five agencies
    async with platform_client(tmp_path, demo_people=spec.people) as client:
        answer = (
            await client.post(
                "/graphql", json={"query": CROSS_AGENCY, "variables": {"id": mother.id_number}}
            )
        ).json()
    # then one answer joins police, civil affairs, family planning, tax and social security
    husbands = {p.id_number: p.name for p in unit.persons}
    assert answer == {
        "data": {
            "person": {
                "name": mother.name,
                "household": {"members": [{"idNumber": i} for i in household]},
                "marriages": [
                    {"number": m.number, "husband": {"name": husbands[m.husband_id]}}
                    for m in unit.marriages
                ],
                "birthCertificatesAsParent": [
                    {"number": c.number}
                    for c in unit.birth_certificates
                    if c.mother_id == mother.id_number
                ],
                "taxpayer": next(
                    (
                        {"taxpayerNumber": t.person_id}
                        for t in unit.taxpayers
                        if t.person_id == mother.id_number
                    ),
                    None,
                ),
                "insurance": [
                    {"number": e.number}
                    for e in sorted(
                        (e for e in unit.enrolments if e.person_id == mother.id_number),
                        key=lambda e: (
                            ("PENSION", "MEDICAL", "UNEMPLOYMENT").index(e.scheme),
                            e.starts_on,
                        ),
                    )
                ],
            }
        }
    }
