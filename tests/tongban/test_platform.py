"""`tongban serve` mounts every agency, seeds demo data once, and lists the subgraphs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import orjson
import pytest

from agencies.population import PopulationSpec, generate
from authz.headers import ActorHeaders
from gateway.safelist import Safelist, document_id
from tests.conftest import staff
from tests.tongban.platform import SUPERVISOR, bearer, platform_client, running_platform
from tongban.actor_keys import actor_key_set
from tongban.agencies import AGENCY_NAMES
from tongban.cli import main
from web.citizen_operations import (
    CITIZEN_DATA_TRACKER,
    CITIZEN_OPERATIONS,
    CITIZEN_PERSON,
    CITIZEN_WARDS,
)

PAGE = '{ searchPersons(regionCode: "350424", first: 1) { items { idNumber } } }'


async def test_landing_page_lists_every_subgraph(tmp_path: Path) -> None:
    # given the platform on empty SQLite files, when it starts and its page is read
    async with platform_client(tmp_path, demo_people=100) as client:
        page = await client.get("/platform")
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


def wait_for(process: subprocess.Popen[bytes], ask: Callable[[], httpx.Response]) -> httpx.Response:
    """Ask until the server answers (30 s at most)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return ask()
        except httpx.ConnectError:
            assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "server did not start within 30 s"
            time.sleep(0.2)


