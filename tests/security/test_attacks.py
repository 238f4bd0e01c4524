"""Attacks on the assembled platform (`tongban serve` in process): every one is refused.

Each case asserts the exact status and error body: no personal data leaks, nothing is
answered with a 500. The platform runs once for the module, on a small demo population.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import AsyncIterator
from typing import Any

import orjson
import pytest
import pytest_asyncio
from graphql import FieldNode, OperationDefinitionNode, parse
from joserfc.jwk import ECKey

from agencies.police.seed import CASE_PREFIXES, case_number, closed_case_number
from agencies.population import PopulationSpec, generate
from authz.headers import ActorHeaders
from authz.keys import KeySet, generate_key
from gateway.safelist import document_id
from identity.keys import SigningKeys
from identity.tokens import mint_access_token
from tests.conftest import staff
from tests.tongban.platform import SUPERVISOR, RunningPlatform, bearer, running_platform
from web.citizen_operations import CITIZEN_PERSON

PEOPLE = 100
SPEC = PopulationSpec(people=PEOPLE)
QUERY = {"query": "{ __typename }"}
PERSON = (
    "query($id: String!) { person(idNumber: $id) "
    "{ idNumber name birthDate household { address } } }"
)
SERVICE_SDL = {"query": "{ _service { sdl } }"}
SUBGRAPH_REFUSAL = {
    "errors": [
        {
            "message": "A valid actor token is required to call this subgraph.",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ]
}


@pytest_asyncio.fixture(scope="module")
async def platform(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningPlatform]:
    """The platform on a demo population of 100; direct subgraph calls are not signed."""
    data_dir = tmp_path_factory.mktemp("attacked-platform")
    async with running_platform(data_dir, PEOPLE, sign_subgraph_calls=False) as running:
        yield running


def refusal(message: str, code: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def unauthenticated(reason: str) -> dict[str, Any]:
    return refusal(f"Authentication required: {reason}.", "UNAUTHENTICATED")


def provider_key(platform: RunningPlatform) -> ECKey:
    return SigningKeys.open(platform.identity.key_file).current()


def forged(platform: RunningPlatform, key: ECKey | None = None, **overrides: Any) -> str:
    """A supervisor's access token, as the provider would mint it, with claims changed."""
    settings = platform.identity
    now = int(overrides.pop("now", time.time()))
    options: dict[str, Any] = {
        "issuer": settings.issuer,
        "audience": settings.audience,
        "subject": SUPERVISOR,
        "client_id": "tongban-cli",
        "scope": "openid gateway",
        "attributes": {
            "kind": "SUPERVISOR",
            "agency": "police",
            "unit": "350400000000",
            "region": "350400",
            "roles": ["supervisor"],
        },
        "now": now,
        "ttl": 600,
        **overrides,
    }
    return mint_access_token(key or provider_key(platform), **options)


def segment(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(value)).rstrip(b"=").decode()


def alg_none(platform: RunningPlatform) -> str:
    _, payload, _ = forged(platform).split(".")
    return f"{segment({'alg': 'none', 'typ': 'at+jwt'})}.{payload}."