@pytest.mark.parametrize("command", [["serve", "--demo-people", "60"], ["serve-subgraph", "tax"]])
def test_server_process_answers_over_http(tmp_path: Path, command: list[str]) -> None:
    # given `tongban serve` (or one subgraph alone) started as a real process, and the actor
    # key it finds under its data dir
    mint = ActorHeaders(actor_key_set(tmp_path))
    port = free_port()
    env = {**os.environ, "TONGBAN_DATA_DIR": str(tmp_path)}
    for name in ("TONGBAN_DATABASE_URL", "TONGBAN_IDENTITY_DATABASE_URL"):
        env.pop(name, None)
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
        answer = wait_for(
            process,
            lambda: httpx.post(
                base + path,
                json={"query": "{ _service { sdl } }"},
                headers=mint.headers(staff("tax"), "tax"),
            ),
        )
        # then it answers with the tax subgraph's SDL
        assert answer.status_code == 200
        assert "type Taxpayer" in answer.json()["data"]["_service"]["sdl"]
        if command[0] == "serve":
            # and its gateway accepts the token `tongban token` prints with the same settings
            token = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tongban",
                    "token",
                    "--user",
                    SUPERVISOR,
                    "--port",
                    str(port),
                ],
                env=env,
                capture_output=True,
                check=True,
                text=True,
            ).stdout.strip()
            query = {"query": PAGE}
            refused = httpx.post(base + "/graphql", json=query)
            accepted = httpx.post(base + "/graphql", json=query, headers=bearer(token))
            assert refused.status_code == 401
            assert accepted.status_code == 200
            assert len(accepted.json()["data"]["searchPersons"]["items"]) == 1
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
    # when the online service hall's system, with a token of the embedded provider, asks the
    # gateway for her records across five agencies to verify a service application
    async with running_platform(tmp_path, demo_people=spec.people) as platform:
        token = await platform.system_token("hall")
        answer = (
            await platform.client.post(
                "/graphql",
                json={"query": CROSS_AGENCY, "variables": {"id": mother.id_number}},
                headers={**bearer(token, "SERVICE_APPLICATION"), "tongban-case": "SQ-2026-0001"},
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


async def test_gateway_refuses_calls_without_a_token_and_serves_the_provider(
    tmp_path: Path,
) -> None:
    # given the platform, when the gateway is called without a token and the embedded
    # provider's discovery document is read
    async with running_platform(tmp_path, demo_people=60) as platform:
        refused = await platform.client.post("/graphql", json={"query": PAGE})
        discovery = await platform.client.get("/identity/.well-known/openid-configuration")
        keys = await platform.client.get("/identity/jwks.json")
        issuer = platform.identity.issuer
    # then the gateway answers 401, and the provider names its issuer and keys
    assert (refused.status_code, refused.json()) == (
        401,
        {
            "errors": [
                {
                    "message": "Authentication required: missing bearer token.",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ]
        },
    )
    assert discovery.status_code == 200
    assert (discovery.json()["issuer"], discovery.json()["jwks_uri"]) == (
        issuer,
        issuer + "/jwks.json",
    )
    assert keys.status_code == 200 and keys.json()["keys"]


async def test_demo_accounts_are_made_once_from_the_police_register(tmp_path: Path) -> None:
    # given a first start with 60 demo people, and a second start asked for more
    registered = [
        p.id_number for u in generate(PopulationSpec(people=60)) for p in u.persons if p.registered
    ]
    async with running_platform(tmp_path, demo_people=60) as platform:
        first = await platform.token(registered[0])
    async with running_platform(tmp_path, demo_people=300) as platform:
        # when registered citizens, a supervisor and an agency system get tokens
        again = await platform.token(registered[-1])
        supervisor = await platform.token(SUPERVISOR)
        hall = await platform.system_token("hall")
        me = await platform.client.post(
            "/graphql",
            json={"query": CITIZEN_PERSON, "variables": {"idNumber": registered[-1]}},
            headers=bearer(again, None),
        )
        with pytest.raises(ValueError, match="no active account"):
            await platform.token("tongban.nobody")
    # then each of them exists, and the citizen reads their own record through the gateway
    # with the portal's CitizenPerson
    assert all((first, again, supervisor, hall))
    assert me.status_code == 200
    person = me.json()["data"]["person"]
    assert person["idNumber"] == registered[-1]
    assert person["name"] and person["birthDate"] and person["household"]["address"]
    # (relatives named in their file may be refused, never a field of their own record)
    assert all(len(e["path"]) > 2 for e in me.json().get("errors", ()))


def test_safelist_prints_the_citizen_operations_as_a_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # when `tongban safelist` prints the manifest and writes it to a file
    assert main(["safelist"]) == 0
    printed = orjson.loads(capsys.readouterr().out)
    assert main(["safelist", "--output", str(tmp_path / "manifest.json")]) == 0
    # then it is an Apollo persisted-query manifest of the portal's operations, each id the
    # SHA-256 of its body, and the file holds the same manifest
    assert (printed["format"], printed["version"]) == ("apollo-persisted-query-manifest", 1)
    assert [(o["id"], o["body"], o["type"]) for o in printed["operations"]] == [
        (document_id(body), body, "query") for body in CITIZEN_OPERATIONS
    ]
    assert orjson.loads((tmp_path / "manifest.json").read_bytes()) == printed
    assert Safelist.from_manifest(tmp_path / "manifest.json").manifest() == printed


async def test_gateway_runs_a_citizens_persisted_operation_by_its_id(tmp_path: Path) -> None:
    # given the platform, the grandmother guardian of its scenarios signed in, and the ids
    # `tongban safelist` prints
    spec = PopulationSpec(people=100)
    unit = next(u for u in generate(spec) if u.scenario == "grandparent_guardian")
    guardian, ward = unit.roles["guardian"], unit.roles["child"]
    ids = {body: document_id(body) for body in CITIZEN_OPERATIONS}
    async with running_platform(tmp_path, demo_people=spec.people) as platform:
        token = await platform.token(guardian)
        # when she lists her wards by documentId, and reads her tracker by its APQ hash
        wards = await platform.client.post(
            "/graphql",
            json={"documentId": ids[CITIZEN_WARDS], "variables": {"idNumber": guardian}},
            headers=bearer(token, None),
        )
        tracker = await platform.client.get(
            "/graphql",
            params={
                "extensions": orjson.dumps(
                    {"persistedQuery": {"version": 1, "sha256Hash": ids[CITIZEN_DATA_TRACKER]}}
                ).decode(),
                "variables": '{"first": 1}',
            },
            headers={**bearer(token, None), "apollo-require-preflight": "true"},
        )
        # and when a supervisor sends an ad-hoc query
        supervisor = await platform.token(SUPERVISOR)
        staff_page = await platform.client.post(
            "/graphql", json={"query": PAGE}, headers=bearer(supervisor)
        )
    # then the gateway runs both of hers, and staff are not held to the safelist
    assert (wards.status_code, wards.json()) == (
        200,
        {
            "data": {
                "person": {
                    "idNumber": guardian,
                    "children": [],
                    "wards": [
                        {
                            "ward": {
                                "idNumber": ward,
                                "name": next(p.name for p in unit.persons if p.id_number == ward),
                                "birthDate": next(
                                    p.birth_date.isoformat()
                                    for p in unit.persons
                                    if p.id_number == ward
                                ),
                            }
                        }
                    ],
                }
            }
        },
    )
    assert tracker.status_code == 200 and "errors" not in tracker.json()
    # (her own reads are not in her tracker; the gateway's lookup of her ward is)
    assert len(tracker.json()["data"]["myDataTracker"]["items"]) == 1
    assert staff_page.status_code == 200
    assert len(staff_page.json()["data"]["searchPersons"]["items"]) == 1