def hmac_with_public_key(platform: RunningPlatform) -> str:
    """HS256 keyed with the provider's published public key (algorithm confusion)."""
    key = provider_key(platform)
    _, payload, _ = forged(platform).split(".")
    signing_input = f"{segment({'alg': 'HS256', 'typ': 'at+jwt', 'kid': key.kid})}.{payload}"
    mac = hmac.new(key.as_pem(private=False), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def stranger_key(kid: str) -> ECKey:
    return ECKey.generate_key("P-256", parameters={"kid": kid, "alg": "ES256"}, private=True)


BAD_TOKENS = [
    ("missing", lambda p: None, "missing bearer token"),
    (
        "expired",
        lambda p: forged(p, now=time.time() - 3_600),
        "token refused: The token is expired",
    ),
    (
        "wrong audience",
        lambda p: forged(p, audience="tax-portal"),
        "token refused: Invalid claim: 'aud'",
    ),
    (
        "wrong issuer",
        lambda p: forged(p, issuer="https://evil.example"),
        "token from an untrusted issuer",
    ),
    ("alg none", alg_none, "token refused: Algorithm of 'none' is not allowed"),
    (
        "HMAC with the public key",
        hmac_with_public_key,
        "token refused: Algorithm of 'HS256' is not allowed",
    ),
    (
        "unknown kid",
        lambda p: forged(p, key=stranger_key("rotated-away")),
        "token refused: No key for kid: 'rotated-away'",
    ),
]


@pytest.mark.parametrize(("case", "make", "reason"), BAD_TOKENS, ids=[c[0] for c in BAD_TOKENS])
async def test_gateway_refuses_bad_access_tokens(
    platform: RunningPlatform, case: str, make: Any, reason: str
) -> None:
    # given a missing, expired, misdirected or forged access token
    token = make(platform)
    headers = bearer(token) if token else {"tongban-purpose": "HOUSEHOLD_ADMINISTRATION"}
    # when it is sent to the gateway with a query for personal data
    response = await platform.client.post(
        "/graphql",
        json={"query": PERSON, "variables": {"id": "350424200001010000"}},
        headers=headers,
    )
    # then the gateway answers 401 and why, and nothing else
    assert (response.status_code, response.headers["www-authenticate"], response.json()) == (
        401,
        'Bearer error="invalid_token"',
        unauthenticated(reason),
    )


async def test_subgraph_refuses_calls_without_an_actor_token(platform: RunningPlatform) -> None:
    # when a subgraph is called directly, past the gateway, with no actor token
    response = await platform.client.post("/subgraphs/police/graphql", json=SERVICE_SDL)
    # then it answers 401 and nothing else
    assert (response.status_code, response.json()) == (401, SUBGRAPH_REFUSAL)


async def test_subgraph_refuses_an_actor_token_signed_by_another_key(
    platform: RunningPlatform,
) -> None:
    # given an actor token for the police signed with a key the platform does not hold
    forger = ActorHeaders(KeySet(current=generate_key()))
    # when it is sent to the police subgraph directly
    response = await platform.client.post(
        "/subgraphs/police/graphql",
        json=SERVICE_SDL,
        headers=forger.headers(staff("police"), "police"),
    )
    # then it is refused
    assert (response.status_code, response.json()) == (401, SUBGRAPH_REFUSAL)


async def test_subgraph_refuses_a_replayed_actor_token(platform: RunningPlatform) -> None:
    # given one valid actor token for the police, minted with the platform's key
    headers = platform.app.state.actor_headers.headers(staff("police"), "police")
    # when it is sent twice
    first = await platform.client.post(
        "/subgraphs/police/graphql", json=SERVICE_SDL, headers=headers
    )
    second = await platform.client.post(
        "/subgraphs/police/graphql", json=SERVICE_SDL, headers=headers
    )
    # then the first call is answered and the replay refused
    assert first.status_code == 200 and "type Person" in first.json()["data"]["_service"]["sdl"]
    assert (second.status_code, second.json()) == (401, SUBGRAPH_REFUSAL)


async def test_subgraph_refuses_an_actor_token_for_another_subgraph(
    platform: RunningPlatform,
) -> None:
    # given a valid actor token minted for the tax subgraph
    headers = platform.app.state.actor_headers.headers(staff("police"), "tax")
    # when it is sent to the police subgraph
    response = await platform.client.post(
        "/subgraphs/police/graphql", json=SERVICE_SDL, headers=headers
    )
    # then the police refuse it
    assert (response.status_code, response.json()) == (401, SUBGRAPH_REFUSAL)


def scenario(name: str) -> tuple[str, str]:
    """The (guardian, child) or (mother, child) ID numbers of a demo scenario."""
    unit = next(u for u in generate(SPEC) if u.scenario == name)
    return unit.roles["guardian"], unit.roles["child"]


def citizen_person(token: str, id_number: str, *, by_id: bool = False) -> dict[str, Any]:
    """The call of the portal's CitizenPerson for `id_number`, by text or by documentId."""
    operation = {"documentId": document_id(CITIZEN_PERSON)} if by_id else {"query": CITIZEN_PERSON}
    return {
        "json": {**operation, "variables": {"idNumber": id_number}},
        "headers": bearer(token, None),
    }


def person_fields() -> list[str]:
    """The fields CitizenPerson selects on the person, in order."""
    (operation,) = parse(CITIZEN_PERSON).definitions
    assert isinstance(operation, OperationDefinitionNode)
    (person,) = operation.selection_set.selections
    assert isinstance(person, FieldNode) and person.selection_set is not None
    return [f.name.value for f in person.selection_set.selections if isinstance(f, FieldNode)]


def forbidden_person(id_number: str) -> dict[str, Any]:
    """The answer to CitizenPerson for a record the caller may not read: keys only."""
    personal = [field for field in person_fields() if field != "idNumber"]
    return {
        "data": {"person": {"idNumber": id_number, **dict.fromkeys(personal)}},
        "errors": sorted((["person", field], "FORBIDDEN") for field in personal),
    }


def keys_and_refusals(answer: dict[str, Any]) -> dict[str, Any]:
    """An answer's data and its errors as sorted (path, code) pairs."""
    return {
        "data": answer.get("data"),
        "errors": sorted((e["path"], e["extensions"]["code"]) for e in answer.get("errors", ())),
    }


async def test_citizen_cannot_read_another_citizens_record(platform: RunningPlatform) -> None:
    # given a citizen signed in, and someone else of the register
    guardian, child = scenario("grandparent_guardian")
    registered = sorted(p.id_number for u in generate(SPEC) for p in u.persons if p.registered)
    stranger = next(i for i in registered if i not in (guardian, child))
    token = await platform.token(guardian)
    # when the citizen runs the portal's CitizenPerson with the stranger's ID number
    response = await platform.client.post("/graphql", **citizen_person(token, stranger))
    # then only the key comes back; every personal field of every agency is null and FORBIDDEN
    assert response.status_code == 200
    assert keys_and_refusals(response.json()) == forbidden_person(stranger)


async def test_guardian_reads_their_wards_record(platform: RunningPlatform) -> None:
    # given the grandmother appointed guardian of a girl of 9
    guardian, ward = scenario("grandparent_guardian")
    token = await platform.token(guardian)
    # when she runs the portal's CitizenPerson, by its id, with her ward's ID number
    response = await platform.client.post("/graphql", **citizen_person(token, ward, by_id=True))
    # then she reads her ward's record across the agencies
    assert response.status_code == 200
    assert "errors" not in response.json()
    person = response.json()["data"]["person"]
    assert person["idNumber"] == ward and person["name"] and person["birthDate"]
    assert ward in [m["idNumber"] for m in person["household"]["members"]]


async def test_citizen_cannot_page_the_register(platform: RunningPlatform) -> None:
    # given a citizen signed in, guardian of one minor
    guardian, _ = scenario("grandparent_guardian")
    token = await platform.token(guardian)
    search = (
        "query($r: String!) { searchPersons(regionCode: $r, first: 100) "
        "{ items { idNumber } pageInfo { hasNextPage } } }"
    )
    # when they try to page through their county's register with an ad-hoc query, by text
    # and by the id of a document the portal never published
    answers = [
        await platform.client.post(
            "/graphql",
            json={**operation, "variables": {"r": guardian[:6]}},
            headers=bearer(token, None),
        )
        for operation in ({"query": search}, {"documentId": document_id(search)})
    ]
    # then neither runs: only the portal's persisted operations may be sent by citizens
    assert [(a.status_code, a.json()) for a in answers] == [
        (
            403,
            refusal("Only persisted operations may be sent here.", "PERSISTED_QUERY_NOT_IN_LIST"),
        ),
        (400, refusal("Unknown persisted operation.", "PERSISTED_QUERY_NOT_FOUND")),
    ]


async def test_staff_without_a_purpose_are_refused(platform: RunningPlatform) -> None:
    # given a supervisor's valid token, sent without a purpose
    token = await platform.token(SUPERVISOR)
    response = await platform.client.post("/graphql", json=QUERY, headers=bearer(token, None))
    # then the gateway answers 403
    assert (response.status_code, response.json()) == (
        403,
        refusal("declare a purpose of access in the Tongban-Purpose header.", "PURPOSE_REQUIRED"),
    )


async def test_oversized_body_is_refused(platform: RunningPlatform) -> None:
    # given a body over the gateway's 2 MB limit
    token = await platform.token(SUPERVISOR)
    body = b'{"query": "{ __typename }", "padding": "' + b"a" * 2_000_000 + b'"}'
    response = await platform.client.post(
        "/graphql",
        content=body,
        headers={**bearer(token), "content-type": "application/json"},
    )
    # then it is refused with 413 before it is read
    assert (response.status_code, response.json()) == (
        413,
        refusal("Request body is larger than 2000000 bytes.", "BAD_REQUEST"),
    )


async def test_mutation_over_get_is_refused(platform: RunningPlatform) -> None:
    # given a valid mutation sent over GET (a GET must never change records)
    token = await platform.token(SUPERVISOR)
    mutation = (
        'mutation { changeName(application: "YW-1", idNumber: "350424200709220019", '
        'newName: "段东", effectiveOn: "2026-11-01") { replayed } }'
    )
    response = await platform.client.get(
        "/graphql",
        params={"query": mutation},
        headers={
            **bearer(token),
            "apollo-require-preflight": "true",
            "accept": "application/graphql-response+json",
        },
    )
    # then nothing runs: the gateway refuses it with 405, naming POST
    assert (response.status_code, response.headers["allow"], response.json()) == (
        405,
        "POST",
        refusal("Mutations can only be sent over HTTP POST.", "BAD_REQUEST"),
    )


async def test_cross_site_post_is_refused_as_csrf(platform: RunningPlatform) -> None:
    # given a simple cross-site POST (text/plain needs no CORS preflight)
    token = await platform.token(SUPERVISOR)
    response = await platform.client.post(
        "/graphql",
        content=orjson.dumps(QUERY),
        headers={**bearer(token), "content-type": "text/plain"},
    )
    # then it is blocked
    assert (response.status_code, response.json()) == (
        400,
        refusal(
            "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
            "Send a JSON body with `Content-Type: application/json`, or a non-empty "
            "`apollo-require-preflight` header.",
            "BAD_REQUEST",
        ),
    )


def nested(levels: int) -> str:
    return (
        '{ person(idNumber: "350424200001010000") { '
        + "father { " * levels
        + "name"
        + " }" * levels
        + " } }"
    )


async def test_depth_and_alias_abuse_hit_the_limits(platform: RunningPlatform) -> None:
    # given a query 22 levels deep and one with 40 aliased root fields
    token = await platform.token(SUPERVISOR)
    aliases = "{ " + " ".join(f'a{i}: person(idNumber: "{i}") {{ name }}' for i in range(40)) + " }"
    deep = await platform.client.post("/graphql", json={"query": nested(20)}, headers=bearer(token))
    wide = await platform.client.post("/graphql", json={"query": aliases}, headers=bearer(token))
    # then both are refused before planning, naming the limits
    assert (deep.status_code, deep.json()) == (
        200,
        refusal("Operation exceeds the depth limit: 22 > 15.", "MAX_DEPTH_LIMIT"),
    )
    assert (wide.status_code, wide.json()) == (
        200,
        {
            "errors": [
                {
                    "message": "Operation exceeds the aliases limit: 40 > 30.",
                    "extensions": {"code": "MAX_ALIASES_LIMIT"},
                },
                {
                    "message": "Operation exceeds the root fields limit: 40 > 20.",
                    "extensions": {"code": "MAX_ROOT_FIELDS_LIMIT"},
                },
            ]
        },
    )


CASE_PERSON = "query($id: String!) { person(idNumber: $id) { idNumber name idCards { status } } }"


def station_officer(platform: RunningPlatform, region: str) -> str:
    """An access token of an officer of the first police station of a county."""
    return forged(
        platform,
        subject="police.station.officer",
        attributes={
            "kind": "STAFF",
            "agency": "police",
            "unit": f"{region}510000",
            "region": region,
            "roles": ["officer"],
        },
    )


async def test_staff_may_only_declare_open_cases_of_their_unit(platform: RunningPlatform) -> None:
    # given an officer of a station, investigating a registered person of its county
    person = next(p for u in generate(SPEC) for p in u.persons if p.registered)
    region = person.region_code
    other = next(r for r in CASE_PREFIXES if r not in (region, "350400"))
    token = station_officer(platform, region)
    cases = [
        case_number(f"{region}510000", 1),  # open, of their own station
        case_number(f"{other}000000", 1),  # open, of another county's bureau
        closed_case_number(region),  # closed, of their own station
    ]
    # when the officer reads the person's identity cards, declaring each case in turn
    answers = [
        await platform.client.post(
            "/graphql",
            json={"query": CASE_PERSON, "variables": {"id": person.id_number}},
            headers={**bearer(token, "CASE_INVESTIGATION"), "tongban-case": case},
        )
        for case in cases
    ]
    # then the open case of their station reads the record, and the others are refused
    first = answers[0].json()
    assert answers[0].status_code == 200 and "errors" not in first
    assert first["data"]["person"]["name"] == person.name
    assert [(a.status_code, a.json()) for a in answers[1:]] == [
        (403, refusal(f"case {case} is not assigned to your unit.", "CASE_NOT_ASSIGNED"))
        for case in cases[1:]
    ]


async def test_bureaus_may_declare_the_cases_of_their_stations(platform: RunningPlatform) -> None:
    # given the city supervisor (city bureau), declaring a station's open case
    token = await platform.token(SUPERVISOR)
    response = await platform.client.post(
        "/graphql",
        json=QUERY,
        headers={**bearer(token, "CASE_INVESTIGATION"), "tongban-case": "NH-2026-5101"},
    )
    # then the gateway lets the request through
    assert (response.status_code, response.json()) == (200, {"data": {"__typename": "Query"}})
